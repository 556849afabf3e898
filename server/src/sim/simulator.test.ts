import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { POLICIES } from '../engine/index.ts';
import type { Scenario, ScenarioTicket, ScenarioWindow } from './scenario.ts';
import { simulate } from './simulator.ts';
import { auditTrace } from './audit.ts';
import { computeMetrics } from './metrics.ts';
import { loadScenario } from './load.ts';
import { benchmarkDays, sampleDay } from './generate/halls.ts';
import { LIVE_CLERKS } from './clerks.ts';

const SAMPLE = fileURLToPath(new URL('../../bench/scenarios/sample-day.json', import.meta.url));

function day(windows: ScenarioWindow[], tickets: ScenarioTicket[], more: Partial<Scenario> = {}): Scenario {
  return {
    format: 'onewindow-scenario/1', name: 'test-day',
    services: [
      { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
      { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 900 },
    ],
    windows, tickets, ...more,
  };
}
const w = (id: string, skills = ['biz', 'tax'], opensAt = 0, closesAt = 3600, breaks?: Array<[number, number]>): ScenarioWindow =>
  (breaks ? { id, skills, opensAt, closesAt, breaks } : { id, skills, opensAt, closesAt });
const t = (id: string, arrival: number, serviceSec: number, more: Partial<ScenarioTicket> = {}): ScenarioTicket =>
  ({ id, arrival, service: 'biz', priority: 'normal', serviceSec, ...more });
const visit = (sc: Scenario, policy: string, ticket: string, step = 0) =>
  simulate(sc, policy).visits.find((v) => v.ticket === ticket && v.step === step)!;

describe('the simulated day', () => {
  it('calls at once, windows in id order, ties by arrival then id; numbers come from the engine', () => {
    const sc = day([w('W02'), w('W01')], [t('T2', 0, 100), t('T1', 0, 100), t('T3', 0, 50, { service: 'tax' })]);
    const trace = simulate(sc, 'fifo');
    expect(trace.visits.map((v) => [v.ticket, v.number, v.window, v.called])).toEqual([
      ['T2', 'A002', 'W02', 0], ['T1', 'A001', 'W01', 0], ['T3', 'B001', 'W01', 100],
    ]);
  });

  it('at one instant: finishes, then arrivals, then calls; a next step joins when its step finishes', () => {
    const sc = day([w('W01')], [t('T1', 0, 100, { next: [{ service: 'tax', serviceSec: 10 }] }), t('T2', 100, 20)]);
    const trace = simulate(sc, 'fifo');
    expect(trace.visits.map((v) => [v.ticket, v.step, v.number, v.arrival, v.called, v.finished])).toEqual([
      ['T1', 0, 'A001', 0, 0, 100], ['T1', 1, 'A001', 100, 100, 110], ['T2', 0, 'A002', 100, 110, 130],
    ]);
  });

  it('keeps breaks: the window finishes into its break and calls again after it', () => {
    const sc = day([w('W01', ['biz'], 0, 3600, [[50, 150]])], [t('T1', 0, 100), t('T2', 10, 10)]);
    expect(visit(sc, 'fifo', 'T1')).toMatchObject({ called: 0, finished: 100 });
    expect(visit(sc, 'fifo', 'T2')).toMatchObject({ called: 150, window: 'W01' });
  });

  it('after closing serves every step of those who came before, and nobody who came after', () => {
    const sc = day([w('W01', ['biz', 'tax'], 0, 100)], [
      t('T1', 0, 80), t('T2', 50, 80), t('T3', 90, 10, { next: [{ service: 'tax', serviceSec: 5 }] }), t('T4', 120, 10),
    ]);
    const trace = simulate(sc, 'balanced');
    const by = (id: string, step = 0) => trace.visits.find((v) => v.ticket === id && v.step === step)!;
    expect(by('T2')).toMatchObject({ called: 80, finished: 160 });
    expect(by('T3')).toMatchObject({ called: 160, finished: 170, outcome: 'done' });
    expect(by('T3', 1)).toMatchObject({ arrival: 170, called: 170, outcome: 'done' });
    expect(by('T4')).toMatchObject({ arrival: 120, called: null, window: null, finished: null, outcome: 'unserved' });
    expect(auditTrace(sc, trace)).toEqual([]);
  });

  it('a no-show keeps the window for the timeout and ends as no-show', () => {
    const sc = day([w('W01')], [t('T1', 0, 500, { noShow: true }), t('T2', 1, 30)], { noShowTimeoutSec: 45 });
    expect(visit(sc, 'fifo', 'T1')).toMatchObject({ called: 0, finished: 45, outcome: 'no-show' });
    expect(visit(sc, 'fifo', 'T2')).toMatchObject({ called: 45 });
  });

  it('wakes for a booked slot: a policy that holds a booking calls it at the slot less the lead', () => {
    const sc = day([w('W01')], [t('T1', 0, 60, { appointmentAt: 1000 })]);
    expect(visit(sc, 'fair', 'T1').called).toBe(700);
    expect(computeMetrics(sc, simulate(sc, 'fair')).booked.mean).toBe(0);
  });

  it('reads the committed sample day, which is the generator\'s own (npm run bench:routing writes it)', () => {
    expect(loadScenario(SAMPLE)).toEqual(sampleDay());
  });

  it('is deterministic, and every policy gives a consistent trace of the sample day', () => {
    const sample = loadScenario(SAMPLE);
    expect(simulate(sample, 'balanced')).toEqual(simulate(sample, 'balanced'));
    for (const policy of Object.keys(POLICIES)) expect(auditTrace(sample, simulate(sample, policy))).toEqual([]);
  });

  it('the trace audit finds a window serving two at once, an unskilled window and a service of the wrong length', () => {
    const sc = day([w('W01', ['biz']), w('W02', ['biz', 'tax'])], [t('T1', 0, 100), t('T2', 0, 100), t('T3', 0, 50, { service: 'tax' })]);
    const good = simulate(sc, 'fifo');
    expect(auditTrace(sc, good)).toEqual([]);
    const bad = structuredClone(good);
    const at = (id: string) => bad.visits.find((x) => x.ticket === id)!;
    Object.assign(at('T2'), { window: 'W01' });
    Object.assign(at('T3'), { window: 'W01' });
    at('T1').finished = 90;
    const problems = auditTrace(sc, bad).join('\n');
    expect(problems).toContain('T3: step 0 (tax) at unskilled W01');
    expect(problems).toContain('T1: step 0 lasts 90, expected 100');
    expect(problems).toContain('W01: serves two visitors at');
  });

  it('with live clerks, each window asks 5 to 60 s after a visitor, seeded: the same day gives the same trace', () => {
    const sc = day([w('W01'), w('W02')], [t('T1', 0, 100), t('T2', 0, 100), t('T3', 0, 50), t('T4', 300, 20)], { clerks: { askDelaySec: [5, 60], seed: 3 } });
    const trace = simulate(sc, 'balanced');
    expect(simulate(sc, 'balanced')).toEqual(trace);
    expect(auditTrace(sc, trace)).toEqual([]);
    const v = (id: string) => trace.visits.find((x) => x.ticket === id)!;
    // Both windows ask 5–60 s after opening; the third visitor waits for a window to finish and its clerk to ask again.
    for (const id of ['T1', 'T2']) expect(v(id).called).toBeGreaterThanOrEqual(5);
    for (const id of ['T1', 'T2']) expect(v(id).called).toBeLessThanOrEqual(60);
    const firstFinish = Math.min(v('T1').finished!, v('T2').finished!);
    expect(v('T3').called! - firstFinish).toBeGreaterThanOrEqual(5);
    expect(v('T3').called! - firstFinish).toBeLessThanOrEqual(60);
    // A clerk who asked and got nobody waits ready: T4, coming later, is called the moment it arrives.
    expect(v('T4').called).toBe(300);
    // Instant clerks (the contract's day) call at once.
    expect(simulate(sc, 'balanced', { clerks: { kind: 'instant' } }).visits.find((x) => x.ticket === 'T1')!.called).toBe(0);
  });

  it('serves every visitor of the generated days with the production policy, consistently', () => {
    for (const sc of benchmarkDays()) {
      for (const clerks of [undefined, LIVE_CLERKS]) {
        const trace = simulate(sc, 'balanced', { clerks });
        expect(auditTrace(sc, trace)).toEqual([]);
        expect(computeMetrics(sc, trace).unserved).toBe(0);
      }
    }
  });
});
