import type {
  AlertView, CallView, EvaluationRequest, Feed, HallInfo, PrinterStatus, ServerEventName, ServerToClientEvents,
  ServiceView, StateSnapshot, TicketView, WindowView,
} from '@onewindow/protocol';

/**
 * What a screen knows of the hall: the last snapshot with every later event applied. Pure
 * functions over a plain object, so a Pinia store can hold it reactively and tests can run it bare.
 */
export interface FeedState {
  feed: Feed | null;
  hall: HallInfo | null;
  services: ServiceView[];
  windows: WindowView[];
  /** Newest first. */
  recentCalls: CallView[];
  /** staff: every ticket not yet final, by id. */
  tickets: Record<string, TicketView>;
  /** Open alerts, newest first. */
  alerts: AlertView[];
  printers: PrinterStatus[];
  evaluation: EvaluationRequest | null;
}

export const RECENT_CALLS = 12;
const FINAL = new Set(['done', 'no-show', 'cancelled', 'expired']);

export function emptyFeed(): FeedState {
  return { feed: null, hall: null, services: [], windows: [], recentCalls: [], tickets: {}, alerts: [], printers: [], evaluation: null };
}

/** Replaces everything with a snapshot (on connect, after a gap, after a reset). */
export function applySnapshot(st: FeedState, s: StateSnapshot): void {
  st.feed = s.feed;
  st.hall = s.hall;
  st.services = s.services;
  st.windows = s.windows;
  st.recentCalls = s.recentCalls.slice(0, RECENT_CALLS);
  st.tickets = Object.fromEntries(s.tickets.filter((t) => !FINAL.has(t.status)).map((t) => [t.id, t]));
  st.alerts = s.alerts.filter((a) => a.acknowledgedAt === null);
  st.printers = s.printers;
  st.evaluation = s.evaluation;
}

type Payload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/** What an applied event means for the screens beyond the state: a call to announce. */
export interface Effect { call?: CallView }

/** Applies one event that the seq tracker accepted. */
export function applyEvent<E extends ServerEventName>(st: FeedState, name: E, payload: Payload<E>): Effect {
  const m = payload as Partial<Payload<'ticket:called'>> & Partial<Payload<'window:changed'>> & Partial<Payload<'alert'>> & Partial<Payload<'printer:status'>>;
  if (m.services) upsert(st.services, m.services);
  if (m.window) upsert(st.windows, [m.window], st.feed?.startsWith('window:') ?? false);
  switch (name) {
    case 'ticket:issued': case 'ticket:updated': case 'ticket:finished': case 'ticket:called': case 'ticket:recalled': {
      const t = m.ticket!;
      if (st.feed === 'staff') {
        if (FINAL.has(t.status)) delete st.tickets[t.id];
        else st.tickets[t.id] = t;
      }
      if (m.call) {
        addCall(st, m.call);
        return { call: m.call };
      }
      return {};
    }
    case 'alert': {
      const a = m.alert!;
      st.alerts = st.alerts.filter((x) => x.id !== a.id);
      if (a.acknowledgedAt === null) st.alerts.unshift(a);
      return {};
    }
    case 'printer:status': {
      const p = m.printer!;
      st.printers = [...st.printers.filter((x) => x.kioskId !== p.kioskId), p];
      return {};
    }
    case 'evaluation:request':
      st.evaluation = (payload as Payload<'evaluation:request'>).request;
      return {};
    case 'evaluation:recorded':
      if (st.evaluation?.ticketId === (payload as Payload<'evaluation:recorded'>).ticketId) st.evaluation = null;
      return {};
    default:
      return {};
  }
}

/** A call goes on top; a recall moves the ticket's earlier call up instead of listing it twice. */
function addCall(st: FeedState, c: CallView): void {
  st.recentCalls = [c, ...st.recentCalls.filter((x) => !(x.ticketId === c.ticketId && x.windowId === c.windowId))].slice(0, RECENT_CALLS);
}

/** Replaces items by id, keeping order; new ones are appended unless `onlyKnown`. */
function upsert<T extends { id: string }>(list: T[], items: T[], onlyKnown = false): void {
  for (const it of items) {
    const i = list.findIndex((x) => x.id === it.id);
    if (i >= 0) list.splice(i, 1, it);
    else if (!onlyKnown) list.push(it);
  }
}

/** Calls in a fresh snapshot that are newer than anything this screen had: missed during an outage. */
export function missedCalls(before: CallView[], after: CallView[]): CallView[] {
  const newest = before.reduce((t, c) => Math.max(t, Date.parse(c.at)), -Infinity);
  const known = new Set(before.map(callKey));
  return after.filter((c) => Date.parse(c.at) >= newest && !known.has(callKey(c))).reverse();
}

/** One call (or recall) of one ticket: the speech queue's de-duplication key. */
export function callKey(c: CallView): string {
  return `${c.ticketId}@${c.at}${c.recall ? '/recall' : ''}`;
}

/**
 * The server's time when it sent an event, where the event tells it (a call, an issue, an alert,
 * a window change): screens keep their hall clock in step between snapshots.
 */
export function eventTime(name: ServerEventName, payload: unknown): string | null {
  const m = payload as Partial<Payload<'ticket:called'>> & Partial<Payload<'alert'>> & Partial<Payload<'window:changed'>> & Partial<Payload<'printer:status'>>;
  switch (name) {
    case 'ticket:called': case 'ticket:recalled': return m.call?.at ?? null;
    case 'ticket:issued': return m.ticket?.issuedAt ?? null;
    case 'alert': return m.alert?.acknowledgedAt ?? m.alert?.raisedAt ?? null;
    case 'window:changed': return m.window?.since ?? null;
    case 'printer:status': return m.printer?.at ?? null;
    default: return null;
  }
}
