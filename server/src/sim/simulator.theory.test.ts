import { describe, expect, it } from 'vitest';
import { flexibleDay } from './generate/flexible.ts';
import { simulate } from './simulator.ts';
import { allenCunneenMeanWait, erlangC, mmcMeanWait } from './queueing.ts';

/**
 * Is the simulator honest? On a fully flexible hall (one service, c identical windows, Poisson
 * arrivals) first come, first served is the textbook G/G/c queue, so the simulator must reproduce
 * queueing theory. Each simulated day is one batch (days are independent); the first
 * WARM_UP_SEC of a day are dropped (it starts empty). The mean over days gets a confidence
 * interval from the spread of the day means, tightened with the day's realised offered work as a
 * control variate (its expectation λ × mean service is known exactly).
 */
const C = 4;
const MEAN_SERVICE_SEC = 300;
const RHO = 0.8;
const ARRIVAL_RATE = (RHO * C) / MEAN_SERVICE_SEC;
const DAY_SEC = 120_000;
const WARM_UP_SEC = 30_000;
const DAYS = 120;

interface DayResult { meanWait: number; waitedShare: number; work: number }

function runDays(serviceCv: number | undefined, seed: number): DayResult[] {
  const out: DayResult[] = [];
  for (let i = 0; i < DAYS; i++) {
    const sc = flexibleDay({ seed: seed + i, windows: C, arrivalRate: ARRIVAL_RATE, meanServiceSec: MEAN_SERVICE_SEC, serviceCv, durationSec: DAY_SEC });
    const trace = simulate(sc, 'fifo', { estimates: false });
    const waits = trace.visits.filter((v) => v.arrival! >= WARM_UP_SEC).map((v) => v.called! - v.arrival!);
    out.push({
      meanWait: waits.reduce((a, b) => a + b, 0) / waits.length,
      waitedShare: waits.filter((w) => w > 0).length / waits.length,
      work: sc.tickets.reduce((a, t) => a + t.serviceSec, 0) / DAY_SEC - ARRIVAL_RATE * MEAN_SERVICE_SEC,
    });
  }
  return out;
}

/** Mean of ys adjusted by the control variate xs (known mean 0), with its standard error. */
function controlled(ys: number[], xs: number[]): { mean: number; se: number } {
  const n = ys.length;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) (sxy += (xs[i] - mx) * (ys[i] - my)), (sxx += (xs[i] - mx) ** 2);
  const beta = sxx > 0 ? sxy / sxx : 0;
  const adjusted = ys.map((y, i) => y - beta * xs[i]);
  const mean = adjusted.reduce((a, b) => a + b, 0) / n;
  const variance = adjusted.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 2);
  return { mean, se: Math.sqrt(variance / n) };
}

describe('the simulator against queueing theory (c = 4, ρ = 0.8, 120 days of 120 000 s)', () => {
  it('reproduces Erlang C for exponential service: mean wait and probability of waiting', () => {
    const days = runDays(undefined, 1);
    const theory = mmcMeanWait(C, ARRIVAL_RATE, MEAN_SERVICE_SEC);
    const wait = controlled(days.map((d) => d.meanWait), days.map((d) => d.work));
    // Within 3 standard errors (99.7 %), and the interval is narrow enough to mean something.
    console.info(`Erlang C: simulated ${wait.mean.toFixed(1)} ± ${wait.se.toFixed(1)} s, theory ${theory.toFixed(1)} s`);
    expect(wait.se / theory).toBeLessThan(0.03);
    expect(Math.abs(wait.mean - theory)).toBeLessThan(3 * wait.se);
    const share = controlled(days.map((d) => d.waitedShare), days.map((d) => d.work));
    expect(Math.abs(share.mean - erlangC(C, ARRIVAL_RATE * MEAN_SERVICE_SEC))).toBeLessThan(3 * share.se);
  });

  it('agrees with Allen–Cunneen for lognormal service (cs² = 0.49) within the approximation', () => {
    const cv = 0.7;
    const days = runDays(cv, 101);
    const theory = allenCunneenMeanWait(C, ARRIVAL_RATE, MEAN_SERVICE_SEC, 1, cv * cv);
    const wait = controlled(days.map((d) => d.meanWait), days.map((d) => d.work));
    console.info(`Allen–Cunneen: simulated ${wait.mean.toFixed(1)} ± ${wait.se.toFixed(1)} s, approximation ${theory.toFixed(1)} s`);
    // Allen–Cunneen keeps only two moments of the service time; at this load and variability it
    // is usually within 10 % of the exact M/G/c wait. Allow that plus 3 standard errors.
    expect(Math.abs(wait.mean - theory)).toBeLessThan(0.1 * theory + 3 * wait.se);
  });
});
