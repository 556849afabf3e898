import type { HallState, Step, Ticket } from '../types.ts';
import { currentStep, windowDef } from '../state.ts';

/** The routing decision for one window, with a reason a clerk or supervisor can read. */
export interface Choice {
  ticketId: string;
  reason: string;
}

/**
 * A routing policy answers "which ticket does this window get now?". It may answer null even when
 * something waits (another idle window is the better home for it). It must be deterministic and
 * read nothing but the state and `now`: never a ticket's future service time.
 */
export interface RoutingPolicy {
  readonly name: string;
  readonly description: string;
  choose(s: HallState, windowId: string, now: number): Choice | null;
}

export interface Candidate {
  ticket: Ticket;
  step: Step;
}

/** Waiting steps this window may serve: its skills, or transferred to it by name. */
export function candidatesFor(s: HallState, windowId: string, skills?: readonly string[]): Candidate[] {
  const def = windowDef(s, windowId);
  const allowed = skills ?? def.skills;
  const out: Candidate[] = [];
  for (const id of s.waiting) {
    const ticket = s.tickets.get(id)!;
    const step = currentStep(ticket);
    if (step.status !== 'waiting') continue;
    if (step.targetWindowId !== null) {
      if (step.targetWindowId === windowId) out.push({ ticket, step });
      continue;
    }
    if (allowed.includes(step.serviceId)) out.push({ ticket, step });
  }
  return out;
}

/** Queue order: transfers to the front first, then by time joined, then by ticket id. */
export function byQueueOrder(a: Candidate, b: Candidate): number {
  if (a.step.front !== b.step.front) return a.step.front ? -1 : 1;
  if (a.step.queuedAt !== b.step.queuedAt) return a.step.queuedAt - b.step.queuedAt;
  return a.ticket.id < b.ticket.id ? -1 : a.ticket.id > b.ticket.id ? 1 : 0;
}

/** The moment a step counts as waiting from: a booked first step waits only from its slot. */
export function waitingFrom(c: Candidate): number {
  const booked = c.ticket.appointmentAt !== null && c.ticket.steps.length === 1;
  return booked ? Math.max(c.step.queuedAt, c.ticket.appointmentAt!) : c.step.queuedAt;
}

export function oldest(cands: Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of cands) if (!best || byQueueOrder(c, best) < 0) best = c;
  return best;
}
