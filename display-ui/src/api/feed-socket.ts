import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents, StateSnapshot } from '@onewindow/protocol';

export type FeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';

export const FEED_EVENTS: ServerEventName[] = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'window:changed',
  'evaluation:request', 'evaluation:recorded', 'printer:status', 'alert', 'hall:reset',
];

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  event(name: ServerEventName, payload: unknown): void;
  status(s: ConnectionStatus, detail?: string): void;
}

/**
 * One socket.io connection to a feed that never gives up: socket.io-client retries dropped
 * transports itself, but not a disconnect decided by the server or a refused handshake other
 * than a bad token; those are retried here with a backoff. A bad token is final (unpaired).
 */
export function openFeed(token: string, h: FeedHandlers, opts: { retryMs?: number; maxRetryMs?: number } = {}): { socket: FeedSocket; close(): void } {
  const retryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 10_000;
  const socket: FeedSocket = io({
    path: '/socket.io', auth: { token }, reconnectionDelay: retryMs, reconnectionDelayMax: maxRetryMs, randomizationFactor: 0.3,
  });
  let closed = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const retry = () => {
    if (closed || timer) return;
    const delay = Math.min(maxRetryMs, retryMs * 2 ** Math.min(attempts++, 4));
    timer = setTimeout(() => {
      timer = null;
      if (!closed && !socket.connected) socket.connect();
    }, delay);
  };

  h.status('connecting');
  socket.on('connect', () => {
    attempts = 0;
    h.status('online');
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    h.status('offline', reason);
    if (reason === 'io server disconnect') retry();
  });
  socket.on('connect_error', (err) => {
    if (closed) return;
    if (err.message === 'UNAUTHORIZED') {
      h.status('unauthorized', err.message);
      socket.disconnect();
      return;
    }
    h.status('offline', err.message);
    if (!socket.active) retry();
  });
  socket.on('state', (s) => h.state(s));
  for (const name of FEED_EVENTS) (socket.on as (ev: string, fn: (p: unknown) => void) => void)(name, (p) => h.event(name, p));

  return {
    socket,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket.disconnect();
    },
  };
}
