import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../src/engine/index.ts';
import { simulate } from '../src/sim/simulator.ts';
import { computeMetrics } from '../src/sim/metrics.ts';
import { Random } from '../src/sim/generate/random.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { meanWaitSec, serversNeeded } from '../src/queueing/erlang-c.ts';
import { planStaffing } from '../src/services/stats/staffing-plan.ts';
import { manualClock, refused, startTestServer, type TestServer } from './helper.ts';

/** A flexible hall (every window serves everything): Poisson arrivals, exponential service times. */
function flexibleDay(seed: number, windows: number, perHour: number, serviceSec: number, hours: number): Scenario {
  const rnd = new Random(seed);
  const tickets: Scenario['tickets'] = [];
  for (let t = rnd.exponential(3600 / perHour), i = 1; t < hours * 3600; t += rnd.exponential(3600 / perHour), i++) {
    tickets.push({ id: `T${String(i).padStart(5, '0')}`, arrival: Math.round(t * 10) / 10, service: 'x', priority: 'normal', serviceSec: Math.round(rnd.exponential(serviceSec) * 10) / 10 });
  }
  return {
    format: 'onewindow-scenario/1', name: `flexible-${seed}`, services: [{ id: 'x', name: '综合', prefix: 'A', targetWaitSec: 900 }],
    windows: Array.from({ length: windows }, (_, k) => ({ id: `W${String(k + 1).padStart(2, '0')}`, skills: ['x'], opensAt: 0, closesAt: (hours + 10) * 3600 })),
    tickets,
  };
}

/** Mean simulated wait over several seeded days. */
function simulatedMeanWait(windows: number, perHour: number, serviceSec: number): number {
  const means = [1, 2, 3, 4, 5].map((seed) => {
    const sc = flexibleDay(seed, windows, perHour, serviceSec, 10);
    return computeMetrics(sc, simulate(sc)).overall.mean;
  });
  return means.reduce((a, b) => a + b, 0) / means.length;
}

describe('staffing advice against the simulator', () => {
  for (const [perHour, serviceSec, target] of [[90, 240, 60], [40, 600, 300]]) {
    it(`${perHour}/h of ${serviceSec} s with a ${target} s target: the advised windows keep the simulated mean wait in target, one fewer does not`, () => {
      // Given the plan for an hour with this many arrivals expected
      const plan = planStaffing({
        phase: 'future', hours: [9], seen: new Map(), expected: new Map([[9, perHour]]), currentHour: null,
        serviceSec, mattersPerTicket: 1, targetSec: target, openNow: null, totalWindows: 30,
      });
      const c = plan.hours[0].windowsNeeded;
      expect(c).toBe(serversNeeded(perHour, serviceSec, target));
      // When the real engine runs days of that demand with c windows and with c − 1
      const withC = simulatedMeanWait(c, perHour, serviceSec);
      const withFewer = simulatedMeanWait(c - 1, perHour, serviceSec);
      // Then c holds the target and c − 1 misses it; the simulation agrees with Erlang C's order of magnitude
      expect(withC).toBeLessThanOrEqual(target);
      expect(withFewer).toBeGreaterThan(target);
      expect(withC / meanWaitSec(c, perHour, serviceSec)).toBeGreaterThan(0.4);
      expect(withC / meanWaitSec(c, perHour, serviceSec)).toBeLessThan(1.6);
    });
  }
});

