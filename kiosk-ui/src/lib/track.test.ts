import { describe, expect, it } from 'vitest';
import type { StateSnapshot, TicketView, WindowView } from '@onewindow/protocol';
import { applyTrack, fromAnswer, fromSnapshot, phaseOf, windowLabel } from './track.ts';

const ticket = (over: Partial<TicketView> = {}): TicketView => ({
  id: 't1', number: 'A012', serviceId: 'biz', priority: 'normal', status: 'waiting', issuedAt: '2026-11-23T10:00:00.000+08:00',
  ahead: 3, estimatedWaitSec: 600, windowId: null, calledAt: null, appointmentAt: null, channel: 'kiosk', ...over,
});
const snapshot = (seq: number, t: TicketView | null): StateSnapshot => ({
  seq, feed: 'track:tok', tickets: t ? [t] : [], services: [{ id: 'biz', name: '企业开办', nameEn: 'Business registration', prefix: 'A', targetWaitSec: 1200, waiting: 4, longestWaitSec: 0, estimatedWaitSec: 0, windowIds: [], openWindows: 1 }],
  windows: [], recentCalls: [], alerts: [], printers: [], evaluation: null,
  hall: { name: '长安区政务服务中心', timezone: 'Asia/Shanghai', day: '2026-11-23', open: true, announcement: { template: '', repeat: 2 }, now: '' },
});
const win = (id: string, name: string, nameEn?: string): WindowView => ({
  id, name, nameEn, skills: ['biz'], status: 'open', phase: 'calling', clerk: null, pauseReason: null, since: '', freeSince: '', currentTicket: null, servedToday: 0, held: [],
});
const call = { ticketId: 't1', number: 'A012', serviceId: 'biz', windowId: 'W03', windowName: '3号综合窗口', text: '请A012号到3号综合窗口办理', at: '', recall: false };

describe('the tracking page\'s picture of one ticket', () => {
  it('starts from the HTTP answer, then the snapshot names the service in both languages', () => {
    const m0 = fromAnswer({ ...ticket(), serviceName: '企业开办', windowName: null, hallName: '长安区政务服务中心' });
    expect(phaseOf(m0)).toBe('waiting');
    const m1 = fromSnapshot(snapshot(10, ticket({ ahead: 2 })), m0);
    expect(m1).toMatchObject({ serviceName: '企业开办', serviceNameEn: 'Business registration', ticket: { ahead: 2 } });
  });

  it('moves with the queue, rings for its call, and shows the window by name', () => {
    // Given the ticket waiting
    let m = fromSnapshot(snapshot(10, ticket()), null);
    // When it moves up, then is called to window 3
    const step1 = applyTrack(m, { event: 'ticket:updated', payload: { seq: 11, prev: 10, ticket: ticket({ ahead: 1 }), services: [] } });
    expect(step1).toMatchObject({ alert: false, model: { ticket: { ahead: 1 } } });
    m = step1.model;
    const window = win('W03', '3号综合窗口', 'Window 3');
    const step2 = applyTrack(m, { event: 'ticket:called', payload: { seq: 14, prev: 11, ticket: ticket({ status: 'called', windowId: 'W03', ahead: 0 }), services: [], call, window } });
    // Then the phone rings and names the window in either language
    expect(step2.alert).toBe(true);
    m = step2.model;
    expect(phaseOf(m)).toBe('called');
    expect(windowLabel(m)).toBe('3号综合窗口');
    expect(windowLabel(m, 'en')).toBe('Window 3');
  });

  it('ignores anything about another ticket, and messages that are not about tickets', () => {
    const m = fromAnswer({ ...ticket(), serviceName: '企业开办', windowName: null, hallName: 'x' });
    expect(applyTrack(m, { event: 'ticket:updated', payload: { seq: 1, prev: 0, ticket: ticket({ id: 'other', number: 'A013' }), services: [] } })).toEqual({ model: m, alert: false });
    expect(applyTrack(m, { event: 'window:changed', payload: { seq: 1, prev: 0, window: win('W01', '1号窗口'), services: [] } })).toEqual({ model: m, alert: false });
  });

  it('knows the end states', () => {
    const m = (status: TicketView['status']) => fromAnswer({ ...ticket({ status }), serviceName: '', windowName: null, hallName: '' });
    expect(phaseOf(m('no-show'))).toBe('no-show');
    expect(phaseOf(m('done'))).toBe('done');
    expect(phaseOf(m('expired'))).toBe('closed');
    expect(phaseOf(m('held'))).toBe('held');
    expect(phaseOf(null)).toBe('loading');
    expect(phaseOf(null, true)).toBe('not-found');
  });
});
