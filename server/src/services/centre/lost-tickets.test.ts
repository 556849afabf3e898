import { describe, expect, it } from 'vitest';
import type { ShippedEvent } from '@onewindow/protocol/centre';
import { lostTickets } from './lost-tickets.ts';

const DAY = '2026-12-07';
let seq = 0;
const ev = (type: string, ticketId: string, data: Record<string, unknown> = {}, day = DAY): ShippedEvent => ({
  seq: ++seq, day, at: seq * 1000, type, ticketId, windowId: null, actor: null, data: { type, ticketId, ...data },
});
const issued = (id: string, number: string, day = DAY) => ev('ticket.issued', id, { ticket: { id, number } }, day);

describe('the tickets only the centre knows', () => {
  it('are those the lost events issued that day, open unless they ended, with the highest number per prefix', () => {
    const t = lostTickets([
      issued('y', 'A099', '2026-12-06'), // yesterday's: not today's concern
      ev('ticket.called', 'old'), // the restored hall's own ticket
      issued('a', 'A012'), issued('b', 'A013'), issued('c', 'B004'), issued('d', 'A014'), issued('e', 'B005'),
      ev('ticket.called', 'a'), ev('ticket.finished', 'a', { nextServiceId: null }),
      ev('ticket.finished', 'b', { nextServiceId: 'tax' }), // a further matter: waits again
      ev('ticket.no-show', 'c'), ev('ticket.reinstated', 'c'),
      ev('ticket.cancelled', 'd'),
      ev('ticket.called', 'e'),
    ], DAY);
    expect(t).toEqual({ issued: ['A012', 'A013', 'B004', 'A014', 'B005'], open: ['A013', 'B004', 'B005'], counters: { A: 14, B: 5 } });
  });
});
