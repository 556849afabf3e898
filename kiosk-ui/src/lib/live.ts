import { SeqTracker, type HallInfo, type PrinterStatus, type ServerEventName, type ServiceView, type StateSnapshot, type WindowView } from '@onewindow/protocol';

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

interface Payload { services?: ServiceView[]; window?: WindowView; printer?: PrinterStatus }

/** One feed message applied to the kiosk's picture of the hall; 'refresh' asks for a new snapshot. */
export function applyMessage(h: LiveHall, event: ServerEventName, payload: Payload): LiveHall | 'refresh' {
  switch (event) {
    case 'hall:reset':
      return 'refresh';
    case 'printer:status': {
      const p = payload.printer;
      if (!p) return h;
      return { ...h, printers: [...h.printers.filter((x) => x.kioskId !== p.kioskId), p] };
    }
    default:
      if (!payload.services && !payload.window) return h;
      return { ...h, services: byId(h.services, payload.services), windows: payload.window ? byId(h.windows, [payload.window]) : h.windows };
  }
}

export type FeedStep = { kind: 'snapshot'; hall: LiveHall } | { kind: 'apply'; hall: LiveHall } | { kind: 'ignore' } | { kind: 'refresh' };

/**
 * The seq protocol around applyMessage: snapshots reset, duplicates are dropped, a gap (or a
 * reset) asks for a fresh snapshot instead of guessing.
 */
export class LiveFeed {
  private readonly seq = new SeqTracker();

  snapshot(s: StateSnapshot): FeedStep {
    this.seq.reset(s.seq);
    return { kind: 'snapshot', hall: fromSnapshot(s) };
  }

  message(current: LiveHall, event: ServerEventName, payload: Payload & { seq: number; prev: number }): FeedStep {
    const verdict = this.seq.accept(payload);
    if (verdict === 'duplicate') return { kind: 'ignore' };
    if (verdict === 'gap') return { kind: 'refresh' };
    const next = applyMessage(current, event, payload);
    return next === 'refresh' ? { kind: 'refresh' } : { kind: 'apply', hall: next };
  }
}
