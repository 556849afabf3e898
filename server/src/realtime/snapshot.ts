import type { AlertView, CallView, EvaluationRequest, Feed, HallInfo, PrinterStatus, StateSnapshot } from '@onewindow/protocol';
import type { Ticket } from '../engine/index.ts';

import { callView, openTickets, serviceViews, ticketView, windowViews, type ViewContext } from '../services/queue/views.ts';
import { forFeed } from './feeds.ts';

export interface SnapshotSources {
  seq: number;
  hall: HallInfo;
  alerts: () => AlertView[];
  printers: () => PrinterStatus[];
  pendingEvaluation: (windowId: string) => EvaluationRequest | null;
  /** A ticket of any day by its tracking token. */
  ticketByTrackToken: (token: string) => Ticket | null;
}

/** The full picture a feed may see, sent on connect and whenever a client asks after a gap. */
export function buildSnapshot(feed: Feed, v: ViewContext, src: SnapshotSources): StateSnapshot {
  const kind = feed.split(':')[0];
  const scope = feed.slice(kind.length + 1);
  let tickets = kind === 'staff' ? openTickets(v).map((t) => ticketView(v, t, true)) : [];
  let windows = kind === 'window' ? windowViews(v).filter((w) => w.id === scope) : windowViews(v);
  if (kind === 'track') {
    const t = src.ticketByTrackToken(scope);
    tickets = t ? [ticketView(v, t, false)] : [];
    // A phone gets only the window its ticket is at, without the tickets held there.
    windows = windows.filter((w) => w.id === tickets[0]?.windowId).map((w) => forFeed('track', w));
  }
  return {
    seq: src.seq,
    feed,
    hall: src.hall,
    services: serviceViews(v),
    windows,
    recentCalls: kind === 'track' ? [] : recentCalls(v, 12),
    tickets,
    alerts: kind === 'staff' ? src.alerts() : [],
    printers: kind === 'staff' ? src.printers() : kind === 'kiosk' ? src.printers().filter((p) => p.kioskId === scope) : [],
    evaluation: kind === 'window' ? src.pendingEvaluation(scope) : null,
  };
}

/** The latest calls of the day, newest first, for the caller screen's list. */
export function recentCalls(v: ViewContext, n: number): CallView[] {
  const calls: { t: Ticket; at: number; windowId: string }[] = [];
  for (const t of v.state.tickets.values()) {
    for (const s of t.steps) if (s.calledAt !== null && s.windowId) calls.push({ t, at: s.calledAt, windowId: s.windowId });
  }
  calls.sort((a, b) => b.at - a.at);
  return calls.slice(0, n).map((c) => callView(v, c.t, c.windowId, c.at, false));
}

