import type { Candidate, HallState, Step, Ticket, WaitStat } from './types.ts';
import { isBookedStep, waitingFrom } from './queue-order.ts';

/**
 * The day's record of waits against what was foreseen, per queue key: when a step is called, how
 * long it really waited against what the lookahead (lookahead.ts: Step.lookSec, from joining) and
 * the shared queue's reckoning (fifo-wait.ts: Step.fifoSec, from the slot for a booking) said when
 * it came. Two records, one per way of foreseeing, since the estimate uses the lookahead where it
 * was played and the reckoning where not.
 * Recent visitors count most (each new one weighs 1, earlier ones fade by DECAY), so the record
 * follows the hall through its peaks, lunch and the policy's reordering. Kept by the reducer,
 * rebuilt from the tickets on a restart, read by the estimate.
 */
const DECAY = 0.93;
/** Seconds added to both sides, so a reckoning of 0 (a window free) is calibrated too. */
const FLOOR = 60;
/** Weight of the hall's overall record in a queue with few visitors called yet. */
const PRIOR = 2;
/** About 8 in 10 real waits fall within ± this many standard deviations. */
const Z = 1.28;

/** The queue key: green tickets together, booked visits together (their wait after the slot), else the service. */
export function waitKey(c: Candidate): string {
  if (isBookedStep(c)) return '\u0000booked';
  if (c.ticket.priority === 'green') return '\u0000green';
  return c.step.serviceId;
}

/** The lookahead's record (lookahead.ts): its own keys, the wait counted from joining for every visit. */
export function lookKey(c: Candidate): string {
  return LOOK + waitKey(c);
}
/** Every visit together: the prior of a queue with few called yet. */
const ALL = '\u0000all';
const LOOK = '\u0001';
const LOOK_ALL = LOOK + ALL;

/** Records a step's wait as it is called (the reducer, at ticket.called). */
export function observeWait(s: HallState, t: Ticket, step: Step, at: number): void {
  if (step.front) return;
  const c = { ticket: t, step };
  if (step.lookSec !== undefined && step.lookSec !== null) {
    const actual = Math.max(0, (at - step.queuedAt) / 1000);
    add(s, lookKey(c), actual, step.lookSec);
    add(s, LOOK_ALL, actual, step.lookSec);
  }
  if (step.fifoSec === undefined || step.fifoSec === null) return;
  const booked = isBookedStep(c);
  const actual = Math.max(0, (at - waitingFrom(c)) / 1000);
  const base = booked ? 0 : step.fifoSec;
  add(s, waitKey(c), actual, base);
  if (!booked) add(s, ALL, actual, base);
}

function add(s: HallState, key: string, actual: number, base: number): void {
  const w = s.waitStats.get(key) ?? { weight: 0, actual: 0, base: 0, sqLog: 0 };
  const r = w.base > 0 ? w.actual / w.base : 1;
  const err = Math.log((actual + FLOOR) / (r * (base + FLOOR)));
  w.weight = w.weight * DECAY + 1;
  w.actual = w.actual * DECAY + actual + FLOOR;
  w.base = w.base * DECAY + base + FLOOR;
  w.sqLog = w.sqLog * DECAY + err * err;
  s.waitStats.set(key, w);
}

/** The wait to tell, and its likely range, for a reckoning of `baseSec` in queue `key`. */
export function calibrate(s: HallState, key: string, baseSec: number): { sec: number; lowSec: number; highSec: number } {
  const all = s.waitStats.get(key.startsWith(LOOK) ? LOOK_ALL : ALL);
  const mine = s.waitStats.get(key);
  const prior = all && all.base > 0 ? all.actual / all.base : 1;
  const unit = 300;
  const ratio = ((mine?.actual ?? 0) + PRIOR * prior * unit) / ((mine?.base ?? 0) + PRIOR * unit);
  const sd = Math.sqrt(((mine?.sqLog ?? 0) + PRIOR * (all && all.weight > 0 ? all.sqLog / all.weight : 0.25)) / ((mine?.weight ?? 0) + PRIOR));
  const mid = ratio * (baseSec + FLOOR);
  return { sec: Math.max(0, mid - FLOOR), lowSec: Math.max(0, mid * Math.exp(-Z * sd) - FLOOR), highSec: Math.max(0, mid * Math.exp(Z * sd) - FLOOR) };
}

export type { WaitStat };
