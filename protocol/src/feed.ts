import type { FeedBatchItem, ServerEventName, StateSnapshot } from './events.ts';

/** Every event a feed may carry: the list the UIs subscribe to. */
export const SERVER_EVENTS: readonly ServerEventName[] = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'window:changed',
  'evaluation:request', 'evaluation:recorded', 'printer:status', 'alert', 'hall:reset',
];

/**
 * The handshake `auth` our UIs add to their token: take each turn's messages as one `batch`
 * (fewer frames for every screen and pad on a busy morning), which keepFeed unpacks.
 */
export const FEED_AUTH = { batch: true } as const;

/** What keepFeed needs of a socket.io-client socket (kept structural: protocol depends on no client). */
export interface FeedSocketLike {
  readonly connected: boolean;
  readonly active: boolean;
  on(event: string, fn: (...args: any[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  connect(): unknown;
  disconnect(): unknown;
  removeAllListeners(): unknown;
}

export type FeedStatus = 'connecting' | 'online' | 'offline' | 'refused';

export interface FeedCallbacks {
  status(s: FeedStatus, detail?: string): void;
  state(s: StateSnapshot): void;
  event(name: ServerEventName, payload: unknown): void;
}

export interface FeedOptions {
  events?: readonly ServerEventName[];
  retryMs?: number;
  maxRetryMs?: number;
  /** Handshake refusals that are final (a revoked token, an unknown ticket): no more retries. */
  final?: readonly string[];
}

/**
 * Keeps a feed connected for good. socket.io-client retries a dropped transport by itself, but not
 * a disconnect the server decided (a restart, a graceful shutdown) nor a refused handshake; those
 * are retried here with a backoff, except the refusals named final.
 */
export function keepFeed(socket: FeedSocketLike, cb: FeedCallbacks, opts: FeedOptions = {}): { requestState(): void; close(): void } {
  const retryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 10_000;
  const final = opts.final ?? ['UNAUTHORIZED'];
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

  cb.status('connecting');
  socket.on('connect', () => {
    attempts = 0;
    cb.status('online');
  });
  socket.on('disconnect', (reason: string) => {
    if (closed) return;
    cb.status('offline', reason);
    if (reason === 'io server disconnect') retry();
  });
  socket.on('connect_error', (err: Error) => {
    if (closed) return;
    if (final.includes(err.message)) {
      cb.status('refused', err.message);
      socket.disconnect();
      return;
    }
    cb.status('offline', err.message);
    if (!socket.active) retry();
  });
  socket.on('state', (s: StateSnapshot) => cb.state(s));
  const wanted = new Set<string>(opts.events ?? SERVER_EVENTS);
  for (const name of wanted) socket.on(name, (p: unknown) => cb.event(name as ServerEventName, p));
  socket.on('batch', (b: { messages?: FeedBatchItem[] }) => {
    for (const m of b?.messages ?? []) if (wanted.has(m.event)) cb.event(m.event, m.payload);
  });

  return {
    requestState: () => { if (socket.connected) socket.emit('state:request'); },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
