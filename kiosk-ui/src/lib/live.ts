import type { HallInfo, PrinterStatus, ServerMessage, ServiceView, StateSnapshot, WindowView } from '@onewindow/protocol';

/** What the kiosk keeps of the hall: enough for its menu, its counts and its printer. */
export interface LiveHall {
  hall: HallInfo | null;
  services: ServiceView[];
  windows: WindowView[];
  printers: PrinterStatus[];
}

export const emptyHall = (): LiveHall => ({ hall: null, services: [], windows: [], printers: [] });

export function fromSnapshot(s: StateSnapshot): LiveHall {
  return { hall: s.hall, services: s.services, windows: s.windows, printers: s.printers };
}

const byId = <T extends { id: string }>(list: T[], fresh: readonly T[] | undefined): T[] =>
  fresh?.length ? list.map((x) => fresh.find((f) => f.id === x.id) ?? x).concat(fresh.filter((f) => !list.some((x) => x.id === f.id))) : list;

/**
 * The kiosk feed's one reducer: a message (in order, already past the seq protocol) applied to the
 * kiosk's picture of the hall.
 */
export function applyMessage(h: LiveHall, m: ServerMessage): LiveHall {
  switch (m.event) {
    case 'printer:status': {
      const p = m.payload.printer;
      return { ...h, printers: [...h.printers.filter((x) => x.kioskId !== p.kioskId), p] };
    }
    case 'ticket:issued': case 'ticket:called': case 'ticket:recalled': case 'ticket:updated': case 'ticket:finished': case 'window:changed': {
      const { services, window } = m.payload;
      if (!services?.length && !window) return h;
      return { ...h, services: byId(h.services, services), windows: window ? byId(h.windows, [window]) : h.windows };
    }
    default:
      return h;
  }
}
