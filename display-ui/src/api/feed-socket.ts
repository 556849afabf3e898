import { io } from 'socket.io-client';
import { FEED_AUTH, keepFeed, SERVER_EVENTS, type FeedSocketLike, type ServerEventName, type StateSnapshot } from '@onewindow/protocol';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';
export const FEED_EVENTS = SERVER_EVENTS;

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  event(name: ServerEventName, payload: unknown): void;
  status(s: ConnectionStatus, detail?: string): void;
}

/** The screens' feed: kept connected by the protocol's keepFeed; a bad token is final (unpaired). */
export function openFeed(token: string, h: FeedHandlers, opts: { retryMs?: number; maxRetryMs?: number } = {}) {
  const socket = io({
    path: '/socket.io', auth: { token, ...FEED_AUTH }, reconnectionDelay: opts.retryMs ?? 1000, reconnectionDelayMax: opts.maxRetryMs ?? 10_000, randomizationFactor: 0.3,
  });
  return keepFeed(socket as unknown as FeedSocketLike, {
    state: h.state,
    event: h.event,
    status: (s, detail) => h.status(s === 'refused' ? 'unauthorized' : s, detail),
  }, opts);
}
