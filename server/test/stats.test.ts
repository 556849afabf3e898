import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newStep, type Step, type Ticket } from '../src/engine/index.ts';
import { dayTarget, minuteOfDay, satisfactionDistribution, todaySeries } from '../src/services/stats/today-series.ts';
import { manualClock, refused, startTestServer, type TestServer } from './helper.ts';

const TZ = 'Asia/Shanghai';
const DAY = '2026-11-23';
/** 2026-11-23 at hh:mm in Shanghai, as epoch ms. */
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 23, hh - 8, mm, ss);
const targets = new Map([['biz', 1200], ['pickup', 600]]);

function ticket(issuedAt: number, steps: Partial<Step>[]): Ticket {
  return {
    id: randomUUID(), day: DAY, number: 'A001', priority: 'normal', channel: 'kiosk', issuedAt, trackToken: 't',
    appointmentAt: null, appointmentId: null, kioskId: null,
    steps: steps.map((s) => ({ ...newStep(s.serviceId ?? 'biz', s.queuedAt ?? issuedAt), ...s })),
  };
}

describe('todaySeries: quarter-hours of today', () => {
  it('counts arrivals by issue time, served by finish time and waits by call time', () => {
    // Given a ticket issued at 09:05, called at 09:25 (20 min wait), finished at 09:40,
    // and one issued at 09:10, called at 09:20 (10 min), still being served
    const a = ticket(at(9, 5), [{ calledAt: at(9, 25), startedAt: at(9, 26), finishedAt: at(9, 40), status: 'done', outcome: 'done' }]);
    const b = ticket(at(9, 10), [{ calledAt: at(9, 20), startedAt: at(9, 21), status: 'serving' }]);
    // When the series is built at 09:47 on a day that opens at 09:00
    const s = todaySeries([a, b], targets, { timezone: TZ, day: DAY, now: at(9, 47), openMin: 9 * 60 });
    // Then it runs 09:00…09:45 and puts each fact in its quarter-hour
    expect(s.map((x) => x.start)).toEqual(['09:00', '09:15', '09:30', '09:45']);
    expect(s.map((x) => x.arrivals)).toEqual([2, 0, 0, 0]);
    expect(s.map((x) => x.called)).toEqual([0, 2, 0, 0]);
    expect(s.map((x) => x.served)).toEqual([0, 0, 1, 0]);
    expect(s[1]).toMatchObject({ meanWaitSec: 900, targetWaitSec: 1200, overTarget: 0 });
    expect(s[0].meanWaitSec).toBeNull();
  });

  it('measures each matter of a transferred visit from when it joined its queue, against its own target', () => {
    // Given a biz step called after 5 min and transferred, then a pickup step called 15 min later
    const t = ticket(at(10, 0), [
      { serviceId: 'biz', calledAt: at(10, 5), finishedAt: at(10, 6), status: 'transferred' },
      { serviceId: 'pickup', queuedAt: at(10, 6), calledAt: at(10, 21), status: 'called' },
    ]);
    const s = todaySeries([t], targets, { timezone: TZ, day: DAY, now: at(10, 30), openMin: null });
    // Then the transfer is neither an arrival nor a service done, and the second wait is over target
    expect(s.map((x) => [x.start, x.arrivals, x.served, x.called, x.meanWaitSec, x.overTarget])).toEqual([
      ['10:00', 1, 0, 1, 300, 0], ['10:15', 0, 0, 1, 900, 1], ['10:30', 0, 0, 0, null, 0],
    ]);
    expect(dayTarget(s, targets)).toBe(900);
  });

  it('starts at the first activity when it precedes the opening, and is empty before anything happens', () => {
    const early = ticket(at(8, 40), [{}]);
    expect(todaySeries([early], targets, { timezone: TZ, day: DAY, now: at(9, 1), openMin: 540 })[0].start).toBe('08:30');
    expect(todaySeries([], targets, { timezone: TZ, day: DAY, now: at(8, 0), openMin: 540 })).toEqual([]);
    expect(todaySeries([], targets, { timezone: TZ, day: DAY, now: at(11, 0), openMin: null })).toEqual([]);
  });

  it('counts minutes after midnight (before the daily reset) past 24:00', () => {
    expect(minuteOfDay(at(23, 59), TZ, DAY)).toBe(1439);
    expect(minuteOfDay(at(24, 30), TZ, DAY)).toBe(1470);
  });

  it('falls back to the services\' plain mean target when nothing was called', () => {
    expect(dayTarget([], targets)).toBe(900);
  });
});

describe('satisfactionDistribution', () => {
  it('lists every score from 5 down to 1', () => {
    expect(satisfactionDistribution([{ score: 5, n: 7 }, { score: 2, n: 1 }])).toEqual([
      { score: 5, count: 7 }, { score: 4, count: 0 }, { score: 3, count: 0 }, { score: 2, count: 1 }, { score: 1, count: 0 },
    ]);
  });
});

describe('GET /api/stats/today', () => {
  let srv: TestServer;
  afterEach(async () => { await srv.close(); });

  it('gives supervisors today\'s series from the live hall and the ratings table', async () => {
    // Given a hall at 09:00 where a ticket is issued, waits 20 minutes, is served and rated
    srv = await startTestServer({ clock: manualClock(at(9, 0)) });
    const guide = await srv.user('guide');
    const clerk = await srv.user('clerk');
    const sup = await srv.user('supervisor');
    const { ticket: t } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'pickup' } });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    srv.clock.advance(20 * 60_000);
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/start', { token: clerk.token, body: {} });
    srv.clock.advance(5 * 60_000);
    await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'done' } });
    const insert = srv.db.prepare(`INSERT INTO evaluations (id, ticket_id, day, number, service_id, window_id, score, source, at)
      VALUES (?, ?, ?, 'G001', 'pickup', 'W01', ?, 'pad-web', ?)`);
    insert.run(randomUUID(), t.id, DAY, 5, at(9, 25));
    insert.run(randomUUID(), 'other', DAY, 2, at(9, 25));
    insert.run(randomUUID(), 'yesterday', '2026-11-22', 1, at(9, 25));

    // When a supervisor asks
    const s = await srv.api('/api/stats/today', { token: sup.token });

    // Then
    expect(s).toMatchObject({ day: DAY, bucketMin: 15, targetWaitSec: 600, openMin: 540, closeMin: 1020 });
    expect(s.now).toBe('2026-11-23T09:25:00.000+08:00');
    expect(s.buckets.map((b: any) => [b.start, b.arrivals, b.called, b.served, b.meanWaitSec, b.overTarget])).toEqual([
      ['09:00', 1, 0, 0, null, 0], ['09:15', 0, 1, 1, 1200, 1],
    ]);
    expect(s.satisfaction).toEqual([
      { score: 5, count: 1 }, { score: 4, count: 0 }, { score: 3, count: 0 }, { score: 2, count: 1 }, { score: 1, count: 0 },
    ]);
    expect(await refused(srv.api('/api/stats/today', { token: clerk.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/stats/today'))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
  });
});
