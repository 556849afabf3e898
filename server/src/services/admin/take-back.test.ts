import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShippedEvent } from '@onewindow/protocol/centre';
import { commands, createHallState } from '../../engine/index.ts';
import { sequentialContext, smallHall } from '../../engine/testing.ts';
import { AppointmentRepository } from '../../repositories/appointment.repository.ts';
import { openDatabase, type Db } from '../../repositories/db.ts';
import { EventRepository } from '../../repositories/event.repository.ts';
import { HallRepository } from '../../repositories/hall.repository.ts';
import { restoreBackup } from './restore.service.ts';
import type { CentreLog } from '../centre/centre-log.ts';
import { fetchLost, replayLost, TakeBackRefused } from './take-back.ts';

const DAY = '2026-11-23';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A hall database whose log has `n` events (windows signing in), as a backup would hold it. */
function backupWith(n: number, dir = mkdtempSync(join(tmpdir(), 'ow-take-back-'))): Db {
  dirs.push(dir);
  const db = openDatabase(dir);
  const log = new EventRepository(db);
  new HallRepository(db).setMeta('day', DAY);
  for (let i = 1; i <= n; i++) log.append({ type: 'window.signed-in', at: i * 1000, windowId: 'W01', clerkId: 'c1' } as never, DAY, 'user:c1');
  return db;
}

const shipped = (seq: number, at = seq * 1000, type = 'window.signed-in'): ShippedEvent => ({
  seq, day: DAY, at, type, ticketId: null, windowId: 'W01', actor: 'user:c1', data: { type, at, windowId: 'W01', clerkId: 'c1' },
});

/** The centre's copy of the log, answered in pages of `page` as GET /api/halls/:id/events does. */
function centreHolding(events: ShippedEvent[], page = 2): CentreLog & { asked: number[] } {
  const asked: number[] = [];
  const read = async (after: number) => {
    asked.push(after);
    return { events: events.filter((e) => e.seq > after).slice(0, page), shippedSeq: events.at(-1)?.seq ?? 0 };
  };
  return Object.assign(read, { asked });
}

describe('taking back from the centre what a backup lacks', () => {
  it('reads every page after the backup\'s end, from its last event, which the centre must hold the same', async () => {
    const db = backupWith(3);
    const centre = centreHolding([1, 2, 3, 4, 5, 6, 7].map((s) => shipped(s)));
    const lost = await fetchLost(db, centre);
    expect(lost.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(centre.asked).toEqual([2, 4, 6]); // it stops at the centre's end without asking once more
  });

  it('refuses a centre whose event at the backup\'s end is another (a backup of another hall)', async () => {
    const db = backupWith(3);
    const other = [shipped(1), shipped(2), shipped(3, 99_000), shipped(4)];
    await expect(fetchLost(db, centreHolding(other))).rejects.toThrow(TakeBackRefused);
    await expect(fetchLost(db, centreHolding(other))).rejects.toThrow(/event 3 is not this backup's last event/);
  });

  it('refuses a backup whose log was already renumbered after an earlier restore', async () => {
    const db = backupWith(3);
    new HallRepository(db).setMeta('centre.seqShift', JSON.stringify({ after: 2, by: 5 }));
    await expect(fetchLost(db, centreHolding([1, 2, 3, 4].map((s) => shipped(s))))).rejects.toThrow(/already continues an earlier restore/);
  });

  it('appends all of it or nothing: a gap in what the centre sent leaves the log as the backup had it', () => {
    const db = backupWith(3);
    expect(() => replayLost(db, smallHall, [shipped(4), shipped(6)], 10_000)).toThrow(/5 expected, 6 sent/);
    expect(new EventRepository(db).lastSeq()).toBe(3);
    const taken = replayLost(db, smallHall, [shipped(4), shipped(5)], 10_000);
    expect(taken).toMatchObject({ events: 2, fromSeq: 4, toSeq: 5, day: DAY });
    expect(new EventRepository(db).since(3).map((e) => [e.seq, e.type])).toEqual([[4, 'window.signed-in'], [5, 'window.signed-in']]);
  });

  it('by default asks the centre only when the database in place cannot be read: else going back to the backup is meant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-take-back-'));
    const live = backupWith(3, dir);
    const backup = join(dir, 'backup.db');
    await live.backup(backup);
    live.close();
    const centre = centreHolding([1, 2, 3, 4, 5].map((s) => shipped(s)));
    const skipped = await restoreBackup({ dataDir: dir, backup, fromCentre: { read: centre, model: smallHall, always: false } });
    expect(skipped.centre).toMatchObject({ skipped: expect.stringMatching(/could be read/) });
    expect(centre.asked).toEqual([]);
    const taken = await restoreBackup({ dataDir: dir, backup, fromCentre: { read: centre, model: smallHall, always: true } });
    expect(taken.centre).toMatchObject({ taken: { events: 2, fromSeq: 4, toSeq: 5 } });
  });

  it('keeps checked in a booking whose ticket is taken back, so that its visitor is not given a second one', () => {
    const db = backupWith(1);
    const bookings = new AppointmentRepository(db);
    bookings.insert({ id: 'b1', code: '123456', service_id: 'biz', day: DAY, slot_start: 3_600_000, slot_end: 5_400_000, name: null, phone: null,
      channel: 'web', created_by: null, created_at: 0, ip: null, phone_verified: 0 }, 10);
    const [issued] = commands.issueTicket(createHallState(smallHall, DAY, 0), { serviceId: 'biz', channel: 'kiosk', appointmentId: 'b1', appointmentAt: 3_600_000 }, sequentialContext(2000));
    if (issued.type !== 'ticket.issued') throw new Error(issued.type);
    const e: ShippedEvent = { seq: 2, day: DAY, at: issued.at, type: issued.type, ticketId: issued.ticket.id, windowId: null, actor: 'device:k1', data: issued as unknown as Record<string, unknown> };
    const taken = replayLost(db, smallHall, [e], 10_000);
    expect(taken.open).toEqual([issued.ticket.number]);
    expect(bookings.byId('b1')).toMatchObject({ status: 'checked-in', ticket_id: issued.ticket.id });
  });
});
