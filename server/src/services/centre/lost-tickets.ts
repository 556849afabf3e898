import type { ShippedEvent } from '@onewindow/protocol/centre';
import { numberSeq } from '../../engine/index.ts';

/** Tickets of one business day that only the centre still knows (a hall restored from an old backup). */
export interface LostTickets {
  /** Every number issued that day in the lost events, in order. */
  issued: string[];
  /** Of those, the ones still waiting, parked or at a window when the lost events end: visitors in the hall now. */
  open: string[];
  /** The highest number per prefix among them: the hall numbers on above these. */
  counters: Record<string, number>;
}

/**
 * Folds the lost events of `day` into the tickets they issued and where those stood at the end. A
 * ticket issued before the backup is the restored hall's own and is left out.
 */
export function lostTickets(events: readonly ShippedEvent[], day: string): LostTickets {
  const state = new Map<string, { number: string; open: boolean }>();
  const counters: Record<string, number> = {};
  for (const e of events) {
    if (e.day !== day) continue;
    const d = e.data as { ticket?: { id: string; number: string }; nextServiceId?: string | null };
    if (e.type === 'ticket.issued' && d.ticket) {
      state.set(d.ticket.id, { number: d.ticket.number, open: true });
      const prefix = d.ticket.number.replace(/\d+$/, '');
      counters[prefix] = Math.max(counters[prefix] ?? 0, numberSeq(d.ticket.number));
      continue;
    }
    const t = e.ticketId ? state.get(e.ticketId) : undefined;
    if (!t) continue;
    if (e.type === 'ticket.no-show' || e.type === 'ticket.cancelled' || e.type === 'ticket.expired') t.open = false;
    else if (e.type === 'ticket.finished') t.open = !!d.nextServiceId;
    else if (e.type === 'ticket.reinstated') t.open = true;
  }
  const all = [...state.values()];
  return { issued: all.map((t) => t.number), open: all.filter((t) => t.open).map((t) => t.number), counters };
}
