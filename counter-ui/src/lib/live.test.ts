import { describe, expect, it } from 'vitest';
import type { AlertView, StateSnapshot, TicketView, WindowView } from '@onewindow/protocol';
import { applyMessage, applySnapshot, applyTicket, emptyLive } from './live.ts';

const ticket = (id: string, status: TicketView['status']): TicketView => ({
  id, number: id.toUpperCase(), serviceId: 'biz', priority: 'normal', status, issuedAt: '', ahead: 0, estimatedWaitSec: 0,
  windowId: null, calledAt: null, appointmentAt: null, channel: 'kiosk',
});
const win = (id: string, currentId: string | null): WindowView => ({
  id, name: id, skills: ['biz'], status: 'open', phase: currentId ? 'calling' : 'idle', clerk: null, pauseReason: null, since: '', freeSince: '',
  currentTicket: currentId ? { id: currentId, number: currentId, serviceId: 'biz', priority: 'normal', status: 'called', calledAt: null, startedAt: null, reason: null } : null,
  servedToday: 0, held: [],
});
const hall: StateSnapshot['hall'] = { name: '', timezone: 'Asia/Shanghai', day: '', open: true, announcement: { template: '', repeat: 1 }, now: '' };
const snap = { hall, windows: [win('W01', null)], services: [], tickets: [ticket('a1', 'waiting'), ticket('a0', 'done')] };
const alert: AlertView = { id: 'x', kind: 'printer', level: 'info', message: '', raisedAt: '', acknowledgedAt: null, acknowledgedBy: null };

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
    const called = { ...ticket('a1', 'called'), windowId: 'W01' };
    const call = { ticketId: 'a1', number: 'A1', serviceId: 'biz', windowId: 'W01', windowName: 'W01', text: '', at: '', recall: false };
    expect(applyMessage(s, { event: 'ticket:called', payload: { seq: 1, prev: 0, ticket: called, services: [], window: win('W01', 'a1'), call } }))
      .toEqual({ ticketId: 'a1', windowId: 'W01' });
    expect(s.windows.W01.currentTicket?.id).toBe('a1');
    expect(s.tickets.a1.status).toBe('called');
    applyMessage(s, { event: 'ticket:finished', payload: { seq: 2, prev: 1, ticket: ticket('a1', 'done'), services: [], window: win('W01', null) } });
    expect(s.tickets.a1).toBeUndefined();
    expect(s.windows.W01.currentTicket).toBeNull();
    expect(applyMessage(s, { event: 'evaluation:recorded', payload: { seq: 3, prev: 2, ticketId: 'a1', windowId: 'W01', score: 4 } }))
      .toEqual({ ticketId: 'a1', windowId: 'W01', score: 4 });
    expect(applyMessage(s, { event: 'alert', payload: { seq: 4, prev: 3, alert } })).toEqual({});
  });

  it('takes the answer to the clerk\'s own action the same way as the feed', () => {
    const s = emptyLive();
    applySnapshot(s, snap);
    applyTicket(s, ticket('a1', 'no-show'), win('W01', null));
    expect(s.tickets.a1).toBeUndefined();
  });
});
