import type {
  AlertView, CallView, EvaluationRequest, Feed, HallInfo, PrinterStatus, ServerMessage, ServiceView, StateSnapshot, TicketView, WindowView,
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

/** What an applied message means for the screens beyond the state: a call to announce. */
export interface Effect { call?: CallView }

/** The screens' feed's one reducer: one message (in order, past the seq protocol) applied. */
export function applyMessage(st: FeedState, m: ServerMessage): Effect {
  switch (m.event) {
    case 'ticket:issued': case 'ticket:updated': case 'ticket:finished': case 'ticket:called': case 'ticket:recalled': {
      const { ticket: t, services, window } = m.payload;
      upsertViews(st, services, window);
      if (st.feed === 'staff') {
        if (FINAL.has(t.status)) delete st.tickets[t.id];
        else st.tickets[t.id] = t;
      }
      if (m.event === 'ticket:called' || m.event === 'ticket:recalled') {
        addCall(st, m.payload.call);
        return { call: m.payload.call };
      }
      return {};
    }
    case 'window:changed':
      upsertViews(st, m.payload.services, m.payload.window);
      return {};
    case 'alert': {
      const a = m.payload.alert;
      st.alerts = st.alerts.filter((x) => x.id !== a.id);
      if (a.acknowledgedAt === null) st.alerts.unshift(a);
      return {};
    }
    case 'printer:status': {
      const p = m.payload.printer;
      st.printers = [...st.printers.filter((x) => x.kioskId !== p.kioskId), p];
      return {};
    }
    case 'evaluation:request':
      st.evaluation = m.payload.request;
      return {};
    case 'evaluation:recorded':
      if (st.evaluation?.ticketId === m.payload.ticketId) st.evaluation = null;
      return {};
    default:
      return {};
  }
}

/** Fresh queue counts and a fresh window; a window screen keeps only its own window. */
function upsertViews(st: FeedState, services: ServiceView[] | undefined, window: WindowView | undefined): void {
  if (services) upsert(st.services, services);
  if (window) upsert(st.windows, [window], st.feed?.startsWith('window:') ?? false);
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
export function eventTime(m: ServerMessage): string | null {
  switch (m.event) {
    case 'ticket:called': case 'ticket:recalled': return m.payload.call.at;
    case 'ticket:issued': return m.payload.ticket.issuedAt;
    case 'alert': return m.payload.alert.acknowledgedAt ?? m.payload.alert.raisedAt;
    case 'window:changed': return m.payload.window.since;
    case 'printer:status': return m.payload.printer.at;
    default: return null;
  }
}
