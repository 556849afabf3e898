import type { Candidate, QueueSummary, Ticket, WaitingIndex } from './types.ts';
import { byQueueOrder, waitingFrom } from './queue-order.ts';

export type { QueueSummary } from './types.ts';

interface Entry extends Candidate {
  /** Fixed while the step waits: the step is replaced, never edited, when the ticket moves on. */
  from: number;
  groupKey: string;
  /** Left the queue; still in `order` until it is compacted. */
  gone: boolean;
}

interface ServiceTotals {
  entries: Map<string, Entry>;
  oldest: number;
  /** The oldest entry left: its oldest must be found again among the service's entries. */
  stale: boolean;
}

/** One queue: a service, or a service transferred to one window by name. */
export const groupKey = (serviceId: string, targetWindowId: string | null) => (targetWindowId === null ? serviceId : `${serviceId}\u0000${targetWindowId}`);

/**
 * The ids of the tickets whose current step waits, in the order they joined, with the queue's
 * totals kept as tickets join and leave. A queue of thousands at a busy morning is otherwise
 * walked at every issue only to count it (docs/benchmarks.md, load). A Set to everyone who only
 * reads it; the reducer's add and delete keep the totals. A ticket must be in `tickets`, with its
 * waiting step current, when it is added.
 */
export class WaitingQueue extends Set<string> implements WaitingIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly services = new Map<string, ServiceTotals>();
  private readonly groups = new Map<string, { serviceId: string; targetWindowId: string | null; n: number }>();
  /** Steps not sent to the front, in queue order (queue-order.ts); those gone are dropped in bulk. */
  private order: Entry[] = [];
  private goneInOrder = 0;
  private readonly booked = new Set<string>();
  private cached: QueueSummary | null = null;

  constructor(private readonly tickets: ReadonlyMap<string, Ticket>) {
    super();
  }

  override add(id: string): this {
    if (this.has(id)) this.delete(id);
    const ticket = this.tickets.get(id);
    if (!ticket) throw new Error(`waiting: no ticket ${id}`);
    const step = ticket.steps[ticket.steps.length - 1];
    const e: Entry = { ticket, step, from: waitingFrom({ ticket, step }), groupKey: groupKey(step.serviceId, step.targetWindowId), gone: false };
    this.byId.set(id, e);
    if (ticket.appointmentId !== null && ticket.steps.length === 1) this.booked.add(id);
    let svc = this.services.get(step.serviceId);
    if (!svc) this.services.set(step.serviceId, (svc = { entries: new Map(), oldest: Infinity, stale: false }));
    svc.entries.set(id, e);
    if (!svc.stale && e.from < svc.oldest) svc.oldest = e.from;
    const g = this.groups.get(e.groupKey);
    if (g) g.n++;
    else this.groups.set(e.groupKey, { serviceId: step.serviceId, targetWindowId: step.targetWindowId, n: 1 });
    // Tickets join in queue order as the hall runs; only a restart's reload may insert further up.
    if (!step.front) {
      const last = this.order[this.order.length - 1];
      if (!last || byQueueOrder(last, e) < 0) this.order.push(e);
      else this.order.splice(this.firstAfter(e), 0, e);
    }
    this.cached = null;
    return super.add(id);
  }

  override delete(id: string): boolean {
    const e = this.byId.get(id);
    if (!e) return super.delete(id);
    this.byId.delete(id);
    this.booked.delete(id);
    const svc = this.services.get(e.step.serviceId)!;
    svc.entries.delete(id);
    if (svc.entries.size === 0) this.services.delete(e.step.serviceId);
    else if (e.from === svc.oldest) svc.stale = true;
    const g = this.groups.get(e.groupKey)!;
    if (--g.n === 0) this.groups.delete(e.groupKey);
    if (!e.step.front) {
      e.gone = true;
      if (++this.goneInOrder > 64 && this.goneInOrder * 2 > this.order.length) {
        this.order = this.order.filter((x) => !x.gone);
        this.goneInOrder = 0;
      }
    }
    this.cached = null;
    return super.delete(id);
  }

  override clear(): void {
    this.byId.clear();
    this.booked.clear();
    this.services.clear();
    this.groups.clear();
    this.order = [];
    this.goneInOrder = 0;
    this.cached = null;
    super.clear();
  }

  /** The totals now; the same object until the queue changes. */
  summary(): QueueSummary {
    if (this.cached) return this.cached;
    const byService = new Map<string, { n: number; oldest: number }>();
    for (const [serviceId, svc] of this.services) {
      if (svc.stale) {
        svc.oldest = Infinity;
        for (const e of svc.entries.values()) if (e.from < svc.oldest) svc.oldest = e.from;
        svc.stale = false;
      }
      byService.set(serviceId, { n: svc.entries.size, oldest: svc.oldest });
    }
    return (this.cached = { byService, groups: [...this.groups.values()].map((g) => ({ ...g })) });
  }

  /** The waiting steps after `c` in queue order (front transfers aside): few for a ticket just taken. */
  *after(c: Candidate): Generator<Candidate> {
    for (let i = this.firstAfter(c); i < this.order.length; i++) if (!this.order[i].gone) yield this.order[i];
  }

  /** The waiting tickets that came from a booking and wait for their first matter (phones are told when it is nearly their turn). */
  fromBookings(): IterableIterator<string> {
    return this.booked.values();
  }

  private firstAfter(c: Candidate): number {
    let lo = 0, hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byQueueOrder(this.order[mid], c) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
