import type { HallState } from './types.ts';
import { currentStep } from './state.ts';
import { byQueueOrder, waitingFrom, type Candidate } from './routing/policy.ts';

/** One walk over the waiting tickets, shared by everything that asks after the same change. */
export interface QueueSummary {
  /** Per service: how many wait, and since when the longest has (a booked visitor from the slot). */
  byService: Map<string, { n: number; oldest: number }>;
  /** Per service and transfer target (null: any window able to do it): how many wait. */
  groups: { serviceId: string; targetWindowId: string | null; n: number }[];
  /** The waiting step last in queue order (transfers to the front aside). */
  last: Candidate | null;
}

const cache = new WeakMap<HallState, { version: number | undefined; summary: QueueSummary }>();

/** The queue's summary, walked once per state version (screens, kiosks, answers and estimates all ask). */
export function queueSummary(s: HallState): QueueSummary {
  const cached = cache.get(s);
  if (cached && cached.version === s.version) return cached.summary;
  const byService = new Map<string, { n: number; oldest: number }>();
  const groups = new Map<string, { serviceId: string; targetWindowId: string | null; n: number }>();
  let last: Candidate | null = null;
  for (const id of s.waiting) {
    const ticket = s.tickets.get(id)!;
    const step = currentStep(ticket);
    const c = { ticket, step };
    const svc = byService.get(step.serviceId) ?? { n: 0, oldest: Infinity };
    svc.n++;
    svc.oldest = Math.min(svc.oldest, waitingFrom(c));
    byService.set(step.serviceId, svc);
    const key = step.targetWindowId === null ? step.serviceId : `${step.serviceId}\u0000${step.targetWindowId}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { serviceId: step.serviceId, targetWindowId: step.targetWindowId, n: 1 });
    if (!step.front && (!last || byQueueOrder(last, c) < 0)) last = c;
  }
  const summary = { byService, groups: [...groups.values()], last };
  cache.set(s, { version: s.version, summary });
  return summary;
}
