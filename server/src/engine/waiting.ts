import type { Step, Ticket } from './types.ts';
import { byQueueOrder, waitingFrom, type Candidate } from './routing/policy.ts';

/** What the queue looks like as a whole: asked by screens, kiosks, answers and estimates. */
export interface QueueSummary {
  /** Per service: how many wait, and since when the longest has (a booked visitor from the slot). */
  byService: Map<string, { n: number; oldest: number }>;
  /** Per service and transfer target (null: any window able to do it): how many wait. */
  groups: { serviceId: string; targetWindowId: string | null; n: number }[];
  /** The waiting step last in queue order (transfers to the front aside). */
  last: Candidate | null;
}

interface Entry extends Candidate {
  /** Fixed while the step waits: the step is replaced, never edited, when the ticket moves on. */
  from: number;
  groupKey: string;
}

interface ServiceTotals {
  entries: Map<string, Entry>;
  oldest: number;
  /** The oldest entry left: its oldest must be found again among the service's entries. */
  stale: boolean;
}

const groupKey = (step: Step) => (step.targetWindowId === null ? step.serviceId : `${step.serviceId}\u0000${step.targetWindowId}`);

/**
 * The ids of the tickets whose current step waits, in the order they joined, with the queue's
 * totals kept as tickets join and leave. A queue of thousands at a busy morning is otherwise
 * walked at every issue only to count it (docs/benchmarks.md, load). A Set to everyone who only
 * reads it; the reducer's add and delete keep the totals. A ticket must be in `tickets`, with its
 * waiting step current, when it is added.
 */
export class WaitingQueue extends Set<string> {
  private readonly byId = new Map<string, Entry>();
  private readonly services = new Map<string, ServiceTotals>();
  private readonly groups = new Map<string, { serviceId: string; targetWindowId: string | null; n: number }>();
  private last: Entry | null = null;
  /** The last entry left: found again by a walk when next asked. */
  private lastStale = false;
  private cached: QueueSummary | null = null;
  private readonly booked = new Set<string>();

  constructor(private readonly tickets: ReadonlyMap<string, Ticket>) {
    super();
  }

  override add(id: string): this {
    if (this.has(id)) this.delete(id);
    const ticket = this.tickets.get(id);
    if (!ticket) throw new Error(`waiting: no ticket ${id}`);
    const step = ticket.steps[ticket.steps.length - 1];
    const e: Entry = { ticket, step, from: waitingFrom({ ticket, step }), groupKey: groupKey(step) };
    this.byId.set(id, e);
    if (ticket.appointmentId !== null && ticket.steps.length === 1) this.booked.add(id);
    let svc = this.services.get(step.serviceId);
    if (!svc) this.services.set(step.serviceId, (svc = { entries: new Map(), oldest: Infinity, stale: false }));
    svc.entries.set(id, e);
    if (!svc.stale && e.from < svc.oldest) svc.oldest = e.from;
    const g = this.groups.get(e.groupKey);
    if (g) g.n++;
    else this.groups.set(e.groupKey, { serviceId: step.serviceId, targetWindowId: step.targetWindowId, n: 1 });
    if (!step.front && !this.lastStale && (!this.last || byQueueOrder(this.last, e) < 0)) this.last = e;
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
    if (this.last === e) (this.last = null), (this.lastStale = true);
    this.cached = null;
    return super.delete(id);
  }

  override clear(): void {
    this.byId.clear();
    this.booked.clear();
    this.services.clear();
    this.groups.clear();
    this.last = null;
    this.lastStale = false;
    this.cached = null;
    super.clear();
  }

  /** The waiting tickets that came from a booking and wait for their first matter (phones are told when it is nearly their turn). */
  fromBookings(): IterableIterator<string> {
    return this.booked.values();
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
    if (this.lastStale) {
      for (const e of this.byId.values()) if (!e.step.front && (!this.last || byQueueOrder(this.last, e) < 0)) this.last = e;
      this.lastStale = false;
    }
    const last = this.last && { ticket: this.last.ticket, step: this.last.step };
    return (this.cached = { byService, groups: [...this.groups.values()].map((g) => ({ ...g })), last });
  }
}
