import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manualClock, startTestServer, type TestServer } from './helper.ts';
import { makeCrew, playDay } from './hall-day.ts';
import { readDayLog } from '../src/repositories/day-log.repository.ts';
import { hallModel } from '../src/services/hall/hall-model.ts';
import { localClock } from '../src/engine/day.ts';
import type { EngineEvent } from '../src/engine/index.ts';
import { scenarioFromLog } from '../src/sim/from-log.ts';
import { whatIf } from '../src/sim/what-if.ts';
import { validateScenario } from '../src/sim/load.ts';
import { simulate } from '../src/sim/simulator.ts';
import { auditTrace } from '../src/sim/audit.ts';
import { computeMetrics } from '../src/sim/metrics.ts';

/**
 * Issue 18, "what if": a day played against the real server (HTTP, SQLite), its log read back
 * read-only from the hall's database file, replayed with the day's staffing and with one more
 * window, and the command line on the same file.
 */
const DAY = '2026-11-23';
const OPENING = Date.parse(`${DAY}T09:00:00+08:00`);
const CLI = resolve(fileURLToPath(import.meta.url), '../../src/cli/simulate.ts');
let srv: TestServer;
let events: EngineEvent[];

beforeAll(async () => {
  srv = await startTestServer({ clock: manualClock(OPENING - 3_600_000) });
  const crew = await makeCrew(srv);
  await playDay(srv, crew, { opening: OPENING, seed: 11, visitors: 90 });
  srv.ctx.hall.flush();
  events = readDayLog(srv.dataDir, DAY) as EngineEvent[];
}, 180_000);
afterAll(async () => { await srv.close(); });

const clock = (ms: number) => localClock(ms, srv.config.hall.timezone);

describe('what if, from a real day of the hall', () => {
  it('given the day\'s log, then it becomes a valid scenario of its visitors, services and staffing', () => {
    const model = hallModel(srv.config);
    const log = scenarioFromLog(events, model, 'log', OPENING);
    const issued = events.filter((e) => e.type === 'ticket.issued').length;
    expect(issued).toBeGreaterThan(60);
    expect(log.scenario.tickets.length + log.left.neverCalled).toBe(issued);
    expect(() => validateScenario(log.scenario)).not.toThrow();
    // The harness staffs six windows (a late one, a handover, lunch breaks): all six are there, with breaks.
    expect(log.scenario.windows.map((w) => w.id)).toEqual(['W01', 'W02', 'W03', 'W04', 'W06', 'W09']);
    expect(log.scenario.windows.some((w) => (w.breaks ?? []).length > 0)).toBe(true);
    expect(log.scenario.tickets.some((t) => t.next?.length)).toBe(true);
    expect(log.scenario.tickets.some((t) => t.appointmentAt !== undefined)).toBe(true);
    expect(auditTrace(log.scenario, simulate(log.scenario, 'balanced'))).toEqual([]);
  });

  it('given the day\'s own staffing, then the replay\'s waits are of the size the hall really had', () => {
    const r = whatIf({ day: DAY, events, model: hallModel(srv.config), clock });
    expect(r.hours[0].hour).toBe('09:00');
    expect(r.hours.length).toBeGreaterThanOrEqual(7);
    expect(r.whatIf.unserved).toBe(0);
    expect(r.whatIf.visits).toBe(r.actual.visits);
    // The same visitors, services and windows: the replay's mean is the real one give or take the
    // clerks' own pace (the harness's clerks start most visits a little after the call).
    expect(r.whatIf.meanSec).toBeGreaterThan(0.4 * r.actual.meanSec);
    expect(r.whatIf.meanSec).toBeLessThan(2 * r.actual.meanSec + 60);
  });

  it('given one more window open all day, then the waits it would have given are shorter, hour by hour where it mattered', () => {
    const model = hallModel(srv.config);
    const same = whatIf({ day: DAY, events, model, clock });
    const more = whatIf({ day: DAY, events, model, clock, staffing: { open: [{ windowId: 'W12', at: '09:00' }] } });
    expect(more.scenario.windows.map((w) => w.id)).toContain('W12');
    expect(more.whatIf.meanSec).toBeLessThan(same.whatIf.meanSec);
    expect(more.hours.filter((h, i) => h.whatIf.meanSec < same.hours[i].whatIf.meanSec).length).toBeGreaterThan(0);
    expect(more.hours.every((h, i) => h.whatIf.meanSec <= same.hours[i].whatIf.meanSec + 60)).toBe(true);
  });

  it('given the command line on the hall\'s data folder, then it prints the day hour by hour; a bad date is refused', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    const ok = run('--from-log', DAY, '--data', srv.dataDir, '--open', 'W12@09:00');
    console.info(ok.stdout);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^2026-11-23: \d+ visits replayed with balanced/);
    expect(ok.stdout).toMatch(/\n {2}09:00 /);
    expect(ok.stdout).toMatch(/\n {2}day /);
    const bad = run('--from-log', '23.11.2026', '--data', srv.dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is not a date');
    const none = run('--from-log', '2026-11-01', '--data', srv.dataDir);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no tickets on 2026-11-01');
  }, 200_000); // three processes start tsx (each bounded to 60 s): seconds each on a busy machine
});

