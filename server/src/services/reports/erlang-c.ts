/**
 * Erlang C (M/M/c): how many servers keep the mean wait of a pooled queue within a target.
 * Pure. Loads are in Erlangs: arrivals per second × mean service seconds.
 */

/** Probability that an arrival waits, with `c` servers and offered load `a` Erlangs (1 when c ≤ a). */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/** Mean wait in the queue, seconds (Infinity when the servers cannot keep up). */
export function meanWaitSec(c: number, arrivalsPerHour: number, serviceSec: number): number {
  if (arrivalsPerHour <= 0 || serviceSec <= 0) return 0;
  const a = (arrivalsPerHour / 3600) * serviceSec;
  if (c <= a) return Infinity;
  return (erlangC(c, a) * serviceSec) / (c - a);
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
