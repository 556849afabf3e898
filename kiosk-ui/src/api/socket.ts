import { io } from 'socket.io-client';
import { FEED_AUTH, keepFeed, type FeedSocketLike, type ServerEventName, type StateSnapshot } from '@onewindow/protocol';

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  message(event: ServerEventName, payload: never): void;
  online(connected: boolean): void;
  /** the token was refused: the device was unpaired */
  unauthorized(): void;
}

export interface FeedConnection {
  requestState(): void;
  close(): void;
}

/** The kiosk's realtime feed, kept connected by the protocol's keepFeed (also after a server restart). */
export function openFeed(token: string, h: FeedHandlers): FeedConnection {
  const socket = io({ path: '/socket.io', auth: { token, ...FEED_AUTH }, reconnectionDelay: 1000, reconnectionDelayMax: 5000, timeout: 8000 });
  return keepFeed(socket as unknown as FeedSocketLike, {
    state: h.state,
    event: (name, p) => h.message(name, p as never),
    status: (s) => {
      h.online(s === 'online');
      if (s === 'refused') h.unauthorized();
    },
  }, { retryMs: 2000, maxRetryMs: 5000 });
}
