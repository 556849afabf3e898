import type { HallInfo, ServiceView, StateSnapshot, TicketView, WindowView } from '@onewindow/protocol';

/** The hall as the staff feed tells it: windows, queues and every ticket not yet final. */
export interface LiveState {
  hall: HallInfo | null;
  windows: Record<string, WindowView>;
  services: Record<string, ServiceView>;
  tickets: Record<string, TicketView>;
}

/** What an applied event touched, so views can refresh what depends on it. */
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

function mergeServices(s: LiveState, list: ServiceView[] | undefined): void {
  for (const x of list ?? []) s.services[x.id] = x;
}

/** Applies one feed message (already accepted by the seq tracker). */
export function applyEvent(s: LiveState, name: string, m: Record<string, unknown>): Touched {
  switch (name) {
    case 'ticket:issued': case 'ticket:called': case 'ticket:recalled': case 'ticket:updated': case 'ticket:finished': {
      const t = m.ticket as TicketView;
      if (FINAL.has(t.status)) delete s.tickets[t.id];
      else s.tickets[t.id] = t;
      mergeServices(s, m.services as ServiceView[] | undefined);
      const w = m.window as WindowView | undefined;
      if (w) s.windows[w.id] = w;
      return { ticketId: t.id, windowId: w?.id ?? t.windowId ?? undefined };
    }
    case 'window:changed': {
      const w = m.window as WindowView;
      s.windows[w.id] = w;
      mergeServices(s, m.services as ServiceView[] | undefined);
      return { windowId: w.id };
    }
    case 'evaluation:request': {
      const r = m.request as { ticketId: string; windowId: string };
      return { ticketId: r.ticketId, windowId: r.windowId };
    }
    case 'evaluation:recorded':
      return { ticketId: m.ticketId as string, windowId: m.windowId as string, score: m.score as number };
  }
  return {};
}
