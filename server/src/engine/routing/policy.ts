import type { Candidate, HallState } from '../types.ts';
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
