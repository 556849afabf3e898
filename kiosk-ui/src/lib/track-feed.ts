import { io } from 'socket.io-client';
import { FEED_AUTH, keepFeed, type FeedSocketLike, type ServerEventName, type StateSnapshot } from '@onewindow/protocol';

export interface TrackHandlers {
  state(s: StateSnapshot): void;
  message(event: ServerEventName, payload: never): void;
  online(connected: boolean): void;
  /** the server knows no ticket with this token */
  notFound(): void;
}

export interface TrackConnection { requestState(): void; close(): void }

const EVENTS: ServerEventName[] = ['ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'hall:reset'];

/** A phone's read-only feed of one ticket (`auth: { trackToken }`), kept connected by keepFeed. */
export function openTrackFeed(trackToken: string, h: TrackHandlers): TrackConnection {
  const socket = io({ path: '/socket.io', auth: { trackToken, ...FEED_AUTH }, reconnectionDelay: 1000, reconnectionDelayMax: 8000, timeout: 10_000 });
  return keepFeed(socket as unknown as FeedSocketLike, {
    state: h.state,
    event: (name, p) => h.message(name, p as never),
    status: (s) => {
      h.online(s === 'online');
      if (s === 'refused') h.notFound();
    },
  }, { events: EVENTS, retryMs: 3000, maxRetryMs: 8000, final: ['TICKET_NOT_FOUND'] });
}
