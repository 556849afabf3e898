import type { Candidate } from '../types.ts';
import type { RoutingPolicy } from './policy.ts';
import { call, candidatesFor, nobody } from './policy.ts';
import { currentStep } from '../state.ts';
import { tooEarlyToCall } from '../queue-order.ts';
import { byUrgency, hallView, reasonFor, score, type Scored } from './urgency.ts';
import { assign, handOutWindows } from './assign.ts';
import { rareGuard } from './rare-guard.ts';

/**
 * The production policy. Every waiting ticket gets a place in one hall-wide order (urgency.ts:
 * green channel, due bookings and rare matters, then wait against target × quick matters), and the
 * window asking and the windows waiting ready share the tickets out in that order (assign.ts:
 * windows that can do a rare matter are kept for it; the others take work least-busy-today first).
 * The window asking gets what the hand-out gives it: nobody only when every ticket it could serve
 * goes to another ready window (`better-home`), or when it holds back long common work for a rare
 * matter while another ready window takes that work (`kept-for-rare`, rare-guard.ts).
 * A window that has called its green streak cap in a row takes a normal ticket next if one waits.
 */
export const balancedPolicy: RoutingPolicy = {
  name: 'balanced',
  description: 'Green channel (capped), due bookings and rare matters, then wait vs target × quick matters; the asking and ready windows share out the queue, one kept ready for a rare matter.',
  choose(s, windowId, now) {
    const mine = candidatesFor(s, windowId).filter((c) => !tooEarlyToCall(s, c, now));
    if (mine.length === 0) return nobody('nothing-waiting');
    const v = hallView(s);
    const windows = handOutWindows(s, v, windowId, now);
    // Alone in the hand-out, this window can defer to nobody: only its own candidates count.
    const pool: Candidate[] = windows.length === 1 ? mine : [];
    if (windows.length > 1) {
      for (const id of s.waiting) {
        const ticket = s.tickets.get(id)!;
        const step = currentStep(ticket);
        if (step.status === 'waiting' && !tooEarlyToCall(s, { ticket, step }, now)) pool.push({ ticket, step });
      }
    }
    const ranked: Scored[] = pool.map((c) => score(s, v, c, now)).sort(byUrgency);
    const got = assign(windows, ranked, windowId, v.hallMeanSec, rareGuard(s, v, new Set(windows.map((w) => w.def.id))));
    if (!got.ticket) return nobody(got.kept ? 'kept-for-rare' : 'better-home');
    return call(got.ticket.ticket.id, got.afterCap ? 'after-green-streak' : reasonFor(v, got.ticket));
  },
};
