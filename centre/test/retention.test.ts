import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShippedEvent } from '@onewindow/protocol/centre';
import { readEnv } from '../src/env.ts';
import { syntheticDay } from '../src/testing/synthetic-day.ts';
import { startTestCentre, type TestCentre } from './helper.ts';

const NOW = Date.parse('2026-12-07T02:00:00Z'); // 10:00 in Shanghai: 90 days keep 2026-09-08 on
const OLD = '2026-08-03';
const RECENT = '2026-12-01';

/** A day of the synthetic log whose finishes carry a clerk's note, and a supervisor's follow-up at the hall. */
function dayWithNotes(day: string, firstSeq: number, note: string): ShippedEvent[] {
  const events = syntheticDay({ day, visits: 6, windows: 2, seed: 3, firstSeq });
  for (const e of events) if (e.type === 'ticket.finished') e.data.note = note;
  const finished = events.find((e) => e.type === 'ticket.finished')!;
  const at = finished.at + 3_600_000;
  events.push({ seq: events.at(-1)!.seq + 1, day, at, type: 'follow-up.recorded', ticketId: finished.ticketId, windowId: finished.windowId, actor: 'user:sup',
    data: { type: 'follow-up.recorded', at, ticketId: finished.ticketId, windowId: finished.windowId, status: 'called-back', note, by: '王主任' } });
  return events;
}

let c: TestCentre;
let now = NOW;
beforeAll(async () => {
  c = await startTestCentre({ clock: () => now, retentionDays: 90 });
});
afterAll(async () => c?.close());

describe('the centre\'s retention', () => {
  it('blanks the notes of days past the period in the events, the follow-ups and the audit, and keeps the figures', async () => {
    const { key } = await c.registerHall('h1');
    const old = dayWithNotes(OLD, 1, '老人说上次材料丢了');
    const recent = dayWithNotes(RECENT, old.at(-1)!.seq + 1, '需补身份证复印件');
    await c.call('/api/halls/h1/events', { token: key, body: { events: [...old, ...recent] } });
    const q = (sql: string, params: unknown[] = []) => c.db.pool.query(sql, params).then((r) => r.rows);
    await q(`INSERT INTO follow_up_actions (hall_id, ticket_id, status, note, by_user, at) VALUES
      ('h1', 'a', 'called-back', '回访：态度问题', 'district', $1), ('h1', 'b', 'resolved', '已整改', 'district', $2)`, [new Date(`${OLD}T03:00:00Z`), new Date(`${RECENT}T03:00:00Z`)]);
    await q(`INSERT INTO audit (at, actor, action, detail, ip) VALUES ($1, 'district', 'follow-up', '{"note":"回访：态度问题"}', '10.0.0.9'),
      ($2, 'district', 'follow-up', '{"note":"已整改"}', '10.0.0.9')`, [new Date(`${OLD}T03:00:00Z`), new Date(`${RECENT}T03:00:00Z`)]);
    const figures = () => q('SELECT day::text, count(*)::int AS visits, count(ended_at)::int AS ended FROM visits GROUP BY day ORDER BY day');
    const before = await figures();
    const notes = () => q(`SELECT day::text, data ->> 'note' AS note, count(*)::int AS n FROM events
      WHERE type IN ('ticket.finished', 'follow-up.recorded') GROUP BY 1, 2 ORDER BY 1, 2`);
    const oldNotes = (await notes()).find((r) => r.day === OLD)!.n;

    const purged = await c.ctx.retention.purge();
    expect(purged).toEqual({ beforeDay: '2026-09-08', events: oldNotes, hallFollowUps: 1, followUpActions: 1, audit: 1 });
    expect(await notes()).toEqual([
      { day: OLD, note: null, n: oldNotes },
      { day: RECENT, note: '需补身份证复印件', n: oldNotes },
    ]);
    expect(await q('SELECT note FROM hall_follow_ups ORDER BY at')).toEqual([{ note: '' }, { note: '需补身份证复印件' }]);
    expect(await q('SELECT note FROM follow_up_actions ORDER BY at')).toEqual([{ note: '' }, { note: '已整改' }]);
    expect(await q("SELECT detail, ip FROM audit WHERE action = 'follow-up' ORDER BY at")).toEqual([
      { detail: null, ip: null }, { detail: { note: '已整改' }, ip: '10.0.0.9' },
    ]);
    expect(await q("SELECT detail FROM audit WHERE action = 'retention.purged'")).toEqual([{ detail: purged }]);
    expect(await figures()).toEqual(before);

    // Rebuilt from the blanked events, the projections stay blank and the figures the same.
    await c.ctx.rebuild.rebuild();
    expect(await q('SELECT note FROM hall_follow_ups ORDER BY at')).toEqual([{ note: '' }, { note: '需补身份证复印件' }]);
    expect(await figures()).toEqual(before);

    // Nothing left to blank: a second purge changes nothing and logs nothing.
    expect(await c.ctx.retention.purge()).toEqual({ beforeDay: '2026-09-08', events: 0, hallFollowUps: 0, followUpActions: 0, audit: 0 });
    expect(await q("SELECT count(*)::int AS n FROM audit WHERE action = 'retention.purged'")).toEqual([{ n: 1 }]);
  });

  it('reads only the days since its last cutoff: each day\'s purge blanks that day\'s notes, not the archive again', async () => {
    const q = (sql: string, params: unknown[] = []) => c.db.pool.query(sql, params).then((r) => r.rows);
    // A note in a day already purged (as if it had been written there behind the centre's back) is not read again.
    await q(`UPDATE events SET data = jsonb_set(data, '{note}', '"写回的备注"') WHERE seq = (SELECT min(seq) FROM events WHERE day = $1 AND type = 'ticket.finished')`, [OLD]);
    now = Date.parse('2026-12-08T02:00:00Z');
    expect((await c.ctx.retention.purge()).events).toBe(0);
    // The day of the recent notes passes out of the period: that purge blanks them.
    now = Date.parse(`${RECENT}T02:00:00Z`) + 91 * 86_400_000;
    const p = await c.ctx.retention.purge();
    expect(p.beforeDay).toBe('2026-12-02');
    const notes = await q(`SELECT day::text, count(data ->> 'note')::int AS kept FROM events WHERE type IN ('ticket.finished', 'follow-up.recorded') GROUP BY 1 ORDER BY 1`);
    expect(notes).toEqual([{ day: OLD, kept: 1 }, { day: RECENT, kept: 0 }]);
    expect(p.events).toBeGreaterThan(0);
    now = NOW;
  });

  it('tells the admin its period and its last purge, and nobody else', async () => {
    const status = await c.admin<{ days: number; last: { beforeDay: string; events: number } }>('/api/district/settings/retention');
    expect(status.days).toBe(90);
    expect(status.last).toMatchObject({ beforeDay: '2026-12-02', at: Date.parse(`${RECENT}T02:00:00Z`) + 91 * 86_400_000 });
    await expect(c.call('/api/district/settings/retention')).rejects.toMatchObject({ status: 401 });
  });

  it('takes its period from ONEWINDOW_CENTRE_RETENTION_DAYS, refusing what is not a number of days', () => {
    expect(readEnv({}).retentionDays).toBe(90);
    expect(readEnv({ ONEWINDOW_CENTRE_RETENTION_DAYS: '365' }).retentionDays).toBe(365);
    for (const bad of ['0', '-3', '30d', '1.5']) {
      expect(() => readEnv({ ONEWINDOW_CENTRE_RETENTION_DAYS: bad })).toThrow(/ONEWINDOW_CENTRE_RETENTION_DAYS must be a whole number/);
    }
  });
});
