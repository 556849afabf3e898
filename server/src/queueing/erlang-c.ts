/**
 * Erlang C (M/M/c): the probability that an arrival waits, and the mean wait, in a pooled queue
 * served by `c` windows. Written once: the staffing advice (services/stats) and the simulator's
 * checks against theory (sim/queueing.ts) both use it. Pure. The offered load `a` is in Erlangs:
 * arrivals per second × mean service seconds.
 *
 * Edge cases, chosen once: no load means nobody waits (0, whatever `c`); `c ≤ a` means the
 * windows cannot keep up, so everybody waits (1) and the mean wait is unbounded (Infinity); a
 * fractional or negative number of windows, or a negative or non-finite load, is a caller's
 * mistake and throws rather than returning a number that looks like an answer.
 */

function check(c: number, a: number): void {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`Erlang C needs a whole number of servers, not ${c}`);
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`Erlang C needs a finite load of 0 or more, not ${a}`);
}

/** Probability that an arrival waits, with `c` servers and offered load `a` Erlangs. */
export function erlangC(c: number, a: number): number {
  check(c, a);
  if (a === 0) return 0;
  if (c <= a) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/** Mean wait in the queue, seconds, with arrivals per second (Infinity when the servers cannot keep up). */
export function mmcMeanWaitSec(c: number, arrivalsPerSec: number, serviceSec: number): number {
  if (!(serviceSec >= 0)) throw new RangeError(`a mean service time of 0 s or more, not ${serviceSec}`);
  const a = arrivalsPerSec * serviceSec;
  check(c, a);
  if (a === 0) return 0;
  if (c <= a) return Infinity;
  return (erlangC(c, a) * serviceSec) / (c - a);
}

/** Mean wait in the queue, seconds, with arrivals per hour (the staffing advice's unit). */
export function meanWaitSec(c: number, arrivalsPerHour: number, serviceSec: number): number {
  return mmcMeanWaitSec(c, arrivalsPerHour / 3600, serviceSec);
}

/** The fewest servers whose mean wait is within the target (0 when nobody comes); capped at `max`. */
export function serversNeeded(arrivalsPerHour: number, serviceSec: number, targetSec: number, max = 500): number {
  if (arrivalsPerHour <= 0 || serviceSec <= 0) return 0;
  const a = (arrivalsPerHour / 3600) * serviceSec;
  for (let c = Math.max(1, Math.floor(a) + 1); c <= max; c++) {
    if (meanWaitSec(c, arrivalsPerHour, serviceSec) <= targetSec) return c;
  }
  return max;
}
