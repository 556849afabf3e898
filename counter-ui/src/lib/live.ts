import type { HallInfo, ServerMessage, ServiceView, StateSnapshot, TicketView, WindowView } from '@onewindow/protocol';

/** The hall as the staff feed tells it: windows, queues and every ticket not yet final. */
export interface LiveState {
  hall: HallInfo | null;
  windows: Record<string, WindowView>;
  services: Record<string, ServiceView>;
  tickets: Record<string, TicketView>;
}

/** What an applied message touched, so views can refresh what depends on it. */
export interface Touched { ticketId?: string; windowId?: string; score?: number }

const FINAL = new Set(['done', 'no-show', 'cancelled', 'expired']);

export function emptyLive(): LiveState {
  return { hall: null, windows: {}, services: {}, tickets: {} };
}

export function applySnapshot(s: LiveState, snap: Pick<StateSnapshot, 'hall' | 'windows' | 'services' | 'tickets'>): void {
  s.hall = snap.hall;
  s.windows = Object.fromEntries(snap.windows.map((w) => [w.id, w]));
  s.services = Object.fromEntries(snap.services.map((x) => [x.id, x]));
  s.tickets = Object.fromEntries(snap.tickets.filter((t) => !FINAL.has(t.status)).map((t) => [t.id, t]));
}

/**
 * A ticket and its window as the server last told them: from the feed, or at once from the
 * answer to the clerk's own action (the feed confirms it shortly).
 */
export function applyTicket(s: LiveState, t: TicketView | null, w?: WindowView, services?: ServiceView[]): void {
  if (t) {
    if (FINAL.has(t.status)) delete s.tickets[t.id];
    else s.tickets[t.id] = t;
  }
  if (w) s.windows[w.id] = w;
  for (const x of services ?? []) s.services[x.id] = x;
}

/** The staff feed's one reducer: one message (in order, past the seq protocol) applied. */
export function applyMessage(s: LiveState, m: ServerMessage): Touched {
  switch (m.event) {
    case 'ticket:issued': case 'ticket:called': case 'ticket:recalled': case 'ticket:updated': case 'ticket:finished': {
      const { ticket, window, services } = m.payload;
      applyTicket(s, ticket, window, services);
      return { ticketId: ticket.id, windowId: window?.id ?? ticket.windowId ?? undefined };
    }
    case 'window:changed':
      applyTicket(s, null, m.payload.window, m.payload.services);
      return { windowId: m.payload.window.id };
    case 'evaluation:request':
      return { ticketId: m.payload.request.ticketId, windowId: m.payload.request.windowId };
    case 'evaluation:recorded':
      return { ticketId: m.payload.ticketId, windowId: m.payload.windowId, score: m.payload.score };
    default:
      return {};
  }
}
