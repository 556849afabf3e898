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
  });
});
