import type { CallView, ServiceView, StateSnapshot, TicketView, WindowView } from '@onewindow/protocol';

/** Small builders for the contract's shapes, for unit tests. */
export const T0 = '2026-11-23T10:00:00.000+08:00';
export const at = (min: number, sec = 0) => new Date(Date.parse(T0) + min * 60_000 + sec * 1000).toISOString();

export function service(over: Partial<ServiceView> = {}): ServiceView {
  return { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 1200, waiting: 0, longestWaitSec: 0, estimatedWaitSec: 0, windowIds: ['W01'], openWindows: 1, ...over };
}

export function windowView(over: Partial<WindowView> = {}): WindowView {
  return {
    id: 'W01', name: '1号综合窗口', skills: ['biz'], status: 'open', phase: 'idle', clerk: { id: 'u1', name: '张敏' }, pauseReason: null,
    since: T0, freeSince: T0, currentTicket: null, servedToday: 0, held: [], ...over,
  };
}

export function ticket(over: Partial<TicketView> = {}): TicketView {
  return {
    id: 't1', number: 'A001', serviceId: 'biz', priority: 'normal', status: 'waiting', issuedAt: T0, ahead: 0, estimatedWaitSec: 0,
    windowId: null, calledAt: null, appointmentAt: null, channel: 'kiosk', ...over,
  };
}

export function call(over: Partial<CallView> = {}): CallView {
  return { ticketId: 't1', number: 'A001', serviceId: 'biz', windowId: 'W01', windowName: '1号综合窗口', text: '请A001号到1号综合窗口办理', at: T0, recall: false, ...over };
}

export function snapshot(over: Partial<StateSnapshot> = {}): StateSnapshot {
  return {
    seq: 10, feed: 'public',
    hall: { name: '长安区政务服务中心', timezone: 'Asia/Shanghai', day: '2026-11-23', open: true, announcement: { template: '请{number}号到{window}办理', repeat: 2 }, now: T0 },
    services: [service()], windows: [windowView()], recentCalls: [], tickets: [], alerts: [], printers: [], evaluation: null, ...over,
  };
}
