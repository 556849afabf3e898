import type { Candidate } from '../types.ts';
import type { Choice, RoutingPolicy } from './policy.ts';
import { call, candidatesFor, nobody } from './policy.ts';
import { byQueueOrder, oldest } from '../queue-order.ts';
import { getWindow } from '../state.ts';

/**
 * The simple fair policy: the green channel first but capped per window so normal tickets never
 * starve, booked tickets not before their slot (less a lead), otherwise first come, first served.
 */
export const fairPolicy: RoutingPolicy = {
  name: 'fair',
  description: 'Green channel first (capped streak), bookings from their slot, then FIFO.',
  choose(s, windowId, now) {
    const w = getWindow(s, windowId);
    const lead = s.model.appointmentLeadSec * 1000;
    const mine = candidatesFor(s, windowId);
    if (mine.length === 0) return nobody('nothing-waiting');
    const ready = mine.filter(
      (c) => c.ticket.appointmentAt === null || c.ticket.steps.length > 1 || c.ticket.appointmentAt - lead <= now,
    );
    if (ready.length === 0) return nobody('bookings-not-due');
    const green = ready.filter((c) => c.ticket.priority === 'green');
    const normal = ready.filter((c) => c.ticket.priority !== 'green');
    const capped = w.greenStreak >= s.model.greenStreakCap && normal.length > 0;
    if (green.length > 0 && !capped) return pick(oldest(green)!, 'green-first');
    const front = ready.filter((c) => c.step.front).sort(byQueueOrder)[0];
    if (front) return pick(front, 'front-transfer');
    return pick(oldest(capped ? normal : ready)!, capped && green.length > 0 ? 'after-green-streak' : 'first-come');
  },
};

function pick(c: Candidate, reason: Extract<Choice, { ticketId: string }>['reason']): Choice {
  return call(c.ticket.id, reason);
}
