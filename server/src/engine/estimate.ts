import type { HallState, Ticket } from './types.ts';
import { currentStep } from './state.ts';
import { meanServiceSec } from './stats.ts';
import { byQueueOrder, type Candidate } from './routing/policy.ts';

export interface Estimate {
  /** Tickets of the same queue that will be called before this one, as far as order tells. */
  ahead: number;
  estimatedWaitSec: number;
}

/**
 * Estimated wait from the queue ahead, the windows able to serve it and learned service times:
 * the work ahead (in seconds of service) spread over the open windows that share it, plus half a
 * service of the busy windows before the first one frees.
 */
export function estimateWait(s: HallState, t: Ticket, now: number): Estimate {
  const step = currentStep(t);
  if (step.status !== 'waiting') return { ahead: 0, estimatedWaitSec: 0 };
  const able = s.model.windows.filter((w) => (step.targetWindowId ? w.id === step.targetWindowId : w.skills.includes(step.serviceId)));
  const open = able.filter((w) => s.windows.get(w.id)?.status === 'open');
  const me = { ticket: t, step };
  let ahead = 0;
  let workAheadSec = 0;
  for (const c of candidatesForService(s, step.serviceId, step.targetWindowId)) {
    if (c.ticket.id === t.id) continue;
    const before = (c.ticket.priority === 'green' && t.priority !== 'green') || byQueueOrder(c, me) < 0;
    if (!before) continue;
    ahead++;
    workAheadSec += meanServiceSec(s, c.step.serviceId);
  }
  const mean = meanServiceSec(s, step.serviceId);
  const servers = Math.max(open.length, able.length > 0 ? 1 : 0);
  if (servers === 0) return { ahead, estimatedWaitSec: Math.round(workAheadSec + mean) };
  const allBusy = open.length > 0 && open.every((w) => s.windows.get(w.id)!.currentTicketId !== null);
  const firstFree = allBusy ? mean / 2 : 0;
  const wait = Math.max(0, workAheadSec / servers + (ahead >= servers || allBusy ? firstFree : 0));
  // A booked visitor is not called before the slot.
  const slotWait = t.appointmentAt !== null && t.steps.length === 1 ? Math.max(0, (t.appointmentAt - now) / 1000) : 0;
  return { ahead, estimatedWaitSec: Math.round(Math.max(wait, slotWait)) };
}

/** The same queue: waiting steps of the same service (and the same target window, if any). */
function candidatesForService(s: HallState, serviceId: string, targetWindowId: string | null): Candidate[] {
  const out: Candidate[] = [];
  for (const id of s.waiting) {
    const ticket = s.tickets.get(id)!;
    const step = currentStep(ticket);
    if (step.status === 'waiting' && step.serviceId === serviceId && step.targetWindowId === targetWindowId) out.push({ ticket, step });
  }
  return out;
}
