import type { HallState } from './types.ts';
import { currentStep } from './state.ts';
import { waitingFrom } from './queue-order.ts';
import { queueSummary } from './queue-summary.ts';

/** A service no open window can serve now, and who waits for it. */
export interface Unservable {
  serviceId: string;
  /** Tickets waiting for it (transfers to a named window aside). */
  waiting: number;
  /** Since when the longest of them has waited (a booked visitor from the slot); null when nobody waits. */
  oldestSince: number | null;
}

/**
 * The services that no open window can serve now: every window with the skill is closed or
 * paused. A visitor of such a service is told "no window" instead of an estimate, supervisors are
 * alerted while somebody waits for one, and staffing advice counts them. Pure and cheap (the
 * windows and the queue's kept totals; the queue is walked only while somebody waits for such a
 * service), fit to call after every change.
 */
export function unservableServices(s: HallState): Unservable[] {
  const open = new Set<string>();
  for (const def of s.model.windows) {
    if (s.windows.get(def.id)?.status !== 'open') continue;
    for (const skill of def.skills) open.add(skill);
  }
  const out: Unservable[] = s.model.services.filter((x) => !open.has(x.id)).map((x) => ({ serviceId: x.id, waiting: 0, oldestSince: null }));
  const stranded = new Map(out.map((u) => [u.serviceId, u]));
  if (!queueSummary(s).groups.some((g) => g.targetWindowId === null && stranded.has(g.serviceId))) return out;
  for (const id of s.waiting) {
    const t = s.tickets.get(id)!;
    const step = currentStep(t);
    const u = step.targetWindowId === null ? stranded.get(step.serviceId) : undefined;
    if (!u) continue;
    u.waiting++;
    const from = waitingFrom({ ticket: t, step });
    if (u.oldestSince === null || from < u.oldestSince) u.oldestSince = from;
  }
  return out;
}

/** Whether some open window could call a step of this service (or transferred to this window) now. */
export function servableNow(s: HallState, serviceId: string, targetWindowId: string | null): boolean {
  if (targetWindowId !== null) return s.windows.get(targetWindowId)?.status === 'open';
  return s.model.windows.some((def) => def.skills.includes(serviceId) && s.windows.get(def.id)?.status === 'open');
}
