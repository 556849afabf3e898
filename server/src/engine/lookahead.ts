import type { Candidate, HallState, Ticket } from './types.ts';
import { currentStep, newStep, windowServes } from './state.ts';
import { meanServiceSec } from './stats.ts';
import { tooEarlyToCall } from './queue-order.ts';
import { byUrgency, hallView, score, type Scored } from './routing/urgency.ts';

/**
 * The lookahead: when the production order would call a waiting ticket, played forward from now.
 * The open windows take the queue in turn as each comes free (a busy one after what its visitor's
 * matter takes on average, less the time already spent), each calling the most pressing ticket it
 * can serve by the routing's own order (routing/urgency.ts), scored at the moment of that call: so
 * quick matters overtaking long ones, due bookings, the green channel and visitors past due are
 * all played as the hall would play them. What it cannot know — visitors still to come (the green
 * channel and bookings among them overtake), windows opening, pausing or closing, no-shows, clerks'
 * pace between visitors — the day's record of real waits against it calibrates (wait-stats.ts).
 *
 * It plays at most HORIZON calls, and not at all on a queue longer than MAX_WAITING (a hall far
 * past its capacity: the estimate then falls back to the shared queue's reckoning, fifo-wait.ts),
 * so that its cost stays bounded however deep the queue gets.
 */
export const LOOKAHEAD = { HORIZON: 120, MAX_WAITING: 300, MIN_LEFT_SEC: 30 };

/** Seconds from now until `t` (waiting, or a ticket about to be issued) would be called; null when not played. */
export function lookaheadSec(s: HallState, t: Ticket, now: number): number | null {
  const c = { ticket: t, step: currentStep(t) };
  if (s.waiting.has(t.id)) return played(s, now).called.get(t.id) ?? null;
  const plain = t.priority === 'normal' && t.appointmentAt === null && t.steps.length === 1 && !c.step.front && c.step.targetWindowId === null;
  if (plain) return played(s, now).newcomer.get(c.step.serviceId) ?? null;
  return play(s, now, c).called.get(t.id) ?? null;
}

interface Play {
  /** Seconds from now to each call played, per ticket. */
  called: Map<string, number>;
  /** Per service: when a plain ticket joining it now would be called ("if I took a number now"). */
  newcomer: Map<string, number | null>;
}

/**
 * The play of the queue as it stands, kept per state version and second (estimates are in whole
 * seconds): every phone, screen and kiosk asks about the same queue after each change.
 */
function played(s: HallState, now: number): Play {
  const key = `${s.version ?? 0}|${Math.floor(now / 1000)}`;
  const kept = caches.get(s);
  if (kept && kept.key === key) return kept.play;
  const p = play(s, now, null);
  caches.set(s, { key, play: p });
  return p;
}
const caches = new WeakMap<HallState, { key: string; play: Play }>();

interface PlayWindow { id: string; skills: string[]; free: number }

/**
 * Plays the queue forward. With `joining`, a ticket not yet in the queue joins it now and the play
 * stops once it is called. Without, it also tells when a plain ticket of each service joining now
 * would be called: the first turn of a window able to serve it at which that newcomer would be the
 * most pressing (until then a play with the newcomer is this very play, so one play answers all).
 */
function play(s: HallState, now: number, joining: Candidate | null): Play {
  const out: Play = { called: new Map(), newcomer: new Map() };
  if (s.waiting.size > LOOKAHEAD.MAX_WAITING) return out;
  const pool: Candidate[] = [];
  for (const id of s.waiting) {
    const ticket = s.tickets.get(id)!;
    const step = currentStep(ticket);
    if (step.status === 'waiting') pool.push({ ticket, step });
  }
  if (joining) pool.push(joining);
  const windows: PlayWindow[] = [];
  for (const def of s.model.windows) {
    const w = s.windows.get(def.id);
    if (!w || w.status !== 'open') continue;
    let free = now;
    if (w.currentTicketId) {
      const st = currentStep(s.tickets.get(w.currentTicketId)!);
      const begun = st.startedAt ?? st.calledAt ?? now;
      free = now + 1000 * Math.max(LOOKAHEAD.MIN_LEFT_SEC, meanServiceSec(s, st.serviceId) - (now - begun) / 1000);
    }
    windows.push({ id: def.id, skills: def.skills, free });
  }
  // The newcomers still to place, one per service some open window can serve.
  const newcomers = new Map<string, Candidate>();
  if (!joining) {
    for (const w of windows) {
      for (const id of w.skills) {
        if (newcomers.has(id)) continue;
        const step = newStep(id, now);
        newcomers.set(id, { ticket: { ...NEWCOMER, steps: [step] }, step });
      }
    }
  }
  const place = (w: PlayWindow, best: Scored | null) => {
    for (const id of w.skills) {
      const c = newcomers.get(id);
      if (c && (!best || byUrgency(score(s, v, c, w.free), best) < 0)) {
        out.newcomer.set(id, Math.max(0, (w.free - now) / 1000));
        newcomers.delete(id);
      }
    }
  };
  const v = hallView(s);
  let calls = 0;
  while (calls < LOOKAHEAD.HORIZON && windows.length > 0) {
    // The window free soonest (the first in the hall's order at a tie) calls next.
    let wi = 0;
    for (let i = 1; i < windows.length; i++) if (windows[i].free < windows[wi].free) wi = i;
    const w = windows[wi];
    let best: Scored | null = null, at = -1;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i];
      if (!windowServes(w, c.step) || tooEarlyToCall(s, c, w.free)) continue;
      const sc = score(s, v, c, w.free);
      if (!best || byUrgency(sc, best) < 0) (best = sc), (at = i);
    }
    if (newcomers.size > 0) place(w, best);
    if (!best) {
      // Nobody it may call until somebody new comes (which the play does not foresee), or, for a
      // booking not yet callable, until its slot draws near: the window waits for that.
      const wake = nextCallable(s, w, pool);
      if (wake === null) windows.splice(wi, 1);
      else w.free = Math.max(w.free + 1000, wake);
      continue;
    }
    calls++;
    out.called.set(best.ticket.id, Math.max(0, (w.free - now) / 1000));
    if (joining && best.ticket.id === joining.ticket.id) break;
    pool.splice(at, 1);
    w.free += 1000 * meanServiceSec(s, best.step.serviceId);
  }
  for (const id of newcomers.keys()) out.newcomer.set(id, null);
  return out;
}

/** The plain ticket a newcomer is played as (its step is the service's). */
const NEWCOMER: Ticket = {
  id: '\uffff', day: '', number: '', priority: 'normal', channel: 'kiosk', issuedAt: 0, trackToken: '',
  appointmentAt: null, appointmentId: null, kioskId: null, steps: [],
};

/** When the first booking this window could serve becomes callable (HallModel.bookedEarlyMaxSec), or null. */
function nextCallable(s: HallState, w: PlayWindow, pool: Candidate[]): number | null {
  const max = s.model.bookedEarlyMaxSec;
  if (max === undefined || max === null) return null;
  let first: number | null = null;
  for (const c of pool) {
    if (!windowServes(w, c.step)) continue;
    const from = c.ticket.appointmentAt! - (s.model.appointmentLeadSec + max) * 1000;
    if (first === null || from < first) first = from;
  }
  return first;
}
