import type { Candidate, HallState, IdleReason, RoutingReason } from '../types.ts';
import { currentStep, windowDef } from '../state.ts';

/** The routing decision for one window: a ticket and why, or nobody and why (stable codes). */
export type Choice = { ticketId: string; reason: RoutingReason } | { ticketId: null; reason: IdleReason };

/**
 * A routing policy answers "which ticket does this window get now?". It may answer nobody even
 * when something waits that the window could serve, but only when another *ready* window (its
 * clerk asked and got nobody, or auto-call is on) takes it in the same hand-out: a clerk who asks
 * is never kept idle for a window whose clerk has not asked. It must be deterministic and read
 * nothing but the state and `now`: never a ticket's future service time.
 */
export interface RoutingPolicy {
  readonly name: string;
  readonly description: string;
  choose(s: HallState, windowId: string, now: number): Choice;
}

export const call = (ticketId: string, reason: RoutingReason): Choice => ({ ticketId, reason });
export const nobody = (reason: IdleReason): Choice => ({ ticketId: null, reason });

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
