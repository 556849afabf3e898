/**
 * Textbook waiting-time formulas the simulator is checked against (simulator.test.ts).
 * Rates per second, times in seconds; `a = λ × mean service` is the offered load in windows.
 */

/** Erlang C: the probability that an arrival waits in an M/M/c queue. */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  // Erlang B by its stable recursion, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

/** Mean wait in queue of M/M/c (first come, first served). */
export function mmcMeanWait(c: number, arrivalRate: number, meanServiceSec: number): number {
  const a = arrivalRate * meanServiceSec;
  return (erlangC(c, a) * meanServiceSec) / (c - a);
}

/**
 * Allen–Cunneen's approximation for G/G/c: the M/M/c wait scaled by (ca² + cs²) / 2, the squared
 * coefficients of variation of inter-arrival and service times. Exact for M/M/c, approximate
 * otherwise (typically within about 10 % at moderate to heavy load and cs² up to about 2).
 */
export function allenCunneenMeanWait(c: number, arrivalRate: number, meanServiceSec: number, ca2: number, cs2: number): number {
  return mmcMeanWait(c, arrivalRate, meanServiceSec) * ((ca2 + cs2) / 2);
}
