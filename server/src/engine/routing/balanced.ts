import type { Candidate } from '../types.ts';
import type { RoutingPolicy } from './policy.ts';
import { candidatesFor } from './policy.ts';
import { currentStep } from '../state.ts';
import { byUrgency, explain, hallView, score, type Scored } from './urgency.ts';
import { assign, idleWindows } from './assign.ts';
import { rareGuard } from './rare-guard.ts';

/**
 * The production policy. Every waiting ticket gets a place in one hall-wide order (urgency.ts:
 * green channel, due bookings and rare matters, then wait against target × quick matters), and the
 * idle windows share the tickets out in that order (assign.ts: windows that can do a rare matter
 * are kept for it; the others take work least-busy-today first). A window gets what the hand-out
 * gives it, and may get nothing while another idle window is the better home, or (rare-guard.ts)
 * while only long common work waits and it is the one window left ready for a rare matter.
 * A window that has called its green streak cap in a row takes a normal ticket next if one waits.
 */
export const balancedPolicy: RoutingPolicy = {
  name: 'balanced',
  description: 'Green channel (capped), due bookings and rare matters, then wait vs target × quick matters; load-balanced windows, one kept ready for a rare matter.',
  choose(s, windowId, now) {
    const mine = candidatesFor(s, windowId);
    if (mine.length === 0) return null;
    const v = hallView(s);
    const windows = idleWindows(s, v, now);
    // Alone among the idle windows, this one can defer to nobody: only its own candidates count.
    const pool: Candidate[] = windows.length === 1 ? mine : [];
    if (windows.length > 1) {
      for (const id of s.waiting) {
        const ticket = s.tickets.get(id)!;
        const step = currentStep(ticket);
        if (step.status === 'waiting') pool.push({ ticket, step });
      }
    }
    const ranked: Scored[] = pool.map((c) => score(s, v, c, now)).sort(byUrgency);
    const got = assign(windows, ranked, windowId, v.hallMeanSec, rareGuard(s, v));
    if (!got) return null;
    let reason = explain(s, v, got.ticket);
    if (got.afterCap) reason += `; a normal ticket after ${s.model.greenStreakCap} green in a row`;
    if (got.keptForRare) reason += '; longer matters left to other windows: this one stays ready for a rare matter';
    return { ticketId: got.ticket.ticket.id, reason };
  },
};
