import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents, StateSnapshot } from '../events.ts';
import { FEED_AUTH, SERVER_EVENTS, type FeedStatus, type ServerMessage } from '../feed.ts';
import { SeqTracker } from '../seq.ts';

/** The socket every UI holds: socket.io-client's, typed by the one event map. */
export type FeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Who asks: a device or a person (`token`), or a visitor's phone following its ticket (`trackToken`). */
export type FeedAuth = { token: string } | { trackToken: string };

export interface FeedHandlers {
  /** A full snapshot: on (re)connect, after a gap, after the day was reset or the hall file reloaded. */
  state(s: StateSnapshot): void;
  /** One message, in order: duplicates are dropped and gaps repaired (by a fresh `state`) before this. */
  message(m: ServerMessage): void;
  status(s: FeedStatus, detail?: string): void;
}

export interface FeedOptions {
  /** The events this screen listens to (all by default). */
  events?: readonly ServerEventName[];
  /** Backoff of the retries made here (a disconnect the server decided, a refused handshake). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Handshake refusals that are final (a revoked token, an unknown ticket): no more retries. */
  final?: readonly string[];
  /** socket.io-client's own reconnection and transport settings, per kind of screen. */
  socket?: Partial<ManagerOptions & SocketOptions>;
  /** The server's address; the UIs leave it out (their own origin). */
  url?: string;
}

export interface FeedConnection {
  /** Ask for a fresh snapshot (once until it arrives). */
  requestState(): void;
  close(): void;
  /** The seq of the last message or snapshot applied; -1 before the first. */
  readonly seq: number;
  /** Gaps seen (each repaired by a snapshot): for technicians and tests. */
  readonly gaps: number;
}

/**
 * The one feed client of every UI: opens the typed socket, keeps it connected for good, and runs
 * the seq protocol (api.md, Realtime) so that each screen only folds messages into its state.
 *
 * socket.io-client retries a dropped transport by itself, but not a disconnect the server decided
 * (a restart, a graceful shutdown) nor a refused handshake; those are retried here with a backoff,
 * except the refusals named final.
 */
export function openFeed(auth: FeedAuth, h: FeedHandlers, opts: FeedOptions = {}): FeedConnection {
  const settings: Partial<ManagerOptions & SocketOptions> = { path: '/socket.io', ...opts.socket, auth: { ...auth, ...FEED_AUTH } };
  const socket: FeedSocket = opts.url ? io(opts.url, settings) : io(settings);
  return keepFeed(socket, h, opts);
}

/** The same over a socket made elsewhere (tests choose their transport). */
export function keepFeed(socket: FeedSocket, h: FeedHandlers, opts: FeedOptions = {}): FeedConnection {
  const retryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 10_000;
  const final = opts.final ?? ['UNAUTHORIZED'];
  const tracker = new SeqTracker();
  let closed = false;
  let attempts = 0;
  let gaps = 0;
  /** A snapshot was asked for: later messages stay gaps until it arrives, and are not asked for again. */
  let awaiting = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const retry = () => {
    if (closed || timer) return;
    const delay = Math.min(maxRetryMs, retryMs * 2 ** Math.min(attempts++, 4));
    timer = setTimeout(() => {
      timer = null;
      if (!closed && !socket.connected) socket.connect();
    }, delay);
  };
  const requestState = () => {
    if (awaiting || !socket.connected) return;
    awaiting = true;
    socket.emit('state:request');
  };
  const status = (s: FeedStatus, detail?: string) => {
    if (s !== 'online') awaiting = false;
    h.status(s, detail);
  };

  const deliver = (m: ServerMessage) => {
    if (closed || !wanted.has(m.event)) return;
    const verdict = tracker.accept(m.payload);
    if (verdict === 'duplicate') return;
    if (verdict === 'gap') {
      gaps++;
      requestState();
    } else if (m.event === 'hall:reset') requestState();
    else h.message(m);
  };

  status('connecting');
  socket.on('connect', () => {
    attempts = 0;
    status('online');
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    status('offline', reason);
    if (reason === 'io server disconnect') retry();
  });
  socket.on('connect_error', (err) => {
    if (closed) return;
    if (final.includes(err.message)) {
      status('refused', err.message);
      socket.disconnect();
      return;
    }
    status('offline', err.message);
    if (!socket.active) retry();
  });
  socket.on('state', (s) => {
    if (closed) return;
    awaiting = false;
    tracker.reset(s.seq);
    h.state(s);
  });

  const wanted = new Set<ServerEventName>(opts.events ?? SERVER_EVENTS);
  // One listener per event, each typed by the map: the payload reaches the screen with its own type.
  const listeners: { [E in ServerEventName]: ServerToClientEvents[E] } = {
    'ticket:issued': (payload) => deliver({ event: 'ticket:issued', payload }),
    'ticket:called': (payload) => deliver({ event: 'ticket:called', payload }),
    'ticket:recalled': (payload) => deliver({ event: 'ticket:recalled', payload }),
    'ticket:updated': (payload) => deliver({ event: 'ticket:updated', payload }),
    'ticket:finished': (payload) => deliver({ event: 'ticket:finished', payload }),
    'window:changed': (payload) => deliver({ event: 'window:changed', payload }),
    'evaluation:request': (payload) => deliver({ event: 'evaluation:request', payload }),
    'evaluation:recorded': (payload) => deliver({ event: 'evaluation:recorded', payload }),
    'printer:status': (payload) => deliver({ event: 'printer:status', payload }),
    alert: (payload) => deliver({ event: 'alert', payload }),
    'hall:reset': (payload) => deliver({ event: 'hall:reset', payload }),
  };
  for (const name of wanted) socket.on(name, listeners[name]);
  socket.on('batch', (b) => {
    // Each item is a message exactly as it would have come alone: the same listener takes it.
    for (const m of b?.messages ?? []) if (wanted.has(m.event)) (listeners[m.event] as (p: unknown) => void)(m.payload);
  });

  return {
    requestState,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket.removeAllListeners();
      socket.disconnect();
    },
    get seq() { return tracker.lastSeq; },
    get gaps() { return gaps; },
  };
}
