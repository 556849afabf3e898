import { describe, expect, it } from 'vitest';
import type { Scenario } from './scenario.ts';
import type { Trace, Visit } from './trace.ts';
import { computeMetrics } from './metrics.ts';

const scenario: Scenario = {
  format: 'onewindow-scenario/1', name: 'm',
  services: [{ id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 100 }, { id: 'tax', name: '税务', prefix: 'B', targetWaitSec: 50 }],
  windows: [
    { id: 'W01', skills: ['biz', 'tax'], opensAt: 0, closesAt: 1000, breaks: [[400, 600]] },
    { id: 'W02', skills: ['biz'], opensAt: 0, closesAt: 1000 },
  ],
  tickets: [
    { id: 'T1', arrival: 0, service: 'biz', priority: 'normal', serviceSec: 200, next: [{ service: 'tax', serviceSec: 100 }] },
    { id: 'T2', arrival: 10, service: 'biz', priority: 'green', serviceSec: 100, appointmentAt: 300 },
    { id: 'T3', arrival: 20, service: 'tax', priority: 'normal', serviceSec: 10 },
    { id: 'T4', arrival: 900, service: 'biz', priority: 'normal', serviceSec: 10 },
  ],
};
const v = (ticket: string, step: number, service: string, priority: Visit['priority'], arrival: number | null, called: number | null, window: string | null, finished: number | null, outcome: Visit['outcome'], estimatedWait?: number): Visit =>
  ({ ticket, step, number: 'A001', service, priority, arrival, called, window, finished, outcome, ...(estimatedWait === undefined ? {} : { estimatedWait }) });
const trace: Trace = {
  format: 'onewindow-trace/1', scenario: 'm', policy: 'test',
  visits: [
    v('T1', 0, 'biz', 'normal', 0, 0, 'W01', 200, 'done', 0),
    v('T1', 1, 'tax', 'normal', 200, 500, 'W02', 600, 'done'),
    v('T2', 0, 'biz', 'green', 10, 350, 'W02', 450, 'done', 100),
    v('T3', 0, 'tax', 'normal', 20, 220, 'W01', 230, 'no-show', 300),
    v('T4', 0, 'biz', 'normal', 900, null, null, null, 'unserved', 0),
  ],
};

describe('metrics from a trace', () => {
  const m = computeMetrics(scenario, trace);

  it('waits: a booked first step waits from its slot; unserved visits count against the service level', () => {
    // waits: T1.0 0, T1.1 300, T2 50 (from the slot at 300), T3 200; T4 never called.
    expect(m.overall).toMatchObject({ visits: 5, called: 4, mean: 550 / 4, max: 300, p90: 300 });
    expect(m.overall.serviceLevel).toBeCloseTo(2 / 5);
    expect(m.byService.tax).toMatchObject({ called: 2, mean: 250, serviceLevel: 0 });
    expect(m.byPriority.green).toMatchObject({ called: 1, mean: 50 });
    expect(m.booked).toMatchObject({ called: 1, mean: 50, calledBeforeSlot: 0 });
    expect(m).toMatchObject({ unserved: 1, noShows: 1 });
  });

  it('load: busy time within open hours over open hours, spread over open windows', () => {
    // W01 open 800 s (a break 400–600); busy 0–200 and 220–230: 210 s. W02 open 1000 s; busy 350–450, 500–600.
    expect(m.load.W01).toBeCloseTo(210 / 800);
    expect(m.load.W02).toBeCloseTo(200 / 1000);
    expect(m.loadSpread).toBeCloseTo(210 / 800 - 0.2);
  });

  it('estimate error: promised at issue minus actual called − arrival, over called first steps', () => {
    // errors: T1 0 − 0, T2 100 − 340, T3 300 − 200.
    // Within max(3 min, 25 %): T1 (0 off) and T3 (100 s off); not T2 (240 s off a 340 s wait).
    expect(m.estimate).toEqual({ n: 3, meanAbsError: (0 + 240 + 100) / 3, meanSignedError: (0 - 240 + 100) / 3, within: 2 / 3, noEstimate: 0, ranged: 0, rangeWithin: 1 });
  });
});
