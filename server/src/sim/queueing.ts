/**
 * Textbook waiting-time formulas the simulator is checked against (simulator.test.ts).
 * Rates per second, times in seconds; `a = λ × mean service` is the offered load in windows.
 * Erlang C itself is written once, in queueing/erlang-c.ts, with its edge cases.
 */
import { erlangC, mmcMeanWaitSec } from '../queueing/erlang-c.ts';

export { erlangC };

/** Mean wait in queue of M/M/c (first come, first served). */
export function mmcMeanWait(c: number, arrivalRate: number, meanServiceSec: number): number {
  return mmcMeanWaitSec(c, arrivalRate, meanServiceSec);
}

/**
 * Allen–Cunneen's approximation for G/G/c: the M/M/c wait scaled by (ca² + cs²) / 2, the squared
 * coefficients of variation of inter-arrival and service times. Exact for M/M/c, approximate
 * otherwise (typically within about 10 % at moderate to heavy load and cs² up to about 2).
 */
export function allenCunneenMeanWait(c: number, arrivalRate: number, meanServiceSec: number, ca2: number, cs2: number): number {
  return mmcMeanWait(c, arrivalRate, meanServiceSec) * ((ca2 + cs2) / 2);
}
