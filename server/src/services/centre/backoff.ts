/**
 * Exponential backoff with full jitter: the n-th retry waits a random time up to base·2ⁿ, capped,
 * so a district's halls coming back together after an outage do not all knock at once. Pure: the
 * random source is passed in.
 */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 1_000, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.max(baseMs / 4, Math.floor(random() * ceiling));
}
