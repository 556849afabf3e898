import type { Feed, FeedBatchItem, TicketChange, WindowView } from '@onewindow/protocol';
import { currentStep, type Ticket } from '../engine/index.ts';
import type { Committed } from '../services/hall/log-events.ts';
import { callView, serviceViews, ticketView, windowView, type ViewContext } from '../services/queue/views.ts';

/**
 * One message as a feed hears it: an event and its payload, typed together by the protocol's event
 * map. `payload.seq` is the log's seq of the change; `payload.prev` is set by the gateway as it
 * sends (the feed's previous message), 0 until then.
 */
export type FeedMessage = FeedBatchItem;

export type TicketEventName = 'ticket:issued' | 'ticket:called' | 'ticket:recalled' | 'ticket:finished' | 'ticket:updated';
const TICKET_EVENTS: Record<string, TicketEventName> = {
  'ticket.issued': 'ticket:issued',
  'ticket.called': 'ticket:called',
  'ticket.recalled': 'ticket:recalled',
  'ticket.finished': 'ticket:finished',
  'ticket.no-show': 'ticket:finished',
  'ticket.started': 'ticket:updated',
  'ticket.transferred': 'ticket:updated',
  'ticket.held': 'ticket:updated',
  'ticket.cancelled': 'ticket:updated',
  'ticket.expired': 'ticket:updated',
  'ticket.reinstated': 'ticket:updated',
};
/** The messages that carry a ticket change (TicketChange): its ticket, queues and window. */
export const TICKET_MESSAGES: ReadonlySet<string> = new Set(Object.values(TICKET_EVENTS));

/**
 * What one committed event looks like to one feed, or null when that feed must not hear it.
 * Pure: computed once per feed, not per connection; the gateway fills in `prev`.
 */
export type Memo = <T>(key: string, make: () => T) => T;
const noMemo: Memo = (_key, make) => make();

