import { describe, expect, it } from 'vitest';
import type { ServiceView, TicketView, WindowView } from '@onewindow/protocol';
import { applyMessage, type LiveHall } from './live.ts';

const svc = (id: string, waiting: number): ServiceView => ({
  id, name: id, prefix: 'A', targetWaitSec: 600, waiting, longestWaitSec: 0, estimatedWaitSec: waiting * 300, windowIds: ['W01'], openWindows: 1,
});
const win = (id: string, status: WindowView['status']): WindowView => ({
  id, name: id, skills: ['biz'], status, phase: status === 'open' ? 'idle' : 'closed', clerk: null, pauseReason: null,
  since: '', freeSince: '', currentTicket: null, servedToday: 0, held: [],
});
const ticket = { id: 't', number: 'A001', serviceId: 'biz', priority: 'normal', status: 'waiting', issuedAt: '', ahead: 0, estimatedWaitSec: 0, windowId: null, calledAt: null, appointmentAt: null, channel: 'kiosk' } satisfies TicketView;

describe('applyMessage', () => {
  const h: LiveHall = { hall: null, services: [svc('biz', 0), svc('tax', 1)], windows: [win('W01', 'closed')], printers: [] };

  it('takes fresh counts from ticket events and windows from window events', () => {
    // Given the kiosk's hall; when a ticket is issued, then a window opens
    const a = applyMessage(h, { event: 'ticket:issued', payload: { seq: 11, prev: 10, ticket, services: [svc('biz', 1)] } });
    const b = applyMessage(a, { event: 'window:changed', payload: { seq: 12, prev: 11, window: win('W01', 'open'), services: [svc('tax', 0)] } });
    // Then the counts and the window follow
    expect(a.services.map((s) => s.waiting)).toEqual([1, 1]);
    expect(b.windows[0].status).toBe('open');
    expect(b.services.map((s) => s.waiting)).toEqual([1, 0]);
  });

  it('keeps one status per printer and leaves what it does not show alone', () => {
    const a = applyMessage(h, { event: 'printer:status', payload: { seq: 1, prev: 0, printer: { kioskId: 'K1', state: 'paper-out', at: '' } } });
    const b = applyMessage(a, { event: 'printer:status', payload: { seq: 2, prev: 1, printer: { kioskId: 'K1', state: 'ok', at: '' } } });
    expect(b.printers).toEqual([{ kioskId: 'K1', state: 'ok', at: '' }]);
    expect(applyMessage(h, { event: 'evaluation:recorded', payload: { seq: 3, prev: 2, ticketId: 't', windowId: 'W01', score: 5 } })).toBe(h);
  });
});
