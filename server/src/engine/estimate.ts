import type { Candidate, HallState, QueueSummary, Ticket, WindowDef } from './types.ts';
import { currentStep, newStep } from './state.ts';
import { meanServiceSec } from './stats.ts';
import { byQueueOrder, waitingFrom } from './queue-order.ts';
import { queueSummary } from './queue-summary.ts';
import { groupKey } from './waiting.ts';

export interface Estimate {
  /** Tickets of the same queue that will be called before this one, as far as order tells. */
  ahead: number;
  /**
   * The wait to tell the visitor, in seconds; null when no open window can serve the ticket now
   * (every window able to is closed or paused: unservable.ts), rather than a number made up.
   */
  estimatedWaitSec: number | null;
}

/**
 * Estimated wait from the work before this ticket and the pace of the windows able to serve it,
 * in the production policy's order (routing/urgency.ts):
 *
 * - before it: green tickets (for a normal one), due bookings, and, among normal tickets, those
 *   whose claim (wait ÷ target × hall mean ÷ matter mean) grows at least as fast as its own, or is
 *   already larger than its own will be when it is called (first-come order for green tickets);
 * - a ticket of another service counts for the share of its open windows that are also ours;
 * - idle windows take the first tickets ahead at once; the rest, and one more service to free a
 *   window, go at the pace of our open windows together;
 * - a booked visitor is not called before the slot.
 *
 * Quicker matters that arrive later and overtake are not foreseen: the stretch they cause is
 * partly offset by slower ones it overtakes (measured in docs/benchmarks.md).
 */
export function estimateWait(s: HallState, t: Ticket, now: number): Estimate {
  // Screens, kiosks, phones and the HTTP answer all ask about the same tickets after one change:
  // answer from a cache kept per state version and second (estimates are in whole seconds).
  const key = `${s.version ?? 0}|${Math.floor(now / 1000)}`;
  let cache = caches.get(s);
  if (!cache || cache.key !== key) caches.set(s, (cache = { key, byTicket: new Map() }));
  const memoKey = t.id + '|' + currentStep(t).serviceId;
  let e = cache.byTicket.get(memoKey);
  if (!e) cache.byTicket.set(memoKey, (e = estimate(s, t, now, true)));
  return e;
}

/** The same estimate, always by walking the queue: the reference the queue's totals are tested against. */
export function estimateWaitByWalk(s: HallState, t: Ticket, now: number): Estimate {
  return estimate(s, t, now, false);
}

/** The wait a ticket of `serviceId` taken now would be told (screens and kiosks show it per queue). */
export function estimateForNewTicket(s: HallState, serviceId: string, now: number): Estimate {
  const phantom: Ticket = {
    id: '\uffff', day: s.day, number: '', priority: 'normal', channel: 'kiosk', issuedAt: now, trackToken: '',
    appointmentAt: null, appointmentId: null, kioskId: null, steps: [newStep(serviceId, now)],
  };
  return estimateWait(s, phantom, now);
}

const caches = new WeakMap<HallState, { key: string; byTicket: Map<string, Estimate> }>();

/** Above this many waiting tickets the estimate makes one pass over the queue, not two. */
const LONG_QUEUE = 150;