describe('what if in the console: POST /api/what-if on the same day, in a thread of its own', () => {
  let sup: string;
  const job = (id: string) => srv.api(`/api/what-if/${id}`, { token: sup });
  /** Reads a running replay until it ends; returns every state seen. */
  async function follow(id: string) {
    const seen = [];
    for (let i = 0; i < 600; i++) {
      const j = await job(id);
      seen.push(j);
      if (j.status !== 'running') return seen;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the replay did not end in 15 s');
  }

  beforeAll(async () => {
    // The next morning: the day is finished.
    srv.clock.set(Date.parse('2026-11-24T10:00:00+08:00'));
    // Sessions last a working day: sign in again on Tuesday.
    sup = await srv.login('day-supervisor', 'password-123');
  });

  it('lists the finished day, the policies and the windows', async () => {
    const r = await srv.api('/api/what-if/days', { token: sup });
    expect(r.days[0]).toEqual({ day: DAY, tickets: events.filter((e) => e.type === 'ticket.issued').length });
    expect(r.policies).toEqual(expect.arrayContaining(['balanced', 'fifo']));
    expect(r.windows.find((w: { id: string }) => w.id === 'W12').skills).toContain('social');
  });

  it('had W12 opened at 9:00: runs with progress, then answers hour by hour beside what happened and the day replayed as staffed', async () => {
    const started = await srv.api('/api/what-if', { token: sup, body: { day: DAY, staffing: { open: [{ windowId: 'W12', at: '09:00' }] } } });
    expect(started).toMatchObject({ day: DAY, status: 'running', progress: 0, result: null });
    // The server answers others while it runs.
    expect((await srv.api('/api/health')).status).toBe('ok');
    const seen = await follow(started.id);
    const done = seen.at(-1);
    expect(done).toMatchObject({ status: 'done', progress: 1, phase: 'done', error: null });
    // Progress only grows.
    const progress = seen.map((j) => j.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const r = done.result;
    const direct = whatIf({ day: DAY, events, model: hallModel(srv.config), clock });
    const more = whatIf({ day: DAY, events, model: hallModel(srv.config), clock, staffing: { open: [{ windowId: 'W12', at: '09:00' }] } });
    // The thread computed what the pure function computes: what happened, as staffed, what if.
    expect(r.actual).toEqual(direct.actual);
    expect(r.replayed).toEqual(direct.whatIf);
    expect(r.whatIf).toEqual(more.whatIf);
    expect(r.hours.map((h: { hour: string }) => h.hour)).toEqual(more.hours.map((h) => h.hour));
    expect(r.hours[0]).toMatchObject({ hour: '09:00', actual: more.hours[0].actual, whatIf: more.hours[0].whatIf, replayed: direct.hours[0].whatIf });
    expect(r.whatIf.meanSec).toBeLessThan(r.replayed.meanSec);
    expect(r.windows.find((w: { id: string }) => w.id === 'W12')).toMatchObject({ opens: '09:00' });
    expect(r.targetSec).toBeGreaterThan(600);
  });

  it('refuses what it cannot replay, with stable codes', async () => {
    const refuse = async (body: object) => {
      try {
        await srv.api('/api/what-if', { token: sup, body });
        return 'accepted';
      } catch (e) {
        return `${(e as { status: number }).status} ${(e as { code: string }).code}`;
      }
    };
    expect(await refuse({ day: '2026-11-24' })).toBe('409 DAY_NOT_FINISHED');
    expect(await refuse({ day: '2026-11-02' })).toBe('404 DAY_NOT_FOUND');
    expect(await refuse({ day: '23.11.2026' })).toMatch(/^400 /);
    expect(await refuse({ day: DAY, policy: 'magic' })).toBe('422 UNKNOWN_POLICY');
    expect(await refuse({ day: DAY, staffing: { open: [{ windowId: 'W99', at: '09:00' }] } })).toBe('422 WHAT_IF_INVALID');
    expect(await refuse({ day: DAY, staffing: { windows: [{ id: 'W01', opens: '12:00', closes: '09:00' }] } })).toBe('422 WHAT_IF_INVALID');
    expect(await refuse({ day: DAY, staffing: { windows: [{ id: 'W01', opens: '09:00', closes: '17:00', skills: ['tx'] }] } })).toBe('422 WHAT_IF_INVALID');
    expect(await refuse({ day: DAY, staffing: { open: [{ windowId: 'W12', at: '9 am' }] } })).toMatch(/^400 /);
    expect(await refuse({ day: DAY, extra: 1 })).toMatch(/^400 /);
    const clerk = await srv.login('day-clerk-0', 'password-123');
    expect(await srv.api('/api/what-if', { token: clerk, body: { day: DAY } }).catch((e) => e.code)).toBe('FORBIDDEN');
    // One replay at a time.
    const first = await srv.api('/api/what-if', { token: sup, body: { day: DAY, policy: 'fifo' } });
    expect(await refuse({ day: DAY })).toBe('409 WHAT_IF_BUSY');
    expect((await follow(first.id)).at(-1).status).toBe('done');
  });

  it('the staffing advice for the day, replayed, meets the target it promises, hour by hour', async () => {
    const plan = srv.ctx.staffing.plan(DAY);
    const started = await srv.api('/api/what-if', { token: sup, body: { day: DAY, preset: 'advice' } });
    const r = (await follow(started.id)).at(-1).result;
    // The windows replayed are the advice's: as many in each hour as it asked for.
    const openAt = (hour: number) => r.windows.filter((w: { opens: string; closes: string; breaks?: [string, string][] }) => {
      const at = `${String(hour).padStart(2, '0')}:00`;
      return w.opens <= at && at < w.closes && !(w.breaks ?? []).some(([a, b]) => a <= at && at < b);
    }).length;
    for (const h of plan.hours.filter((x) => r.hours.some((y: { hour: string }) => y.hour === x.label))) expect(openAt(h.hour)).toBe(Math.min(h.windowsNeeded, srv.config.windows.length));
    expect(r.targetSec).toBeGreaterThan(600);
    expect(r.whatIf.unserved).toBe(0);
    expect(r.whatIf.visits).toBe(r.actual.visits);
    console.info('advice replayed', r.targetSec, r.whatIf, r.hours.map((h: { hour: string; whatIf: { meanSec: number } }) => `${h.hour} ${h.whatIf.meanSec}`).join(', '));
    expect(r.whatIf.meanSec).toBeLessThanOrEqual(r.targetSec);
    for (const h of r.hours) expect(h.whatIf.meanSec, h.hour).toBeLessThanOrEqual(r.targetSec);
    // And each matter within its own target (pickup's 10 minutes the tightest): the same replay, by service.
    const advised = whatIf({ day: DAY, events, model: hallModel(srv.config), clock, staffing: { windows: srv.ctx.staffing.adviceWindows(DAY) } });
    const metrics = computeMetrics(advised.scenario, simulate(advised.scenario, srv.ctx.hall.policy.name, { estimates: false }));
    expect(Math.round(metrics.overall.mean)).toBe(r.whatIf.meanSec);
    const byService = Object.entries(metrics.byService).map(([id, m]) => ({ id, mean: Math.round(m.mean), target: srv.config.services.find((x) => x.id === id)!.targetWaitSec }));
    console.info('advice replayed by service', byService);
    for (const x of byService) expect(x.mean, x.id).toBeLessThanOrEqual(x.target);
  });
});
