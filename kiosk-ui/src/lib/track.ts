import { SeqTracker, type CallView, type ServerEventName, type StateSnapshot, type TicketView } from '@onewindow/protocol';

/** What the tracking page shows; everything comes from the ticket's own feed. */
export interface TrackModel {
  ticket: TicketView | null;
  hallName: string;
  serviceName: string;
  serviceNameEn: string | null;
  windowName: string | null;
  windowNameEn: string | null;
  /** the latest call of this ticket (with its window), for the "it's your turn" screen */
  call: CallView | null;
}

export type TrackPhase = 'loading' | 'not-found' | 'waiting' | 'called' | 'serving' | 'held' | 'done' | 'no-show' | 'closed';

export function phaseOf(m: TrackModel | null, notFound = false): TrackPhase {
  if (notFound) return 'not-found';
  const t = m?.ticket;
  if (!t) return 'loading';
  switch (t.status) {
    case 'waiting': case 'transferred': return 'waiting';
    case 'called': return 'called';
    case 'serving': return 'serving';
    case 'held': return 'held';
    case 'done': return 'done';
    case 'no-show': return 'no-show';
    default: return 'closed';
  }
}

/** The tracking HTTP answer (GET /api/tickets/track/:token). */
export type TrackAnswer = TicketView & { serviceName: string; windowName: string | null; hallName: string };

export function fromAnswer(a: TrackAnswer): TrackModel {
  const { serviceName, windowName, hallName, ...ticket } = a;
  return { ticket, hallName, serviceName, serviceNameEn: null, windowName, windowNameEn: null, call: null };
}

export function fromSnapshot(s: StateSnapshot, prev: TrackModel | null): TrackModel {
  const ticket = s.tickets[0] ?? prev?.ticket ?? null;
  const svc = ticket ? s.services.find((x) => x.id === ticket.serviceId) : undefined;
  const win = ticket?.windowId ? s.windows.find((w) => w.id === ticket.windowId) : undefined;
  return {
    ticket,
    hallName: s.hall.name,
    serviceName: svc?.name ?? prev?.serviceName ?? ticket?.serviceId ?? '',
    serviceNameEn: svc?.nameEn ?? prev?.serviceNameEn ?? null,
    windowName: win?.name ?? (ticket?.windowId && ticket.windowId === prev?.ticket?.windowId ? prev.windowName : null),
    windowNameEn: win?.nameEn ?? (ticket?.windowId && ticket.windowId === prev?.ticket?.windowId ? prev.windowNameEn : null),
    call: prev?.call && prev.call.ticketId === ticket?.id ? prev.call : null,
  };
}

interface Change { seq: number; prev: number; ticket?: TicketView; call?: CallView; window?: { id: string; name: string; nameEn?: string }; services?: { id: string; name: string; nameEn?: string }[] }

/** One feed message applied; 'alert' marks a (re)call this phone should ring for. */
export function applyTrack(m: TrackModel, event: ServerEventName, p: Change): { model: TrackModel; alert: boolean } | 'refresh' {
  if (event === 'hall:reset') return 'refresh';
  const t = p.ticket;
  // The feed sends only this ticket; anything else is ignored rather than shown.
  if (!t || (m.ticket && t.id !== m.ticket.id)) return { model: m, alert: false };
  const svc = p.services?.find((s) => s.id === t.serviceId);
  const call = (event === 'ticket:called' || event === 'ticket:recalled') && p.call ? p.call : m.call;
  const sameWindow = t.windowId !== null && t.windowId === m.ticket?.windowId;
  const here = p.window && p.window.id === t.windowId ? p.window : null;
  const windowName = p.call?.windowName ?? here?.name ?? (sameWindow ? m.windowName : null);
  const windowNameEn = here?.nameEn ?? (sameWindow ? m.windowNameEn : null);
  return {
    model: { ...m, ticket: t, call, windowName, windowNameEn, serviceName: svc?.name ?? m.serviceName, serviceNameEn: svc?.nameEn ?? m.serviceNameEn },
    alert: event === 'ticket:called' || event === 'ticket:recalled',
  };
}

export type TrackStep = { kind: 'apply'; model: TrackModel; alert: boolean } | { kind: 'ignore' } | { kind: 'refresh' };

/** The seq protocol around applyTrack: duplicates dropped, a gap asks for a fresh snapshot. */
export class TrackFeed {
  private readonly seq = new SeqTracker();

  snapshot(s: StateSnapshot, prev: TrackModel | null): TrackModel {
    this.seq.reset(s.seq);
    return fromSnapshot(s, prev);
  }

  message(m: TrackModel, event: ServerEventName, p: Change): TrackStep {
    const verdict = this.seq.accept(p);
    if (verdict === 'duplicate') return { kind: 'ignore' };
    if (verdict === 'gap') return { kind: 'refresh' };
    const r = applyTrack(m, event, p);
    return r === 'refresh' ? { kind: 'refresh' } : { kind: 'apply', ...r };
  }
}

/** The window to go to, by the hall's own name ("3号综合窗口"). */
export function windowLabel(m: TrackModel, lang = 'zh-CN'): string {
  if (!lang.startsWith('zh') && m.windowNameEn) return m.windowNameEn;
  return m.call?.windowName ?? m.windowName ?? m.ticket?.windowId ?? '';
}
