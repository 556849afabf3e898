import type { Scenario } from './scenario.ts';
import type { Trace, Visit } from './trace.ts';
import { openIntervals } from './hall.ts';

/**
 * The metrics everyone computes the same way (scenario.md), from a scenario and its trace only.
 * Waits are in seconds. A visit's wait is `called − arrival`; for the first step of a booked
 * ticket `called − max(arrival, appointmentAt)`, never below 0. p90 is the nearest-rank 90th
 * percentile. Service level counts every visit that joined a queue: one never called misses it.
 */
export interface WaitSummary {
  visits: number;
  called: number;
  mean: number;
  p90: number;
  max: number;
  serviceLevel: number;
}

export interface Metrics {
  scenario: string;
  policy: string;
  visits: number;
  /** Visits that joined a queue and were never called. */
  unserved: number;
  noShows: number;
  overall: WaitSummary;
  byService: Record<string, WaitSummary>;
  byPriority: Record<string, WaitSummary>;
  /** First steps of booked tickets: wait after the slot (or after arrival, for late comers). */
  booked: WaitSummary & { calledBeforeSlot: number };
  /** First steps of tickets that were not booked. */
  walkIn: WaitSummary;
  /** Busy time within open hours ÷ open hours, per window that was open. */
  load: Record<string, number>;
  loadSpread: number;
  /**
   * Estimated wait at issue − actual `called − arrival`, over first steps that were called and got
   * an estimate (a visitor of a service no open window could serve gets none: `noEstimate`).
   * `within`: share whose estimate was within max(3 min, 25 % of the real wait) — issue 18's
   * measure; `rangeWithin`: share whose real wait fell inside the printed range, where one was given.
   */
  estimate: { n: number; meanAbsError: number; meanSignedError: number; within: number; noEstimate: number; ranged: number; rangeWithin: number };
}

interface Sample { visit: Visit; wait: number | null; target: number }

export function computeMetrics(sc: Scenario, trace: Trace): Metrics {
  const tickets = new Map(sc.tickets.map((t) => [t.id, t]));
  const targets = new Map(sc.services.map((s) => [s.id, s.targetWaitSec]));
  const samples: Sample[] = [];
  for (const v of trace.visits) {
    if (v.arrival === null) continue;
    const slot = v.step === 0 ? tickets.get(v.ticket)?.appointmentAt : undefined;
    const from = slot === undefined ? v.arrival : Math.max(v.arrival, slot);
    samples.push({ visit: v, wait: v.called === null ? null : Math.max(0, v.called - from), target: targets.get(v.service) ?? Infinity });
  }
  const group = (key: (x: Sample) => string) => {
    const out: Record<string, WaitSummary> = {};
    const keys = [...new Set(samples.map(key))].sort();
    for (const k of keys) out[k] = summarize(samples.filter((x) => key(x) === k));
    return out;
  };
  const bookedSamples = samples.filter((x) => x.visit.step === 0 && tickets.get(x.visit.ticket)?.appointmentAt !== undefined);
  const early = bookedSamples.filter((x) => x.visit.called !== null && x.visit.called < tickets.get(x.visit.ticket)!.appointmentAt!);
  const load = windowLoads(sc, trace.visits);
  const loads = Object.values(load);
  return {
    scenario: trace.scenario,
    policy: trace.policy,
    visits: trace.visits.length,
    unserved: samples.filter((x) => x.wait === null).length,
    noShows: trace.visits.filter((v) => v.outcome === 'no-show').length,
    overall: summarize(samples),
    byService: group((x) => x.visit.service),
    byPriority: group((x) => x.visit.priority),
    booked: { ...summarize(bookedSamples), calledBeforeSlot: early.length },
    walkIn: summarize(samples.filter((x) => x.visit.step === 0 && tickets.get(x.visit.ticket)?.appointmentAt === undefined)),
    load,
    loadSpread: loads.length > 0 ? Math.max(...loads) - Math.min(...loads) : 0,
    estimate: estimateError(trace.visits),
  };
}

export function summarize(xs: Sample[]): WaitSummary {
  const waits = xs.flatMap((x) => (x.wait === null ? [] : [x.wait])).sort((a, b) => a - b);
  const inTarget = xs.filter((x) => x.wait !== null && x.wait <= x.target).length;
  const n = waits.length;
  return {
    visits: xs.length,
    called: n,
    mean: n ? waits.reduce((a, b) => a + b, 0) / n : 0,
    p90: n ? waits[Math.ceil(0.9 * n) - 1] : 0,
    max: n ? waits[n - 1] : 0,
    serviceLevel: xs.length ? inTarget / xs.length : 1,
  };
}

function windowLoads(sc: Scenario, visits: Visit[]): Record<string, number> {
  const busy = new Map<string, Array<[number, number]>>();
  for (const v of visits) {
    if (v.window === null || v.called === null || v.finished === null) continue;
    (busy.get(v.window) ?? busy.set(v.window, []).get(v.window)!).push([v.called, v.finished]);
  }
  const out: Record<string, number> = {};
  for (const w of sc.windows) {
    const open = openIntervals(w);
    const openSec = open.reduce((a, [x, y]) => a + y - x, 0);
    if (openSec <= 0) continue;
    let busySec = 0;
    for (const [a, b] of busy.get(w.id) ?? []) for (const [x, y] of open) busySec += Math.max(0, Math.min(b, y) - Math.max(a, x));
    out[w.id] = busySec / openSec;
  }
  return out;
}

function estimateError(visits: Visit[]): Metrics['estimate'] {
  let n = 0, abs = 0, signed = 0, within = 0, noEstimate = 0, ranged = 0, rangeWithin = 0;
  for (const v of visits) {
    if (v.step !== 0 || v.called === null || v.arrival === null) continue;
    if (v.estimatedWait === undefined) {
      noEstimate++;
      continue;
    }
    const real = v.called - v.arrival;
    const err = v.estimatedWait - real;
    n++;
    abs += Math.abs(err);
    signed += err;
    if (Math.abs(err) <= Math.max(180, 0.25 * real)) within++;
    if (v.estimatedWaitRange) {
      ranged++;
      if (real >= v.estimatedWaitRange[0] - 1 && real <= v.estimatedWaitRange[1] + 1) rangeWithin++;
    }
  }
  return {
    n, meanAbsError: n ? abs / n : 0, meanSignedError: n ? signed / n : 0, within: n ? within / n : 1,
    noEstimate, ranged, rangeWithin: ranged ? rangeWithin / ranged : 1,
  };
}