/** `memo` shares views between the feeds that hear the same event: one estimate, not one per feed. */
export function messageFor(feed: Feed, c: Committed, v: ViewContext, memo: Memo = noMemo): FeedMessage | null {
  const e = c.event as { type: string; ticketId?: string; windowId?: string; ticket?: Ticket };
  const kind = feed.split(':')[0];
  const scope = feed.slice(kind.length + 1);
  const ticketEvent = TICKET_EVENTS[e.type];
  if (ticketEvent) {
    const t = v.state.tickets.get(e.ticketId ?? e.ticket?.id ?? '');
    if (!t) return null;
    const windowId = e.windowId ?? null;
    if (kind === 'window' && windowId !== scope) return null;
    if (kind === 'public' && !changesQueues(c)) return null;
    if (kind === 'track') {
      // A phone hears about its own ticket, and about changes to the queue it waits in.
      if (t.trackToken !== scope) return sameQueueTicket(v, scope, c.seq, (svc) => t.steps.some((s) => s.serviceId === svc) || canServe(v, windowId, svc));
    }
    const full = kind === 'staff' || (kind === 'track' && t.trackToken === scope);
    const staff = full && kind === 'staff';
    const change: TicketChange = {
      seq: c.seq, prev: 0, ticket: memo(`ticket:${staff}`, () => ticketView(v, t, staff)),
      services: memo('services', () => serviceViews(v, new Set(t.steps.slice(-2).map((s) => s.serviceId)))),
    };
    if (windowId && v.state.windows.has(windowId)) change.window = forFeed(kind, memo('window', () => windowView(v, v.state.windows.get(windowId)!)));
    if (ticketEvent === 'ticket:called' || ticketEvent === 'ticket:recalled') {
      const call = memo('call', () => callView(v, t, windowId!, c.event.at, ticketEvent === 'ticket:recalled'));
      return { event: ticketEvent, payload: { ...change, call } };
    }
    return { event: ticketEvent, payload: change };
  }
  switch (e.type) {
    case 'window.signed-in': case 'window.signed-out': case 'window.paused': case 'window.resumed':
    case 'window.ready': case 'window.auto-call': {
      // A phone hears that a window able to serve it opened, paused or closed: its estimate changed.
      const clerksOnly = e.type === 'window.ready' || e.type === 'window.auto-call';
      if (kind === 'track') return clerksOnly ? null : sameQueueTicket(v, scope, c.seq, (svc) => canServe(v, e.windowId!, svc));
      // Readiness and auto-call are the clerks' and supervisors' business: a caller screen shows
      // neither, and a busy hall's windows turn ready many times an hour, each a message to every screen.
      if (kind === 'public' && clerksOnly) return null;
      if (kind === 'window' && e.windowId !== scope) return null;
      const w = v.state.windows.get(e.windowId!)!;
      const services = memo('services', () => serviceViews(v, v.state.model.windows.find((d) => d.id === w.id)!.skills));
      return { event: 'window:changed', payload: { seq: c.seq, prev: 0, window: memo('window', () => windowView(v, w)), services } };
    }
    case 'day.started': case 'config.reloaded':
      return { event: 'hall:reset', payload: { seq: c.seq, prev: 0, reason: e.type } };
    case 'evaluation.requested': {
      const ev = c.event as Extract<Committed['event'], { type: 'evaluation.requested' }>;
      return kind === 'staff' || (kind === 'window' && ev.windowId === scope) ? { event: 'evaluation:request', payload: { seq: c.seq, prev: 0, request: ev.request } } : null;
    }
    case 'evaluation.recorded': {
      const ev = c.event as Extract<Committed['event'], { type: 'evaluation.recorded' }>;
      return kind === 'staff' || (kind === 'window' && ev.windowId === scope)
        ? { event: 'evaluation:recorded', payload: { seq: c.seq, prev: 0, ticketId: ev.ticketId, windowId: ev.windowId, score: ev.score } } : null;
    }
    case 'printer.status': {
      const ev = c.event as Extract<Committed['event'], { type: 'printer.status' }>;
      return kind === 'staff' || (kind === 'kiosk' && ev.printer.kioskId === scope) ? { event: 'printer:status', payload: { seq: c.seq, prev: 0, printer: ev.printer } } : null;
    }
    case 'alert.raised': case 'alert.acknowledged': {
      const ev = c.event as Extract<Committed['event'], { type: 'alert.raised' }>;
      return kind === 'staff' ? { event: 'alert', payload: { seq: c.seq, prev: 0, alert: ev.alert } } : null;
    }
  }
  return null;
}

/**
 * Caller screens show calls and waiting counts: a start, or a finish that queues nothing further,
 * changes neither, and skipping it spares every screen in the hall a message per visit.
 */
function changesQueues(c: Committed): boolean {
  const e = c.event;
  if (e.type === 'ticket.started' || e.type === 'ticket.no-show') return false;
  if (e.type === 'ticket.finished') return e.nextServiceId !== null;
  return true;
}

/**
 * A phone whose ticket waits hears every change that moves its estimate: a ticket of its queue, a
 * call or finish at a window able to serve it, that window opening, pausing or closing.
 */
function sameQueueTicket(v: ViewContext, token: string, seq: number, moves: (serviceId: string) => boolean): FeedMessage | null {
  const own = [...v.state.waiting].map((id) => v.state.tickets.get(id)!).find((x) => x.trackToken === token);
  if (!own) return null;
  const svc = currentStep(own).serviceId;
  if (!moves(svc)) return null;
  return { event: 'ticket:updated', payload: { seq, prev: 0, ticket: ticketView(v, own, false), services: serviceViews(v, [svc]) } };
}

function canServe(v: ViewContext, windowId: string | null, serviceId: string): boolean {
  return windowId !== null && (v.state.model.windows.find((d) => d.id === windowId)?.skills.includes(serviceId) ?? false);
}

/** A phone sees a window's name and state, never the other tickets parked on hold there. */
export function forFeed(kind: string, w: WindowView): WindowView {
  return kind === 'track' ? { ...w, held: [] } : w;
}
