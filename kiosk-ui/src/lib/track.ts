import type { CallView, ServerMessage, StateSnapshot, TicketView } from '@onewindow/protocol';
import type { TrackAnswer } from '@onewindow/protocol/endpoints';

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
  /** 一次性告知: the materials still to bring, when a clerk finished a matter with some missing */
  notice?: TrackNotice | null;
}

export type TrackNotice = NonNullable<TrackAnswer['notice']>;

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

export function fromAnswer(a: TrackAnswer): TrackModel {
  const { serviceName, windowName, hallName, notice, ...ticket } = a;
  return { ticket, hallName, serviceName, serviceNameEn: null, windowName, windowNameEn: null, call: null, notice: notice ?? null };
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
    notice: prev?.notice ?? null,
  };
}

/**
 * The tracking feed's one reducer: a message about this ticket (in order, past the seq protocol)
 * applied; `alert` marks a (re)call this phone should ring for.
 */
export function applyTrack(m: TrackModel, msg: ServerMessage): { model: TrackModel; alert: boolean } {
  switch (msg.event) {
    case 'ticket:issued': case 'ticket:called': case 'ticket:recalled': case 'ticket:updated': case 'ticket:finished': break;
    default: return { model: m, alert: false };
  }
  const p = msg.payload;
  const t = p.ticket;
  // The feed sends only this ticket; anything else is ignored rather than shown.
  if (m.ticket && t.id !== m.ticket.id) return { model: m, alert: false };
  const called = msg.event === 'ticket:called' || msg.event === 'ticket:recalled';
  const newCall = called ? msg.payload.call : null;
  const svc = p.services?.find((s) => s.id === t.serviceId);
  const sameWindow = t.windowId !== null && t.windowId === m.ticket?.windowId;
  const here = p.window && p.window.id === t.windowId ? p.window : null;
  const windowName = newCall?.windowName ?? here?.name ?? (sameWindow ? m.windowName : null);
  const windowNameEn = here?.nameEn ?? (sameWindow ? m.windowNameEn : null);
  return {
    model: { ...m, ticket: t, call: newCall ?? m.call, windowName, windowNameEn, serviceName: svc?.name ?? m.serviceName, serviceNameEn: svc?.nameEn ?? m.serviceNameEn },
    alert: called,
  };
}

/** The window to go to, by the hall's own name ("3号综合窗口"). */
export function windowLabel(m: TrackModel, lang = 'zh-CN'): string {
  if (!lang.startsWith('zh') && m.windowNameEn) return m.windowNameEn;
  return m.call?.windowName ?? m.windowName ?? m.ticket?.windowId ?? '';
}
