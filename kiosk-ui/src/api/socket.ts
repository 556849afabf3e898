import { openFeed, type FeedConnection } from '@onewindow/protocol/client';
import type { ServerEventName, ServerMessage, StateSnapshot } from '@onewindow/protocol';

export type { FeedConnection };

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  message(m: ServerMessage): void;
  online(connected: boolean): void;
  /** the server refused the token or the tracking token: the device was unpaired, or the ticket is unknown */
  refused(): void;
}

const handlers = (h: FeedHandlers) => ({
  state: h.state,
  message: h.message,
  status: (s: string) => {
    h.online(s === 'online');
    if (s === 'refused') h.refused();
  },
});

/** The kiosk's feed: its services, windows and printer (the protocol's feed client keeps it connected, also after a restart). */
export function openKioskFeed(token: string, h: FeedHandlers): FeedConnection {
  return openFeed({ token }, handlers(h), {
    retryMs: 2000, maxRetryMs: 5000, socket: { reconnectionDelay: 1000, reconnectionDelayMax: 5000, timeout: 8000 },
  });
}

const TRACK_EVENTS: ServerEventName[] = ['ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'hall:reset'];

/** A phone's read-only feed of one ticket (`auth: { trackToken }`); an unknown ticket is final. */
export function openTrackFeed(trackToken: string, h: FeedHandlers): FeedConnection {
  return openFeed({ trackToken }, handlers(h), {
    events: TRACK_EVENTS, retryMs: 3000, maxRetryMs: 8000, final: ['TICKET_NOT_FOUND'],
    socket: { reconnectionDelay: 1000, reconnectionDelayMax: 8000, timeout: 10_000 },
  });
}
