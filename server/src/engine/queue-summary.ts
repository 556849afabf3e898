import type { HallState, QueueSummary } from './types.ts';
import { currentStep } from './state.ts';
import { waitingFrom } from './queue-order.ts';
import { groupKey } from './waiting.ts';

export type { QueueSummary } from './types.ts';

/** The queue's totals, kept as tickets join and leave (waiting.ts): no walk. */
export function queueSummary(s: HallState): QueueSummary {
  return s.waiting.summary();
}

/** The same totals by one walk of the queue: the reference the kept totals are tested against. */
export function queueSummaryByWalk(s: HallState): QueueSummary {
  const byService = new Map<string, { n: number; oldest: number }>();
  const groups = new Map<string, { serviceId: string; targetWindowId: string | null; n: number }>();
  for (const id of s.waiting) {
    const ticket = s.tickets.get(id)!;
    const step = currentStep(ticket);
    const c = { ticket, step };
    const svc = byService.get(step.serviceId) ?? { n: 0, oldest: Infinity };
    svc.n++;
    svc.oldest = Math.min(svc.oldest, waitingFrom(c));
    byService.set(step.serviceId, svc);
    const key = groupKey(step.serviceId, step.targetWindowId);
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { serviceId: step.serviceId, targetWindowId: step.targetWindowId, n: 1 });
  }
  return { byService, groups: [...groups.values()] };
}
