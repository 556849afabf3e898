import type { HallState, Ticket } from './types.ts';
import { currentStep, newStep } from './state.ts';
import { isBookedStep } from './queue-order.ts';
import { fifoWaitSec, fifoWaitFor } from './fifo-wait.ts';
import { calibrate, lookKey, waitKey } from './wait-stats.ts';
import { lookaheadSec } from './lookahead.ts';

export interface Estimate {
  /** Tickets of the same queue before this one in the order they came (the shared queue's order). */
  ahead: number;
  /**
   * The wait to tell the visitor, in seconds; null when no open window can serve the ticket now
   * (every window able to is closed or paused: unservable.ts), rather than a number made up.
   */
  estimatedWaitSec: number | null;
  /**
   * Where the day's own record says the wait is uncertain, the range it will likely fall in
   * (about 8 in 10 times), to be shown as "约 15–25 分钟"; null when the estimate is tight.
   */
  range: { lowSec: number; highSec: number } | null;
}

/**
 * Estimated wait: when the lookahead (lookahead.ts) foresees this ticket called — the open windows
 * playing the queue forward in the production routing's order, at the learned pace — calibrated by
 * what the day has shown so far (wait-stats.ts): how the real waits of called visitors of the same
 * queue compared with the lookahead when they came. The day's record carries what the lookahead
 * cannot know — visitors still to come overtaking (green channel, bookings, quick matters), windows
 * opening or pausing, clerks' pace between visitors, no-shows — and it follows the hall as it
 * changes. The engine learns only from visitors already called, never from a ticket's own future.
 *
 * Where the lookahead is not played (a queue deeper than it plays, or beyond its horizon), what a
 * shared queue would make the ticket wait now (fifo-wait.ts: the work before it, each queue for the
 * share of its open windows that are also this ticket's, at the learned pace), calibrated likewise
 * by its own record: a green ticket reckons only with the green tickets before it; a booked one
 * waits at least for its slot, and then what booked visitors have waited after their slot today.
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

function estimate(s: HallState, t: Ticket, now: number, mayUseTotals: boolean): Estimate {
  const step = currentStep(t);
  if (step.status !== 'waiting') return { ahead: 0, estimatedWaitSec: 0, range: null };
  const c = { ticket: t, step };
  const booked = isBookedStep(c);
  const slotWait = booked ? Math.max(0, (t.appointmentAt! - now) / 1000) : 0;
  const green = t.priority === 'green';
  // The newest plain ticket (a kiosk's, a queue's "if you took a number now") from the kept totals.
  const newest = mayUseTotals && !green && !step.front && !s.waiting.has(t.id);
  const ahead = newest ? sameQueue(s, step.serviceId, step.targetWindowId) : fifoAhead(s, t);
  // The play has only open windows: it calls the ticket only if one of them can serve it.
  const look = lookaheadSec(s, t, now);
  if (look !== null) return told(ahead, calibrate(s, lookKey(c), look), 0);
  const fifo = newest ? fifoWaitSec(s, step.serviceId, step.targetWindowId) : fifoWaitFor(s, t);
  if (fifo === null) return { ahead, estimatedWaitSec: slotWait > 0 ? Math.round(slotWait) : null, range: null };
  const cal = calibrate(s, waitKey(c), booked ? 0 : fifo);
  return told(ahead, cal, booked ? slotWait : 0);
}

function told(ahead: number, cal: { sec: number; lowSec: number; highSec: number }, plusSec: number): Estimate {
  const low = plusSec + cal.lowSec, high = plusSec + cal.highSec;
  return { ahead, estimatedWaitSec: Math.round(plusSec + cal.sec), range: high - low >= RANGE_FROM_SEC ? { lowSec: Math.round(low), highSec: Math.round(high) } : null };
}

/** A range is worth showing when it spans at least this many seconds. */
const RANGE_FROM_SEC = 300;

function sameQueue(s: HallState, serviceId: string, targetWindowId: string | null): number {
  let n = 0;
  for (const g of s.waiting.summary().groups) if (g.serviceId === serviceId && g.targetWindowId === targetWindowId) n += g.n;
  return n;
}

function fifoAhead(s: HallState, t: Ticket): number {
  const step = currentStep(t);
  let n = 0;
  for (const id of s.waiting) {
    if (id === t.id) break;
    const st = currentStep(s.tickets.get(id)!);
    if (st.serviceId === step.serviceId && st.targetWindowId === step.targetWindowId) n++;
  }
  return n;
}