describe('GET /api/stats/staffing', () => {
  let srv: TestServer;
  afterEach(async () => { await srv.close(); });
  const at = (date: string, hh: number, mm = 0) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);

  /** Tickets through the real engine (no HTTP: history is bulk), served by one window in 400 s each. */
  function seedDay(date: string, perHour: Record<number, number>, served: number) {
    const issue = (serviceId: string) => srv.ctx.hall.execute('test', (s, c) => commands.issueTicket(s, { serviceId, channel: 'kiosk' }, c), () => ({ status: 201, body: null }));
    for (const [h, n] of Object.entries(perHour)) {
      for (let i = 0; i < n; i++) {
        srv.clock.set(at(date, Number(h)) + Math.floor((i * 3_600_000) / n));
        issue(i % 3 === 0 ? 'social' : 'tax');
      }
    }
    const act = (f: (s: any, now: number) => any[]) => srv.ctx.hall.execute('test', (s, c) => f(s, c.now), () => ({ status: 200, body: null }));
    srv.clock.set(at(date, 17, 5));
    act((s, now) => commands.signIn(s, 'W03', 'clerk-x', now));
    for (let i = 0; i < served; i++) {
      act((s, now) => commands.callNext(s, 'W03', srv.ctx.hall.policy, now));
      srv.clock.advance(400_000);
      act((s, now) => commands.finish(s, 'W03', { outcome: 'done' }, now));
    }
    act((s, now) => commands.signOut(s, 'W03', now));
  }

  it('expects arrivals from the same weekday\'s history and advises windows by the hour they are needed', async () => {
    srv = await startTestServer({ clock: manualClock(at('2026-11-16', 8)) });
    const history = { 9: 20, 10: 60, 11: 50, 12: 20, 13: 20, 14: 40, 15: 40, 16: 10 };
    seedDay('2026-11-16', history, 12);
    srv.clock.set(at('2026-11-23', 8));
    seedDay('2026-11-23', { 9: 16, 10: 56, 11: 54, 12: 24, 13: 16, 14: 44, 15: 36, 16: 14 }, 12);
    // A Tuesday in between is not the same weekday: it does not count
    srv.clock.set(at('2026-11-24', 9));
    seedDay('2026-11-24', { 9: 200 }, 0);

    // Today, Monday 30 November at 09:30: 12 tickets so far, two windows open that serve them (tax, social)
    srv.clock.set(at('2026-11-30', 9));
    seedDay('2026-11-30', { 9: 12 }, 0);
    srv.clock.set(at('2026-11-30', 9, 30));
    const { token } = await srv.user('supervisor');
    const c1 = await srv.user('clerk');
    const c2 = await srv.user('clerk');
    await srv.api('/api/windows/W01/sign-in', { token: c1.token, body: {} });
    await srv.api('/api/windows/W03/sign-in', { token: c2.token, body: {} });
    const r = await srv.api('/api/stats/staffing', { token });

    expect(r).toMatchObject({ date: '2026-11-30', weekday: 'mon', historyDays: ['2026-11-23', '2026-11-16'], openNow: 2, totalWindows: 12 });
    expect(r.hours.map((h: any) => h.hour)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    expect(r.hours.map((h: any) => h.expected)).toEqual([18, 58, 52, 22, 18, 42, 38, 12]);
    expect(r.hours[0]).toMatchObject({ when: 'now', seen: 12, forecast: 18 });
    expect(r.mattersPerTicket).toBe(1);
    // Service time: the engine's running mean for today (nothing finished) is history's 400 s
    expect(r.serviceSec).toBe(400);
    // Every hour's windows are Erlang C's answer for its forecast
    for (const h of r.hours) expect(h.windowsNeeded, h.label).toBe(serversNeeded(h.forecast, r.serviceSec, r.targetSec));
    const first = r.hours.find((h: any) => h.windowsNeeded > 2);
    expect(r.advice).toMatchObject({ kind: 'open-more', byHour: first.hour, extra: first.windowsNeeded - 2 });
    expect(r.advice.zh).toBe(first.when === 'now' ? `现在再开 ${first.windowsNeeded - 2} 个窗口` : `${first.label} 前再开 ${first.windowsNeeded - 2} 个窗口`);
    expect(r.advice.en).toMatch(/^Open \d+ more windows? (now|by \d\d:00)$/);

    // A past day plans from what it saw; a day to come from history alone; neither gives advice
    const past = await srv.api('/api/stats/staffing?date=2026-11-23', { token });
    expect(past.hours.map((h: any) => h.forecast)).toEqual([16, 56, 54, 24, 16, 44, 36, 14]);
    expect(past.advice.kind).toBe('none');
    const next = await srv.api('/api/stats/staffing?date=2026-12-07', { token });
    expect(next.historyDays).toEqual(['2026-11-30', '2026-11-23', '2026-11-16']);
    expect(next.advice.kind).toBe('none');
    expect(await refused(srv.api('/api/stats/staffing', { token: c1.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});
