import type { HallState, Ticket, WindowDef } from './types.ts';
import { currentStep } from './state.ts';
import { meanServiceSec } from './stats.ts';
import { queueSummary } from './queue-summary.ts';
import { byQueueOrder } from './queue-order.ts';
import { groupKey } from './waiting.ts';

interface Group { serviceId: string; targetWindowId: string | null; n: number }

/**
 * The wait a step joining the queue now would have in a shared queue (first come, first served
 * among the tickets a window is skilled for): everyone waiting now goes first, each queue for the
 * share of its open windows that are also this step's, at the learned pace of the open windows
 * able to serve it. Null when none is open. From the queue's kept totals: cheap, for every issue.
 *
 * A step remembers it (Step.fifoSec): routing calls a step waiting well past it before common
 * work (routing/urgency.ts), and the estimate is this reckoning calibrated by the day's record.
 */
export function fifoWaitSec(s: HallState, serviceId: string, targetWindowId: string | null): number | null {
  return fifoWaitOf(s, serviceId, targetWindowId, queueSummary(s).groups);
}

/**
 * The same reckoning for a ticket already waiting: only the tickets before it in queue order go
 * first (for a green ticket, only the green ones). Walks the queue.
 */
export function fifoWaitFor(s: HallState, t: Ticket): number | null {
  const me = { ticket: t, step: currentStep(t) };
  const green = t.priority === 'green';
  const groups = new Map<string, Group>();
  for (const id of s.waiting) {
    if (id === t.id) continue;
    const ticket = s.tickets.get(id)!;
    const step = currentStep(ticket);
    if (green && ticket.priority !== 'green') continue;
    if (!green && ticket.priority !== 'green' && byQueueOrder({ ticket, step }, me) > 0) continue;
    const key = groupKey(step.serviceId, step.targetWindowId);
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { serviceId: step.serviceId, targetWindowId: step.targetWindowId, n: 1 });
  }
  return fifoWaitOf(s, me.step.serviceId, me.step.targetWindowId, groups.values());
}

function fifoWaitOf(s: HallState, serviceId: string, targetWindowId: string | null, groups: Iterable<Group>): number | null {
  const able = (sid: string, target: string | null) => s.model.windows.filter((w) => (target ? w.id === target : w.skills.includes(sid)));
  const isOpen = (w: WindowDef) => s.windows.get(w.id)?.status === 'open';
  const mine = able(serviceId, targetWindowId).filter(isOpen);
  if (mine.length === 0) return null;
  const ids = new Set(mine.map((w) => w.id));
  let queued = 0, workSec = 0;
  for (const g of groups) {
    const theirs = able(g.serviceId, g.targetWindowId).filter(isOpen);
    if (theirs.length === 0) continue;
    const part = theirs.filter((w) => ids.has(w.id)).length / theirs.length;
    if (part === 0) continue;
    queued += part * g.n;
    workSec += part * g.n * meanServiceSec(s, g.serviceId);
  }
  let idle = 0, busySec = 0;
  for (const w of mine) {
    const current = s.windows.get(w.id)!.currentTicketId;
    if (current) busySec += meanServiceSec(s, currentStep(s.tickets.get(current)!).serviceId);
    else idle++;
  }
  if (queued < idle) return 0;
  const nextFreeSec = idle < mine.length ? busySec / (mine.length - idle) : meanServiceSec(s, serviceId);
  return ((queued > 0 ? (workSec * (queued - idle)) / queued : 0) + nextFreeSec) / mine.length;
}