function estimate(s: HallState, t: Ticket, now: number, mayUseTotals: boolean): Estimate {
  const step = currentStep(t);
  if (step.status !== 'waiting') return { ahead: 0, estimatedWaitSec: 0 };
  const able = ableTo(s, step.serviceId, step.targetWindowId);
  const open = able.filter((w) => isOpen(s, w));
  // With nobody open yet, the windows that will open share the work as they would when open.
  const counted = open.length > 0 ? (w: WindowDef) => isOpen(s, w) : () => true;
  const share = shareOf(s, new Set((open.length > 0 ? open : able).map((w) => w.id)), counted);
  const me: Candidate = { ticket: t, step };
  // Per service, not per ticket: the walk below asks for every waiting ticket.
  const rates = new Map<string, number>();
  const rate = (c: Candidate) => {
    let r = rates.get(c.step.serviceId);
    if (r === undefined) rates.set(c.step.serviceId, (r = 1 / (meanServiceSec(s, c.step.serviceId) * Math.max(60, target(s, c.step.serviceId)))));
    return r;
  };
  const myRate = rate(me);
  const slotWait = t.appointmentAt !== null && t.steps.length === 1 ? Math.max(0, (t.appointmentAt - now) / 1000) : 0;

  const workBefore = (waitSec: number) => {
    let ahead = 0, queued = 0, workSec = 0;
    for (const id of s.waiting) {
      const ticket = s.tickets.get(id)!;
      const c: Candidate = { ticket, step: currentStep(ticket) };
      if (ticket.id === t.id || c.step.status !== 'waiting' || !before(s, c, me, now, rate, myRate, waitSec)) continue;
      const part = share(c.step.serviceId, c.step.targetWindowId);
      if (part === 0) continue;
      if (c.step.serviceId === step.serviceId && c.step.targetWindowId === step.targetWindowId) ahead++;
      queued += part;
      workSec += part * meanServiceSec(s, c.step.serviceId);
    }
    return { ahead, queued, workSec };
  };
  // With the first pass's unbounded wait, everyone waiting comes before a plain normal ticket but
  // the normal, unbooked tickets of its own pace that are after it in queue order: the queue's
  // totals less those, which for a ticket just taken are the few taken after it.
  const totalsBefore = (x: QueueSummary) => {
    let ahead = 0, queued = 0, workSec = 0;
    for (const g of x.groups) {
      const part = share(g.serviceId, g.targetWindowId);
      if (part === 0) continue;
      const mine = g.serviceId === step.serviceId && g.targetWindowId === step.targetWindowId;
      // Everyone but this ticket itself, when it is one of the waiting.
      const n = mine && s.waiting.has(t.id) ? g.n - 1 : g.n;
      if (mine) ahead += n;
      queued += part * n;
      workSec += part * n * meanServiceSec(s, g.serviceId);
    }
    for (const c of s.waiting.after(me)) {
      if (c.ticket.priority !== 'normal' || isBooked(c) || rate(c) !== myRate) continue;
      const part = share(c.step.serviceId, c.step.targetWindowId);
      if (part === 0) continue;
      if (c.step.serviceId === step.serviceId && c.step.targetWindowId === step.targetWindowId) ahead--;
      queued -= part;
      workSec -= part * meanServiceSec(s, c.step.serviceId);
    }
    return { ahead, queued: Math.max(0, queued), workSec: Math.max(0, workSec) };
  };
  // No open window can serve it: no number to make up, but a booked visitor still waits for the slot.
  if (open.length === 0) return { ahead: workBefore(Infinity).ahead, estimatedWaitSec: slotWait > 0 ? Math.round(slotWait) : null };
  let idle = 0, busyMeanSec = 0;
  for (const w of open) {
    const current = s.windows.get(w.id)!.currentTicketId;
    if (current) busyMeanSec += meanServiceSec(s, currentStep(s.tickets.get(current)!).serviceId);
    else idle++;
  }
  const nextFreeSec = idle < open.length ? busyMeanSec / (open.length - idle) : meanServiceSec(s, step.serviceId);
  const pace = (w: ReturnType<typeof workBefore>) =>
    w.queued < idle ? 0 : ((w.queued > 0 ? (w.workSec * (w.queued - idle)) / w.queued : 0) + nextFreeSec) / open.length;
  // On a long queue the first pass of a plain normal ticket (a ticket taken now, the newest, most
  // of those a phone follows) comes from the queue's totals, kept as tickets join and leave.
  const plain = t.priority === 'normal' && !isBooked(me) && !step.front;
  const firstPass = mayUseTotals && plain && s.waiting.size > LONG_QUEUE ? totalsBefore(queueSummary(s)) : workBefore(Infinity);
  const first = pace(firstPass);
  // The second pass refines who overtakes within the wait; on a long queue that refinement is
  // small against the wait itself and not worth a second walk over hundreds of tickets.
  const second = s.waiting.size > LONG_QUEUE ? firstPass : workBefore(first);
  return { ahead: second.ahead, estimatedWaitSec: Math.round(Math.max(pace(second), slotWait)) };
}

function before(s: HallState, c: Candidate, me: Candidate, now: number, rate: (c: Candidate) => number, myRate: number, myWaitSec: number): boolean {
  const theirGreen = c.ticket.priority === 'green';
  const myGreen = me.ticket.priority === 'green';
  if (myGreen || theirGreen) return myGreen === theirGreen ? byQueueOrder(c, me) < 0 : theirGreen;
  if (isBooked(c)) return c.ticket.appointmentAt! - s.model.appointmentLeadSec * 1000 <= now + myWaitSec * 1000;
  if (isBooked(me)) return byQueueOrder(c, me) < 0;
  const theirRate = rate(c);
  if (theirRate >= myRate) return byQueueOrder(c, me) < 0 || theirRate > myRate;
  return ((now - waitingFrom(c)) / 1000 + myWaitSec) * theirRate >= myWaitSec * myRate;
}

const isBooked = (x: Candidate) => x.ticket.appointmentAt !== null && x.ticket.steps.length === 1;

function shareOf(s: HallState, mine: Set<string>, counted: (w: WindowDef) => boolean) {
  // Asked for every waiting ticket: keyed by queue (groupKey builds no string for a plain service).
  const parts = new Map<string, number>();
  const compute = (serviceId: string, targetWindowId: string | null) => {
    const theirs = ableTo(s, serviceId, targetWindowId).filter(counted);
    return theirs.length ? theirs.filter((w) => mine.has(w.id)).length / theirs.length : 0;
  };
  return (serviceId: string, targetWindowId: string | null) => {
    const key = groupKey(serviceId, targetWindowId);
    let part = parts.get(key);
    if (part === undefined) parts.set(key, (part = compute(serviceId, targetWindowId)));
    return part;
  };
}

function ableTo(s: HallState, serviceId: string, targetWindowId: string | null): WindowDef[] {
  return s.model.windows.filter((w) => (targetWindowId ? w.id === targetWindowId : w.skills.includes(serviceId)));
}
function isOpen(s: HallState, w: WindowDef): boolean {
  return s.windows.get(w.id)?.status === 'open';
}
function target(s: HallState, serviceId: string): number {
  return s.model.services.find((x) => x.id === serviceId)?.targetWaitSec ?? 900;
}
