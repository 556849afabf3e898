import { describe, expect, it } from 'vitest';
import type { StateSnapshot, TicketView, WindowView } from '@onewindow/protocol';
import { applyEvent, applySnapshot, emptyLive } from './live.ts';

const ticket = (id: string, status: TicketView['status']): TicketView => ({
  id, number: id.toUpperCase(), serviceId: 'biz', priority: 'normal', status, issuedAt: '', ahead: 0, estimatedWaitSec: 0,
  windowId: null, calledAt: null, appointmentAt: null, channel: 'kiosk',
});
const win = (id: string, currentId: string | null): WindowView => ({
  id, name: id, skills: ['biz'], status: 'open', phase: currentId ? 'calling' : 'idle', clerk: null, pauseReason: null, since: '', freeSince: '',
  currentTicket: currentId ? { id: currentId, number: currentId, serviceId: 'biz', priority: 'normal', status: 'called', calledAt: null, startedAt: null, reason: null } : null,
  servedToday: 0, held: [],
});
const snap = { hall: { now: '' } as StateSnapshot['hall'], windows: [win('W01', null)], services: [], tickets: [ticket('a1', 'waiting'), ticket('a0', 'done')] };

describe('the staff feed as state', () => {
  it('takes a snapshot, keeping only tickets not yet final', () => {
    const s = emptyLive();
    applySnapshot(s, snap);
    expect(Object.keys(s.tickets)).toEqual(['a1']);
    expect(s.windows.W01.phase).toBe('idle');
  });

  it('applies ticket and window messages and says what they touched', () => {
    const s = emptyLive();
    applySnapshot(s, snap);
    expect(applyEvent(s, 'ticket:called', { ticket: { ...ticket('a1', 'called'), windowId: 'W01' }, services: [], window: win('W01', 'a1') }))
      .toEqual({ ticketId: 'a1', windowId: 'W01' });
    expect(s.windows.W01.currentTicket?.id).toBe('a1');
    expect(s.tickets.a1.status).toBe('called');
    applyEvent(s, 'ticket:finished', { ticket: ticket('a1', 'done'), services: [], window: win('W01', null) });
    expect(s.tickets.a1).toBeUndefined();
    expect(s.windows.W01.currentTicket).toBeNull();
    expect(applyEvent(s, 'evaluation:recorded', { ticketId: 'a1', windowId: 'W01', score: 4 })).toEqual({ ticketId: 'a1', windowId: 'W01', score: 4 });
    expect(applyEvent(s, 'alert', { alert: {} })).toEqual({});
  });
});
