import { randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;

/**
 * Ticket ids that sort in issue order (time, then a counter within the same millisecond, then
 * randomness): queue ties "break by arrival, then id", so ids must not reorder visitors.
 */
export function monotonicId(now: number): string {
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  return now.toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + randomBytes(6).toString('hex');
}
