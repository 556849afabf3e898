import type { Candidate, HallState } from './types.ts';

/**
 * The queue's own order, asked by the waiting index, the estimate and every routing policy: it
 * depends on nothing but a ticket and its waiting step.
 */

/** Queue order: transfers to the front first, then by time joined, then by ticket id. */
export function byQueueOrder(a: Candidate, b: Candidate): number {
  if (a.step.front !== b.step.front) return a.step.front ? -1 : 1;
  if (a.step.queuedAt !== b.step.queuedAt) return a.step.queuedAt - b.step.queuedAt;
  return a.ticket.id < b.ticket.id ? -1 : a.ticket.id > b.ticket.id ? 1 : 0;
}

/** The moment a step counts as waiting from: a booked first step waits only from its slot. */
export function waitingFrom(c: Candidate): number {
  return isBookedStep(c) ? Math.max(c.step.queuedAt, c.ticket.appointmentAt!) : c.step.queuedAt;
}

/** The first matter of a booked visit: it waits for its slot, not from its arrival. */
export function isBookedStep(c: Candidate): boolean {
  return c.ticket.appointmentAt !== null && c.ticket.steps.length === 1;
}

/**
 * A booked first matter whose promised time (slot less the lead) is further off than the hall lets
 * routing call early (HallModel.bookedEarlyMaxSec): not to be called yet, except by number.
 */
export function tooEarlyToCall(s: HallState, c: Candidate, now: number): boolean {
  const max = s.model.bookedEarlyMaxSec;
  if (max === undefined || max === null || !isBookedStep(c)) return false;
  return now < c.ticket.appointmentAt! - (s.model.appointmentLeadSec + max) * 1000;
}

export function oldest<C extends Candidate>(cands: readonly C[]): C | null {
  let best: C | null = null;
  for (const c of cands) if (!best || byQueueOrder(c, best) < 0) best = c;
  return best;
}
