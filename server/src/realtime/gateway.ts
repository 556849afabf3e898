import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Feed, FeedBatchItem, ServerToClientEvents } from '@onewindow/protocol';
import type { AuthService, Principal } from '../services/auth/auth.service.ts';
import type { Revocations, Revoked } from '../services/auth/revocations.ts';
import type { HallService } from '../services/hall/hall.service.ts';
import type { Committed } from '../services/hall/log-events.ts';
import type { ViewContext } from '../services/queue/views.ts';
import { Admission, RequestBudget, type AdmissionLimits } from './admission.ts';
import { messageFor } from './feeds.ts';
import { coalesceIssues, mergesIssues, type Outgoing } from './outbox.ts';
import { Delivery } from './delivery.ts';
import type { SnapshotSources } from './snapshot.ts';
import { buildSnapshot } from './snapshot.ts';

/** What each connection carries: who it is (null for a phone), its feed, and whether it takes `batch` frames. */
export interface SocketData { principal: Principal | null; feed: Feed; batch: boolean }
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type NoServerSideEvents = {};
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, NoServerSideEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoServerSideEvents, SocketData>;

export interface GatewayDeps {
  hall: HallService;
  auth: AuthService;
  revocations: Revocations;
  views: () => ViewContext;
  sources: () => Omit<SnapshotSources, 'seq'>;
  /** The client's address (a trusted proxy's X-Forwarded-For, else the connection's). */
  clientAddress: (req: IncomingMessage) => string;
  limits: { admission: AdmissionLimits; handshakeTimeoutMs: number; stateRequestsPerMinute: number };
  /** Told when a paired device's socket connects and goes (the device list's online / last seen). */
  presence?: { up(deviceId: string): void; down(deviceId: string): void };
}

/** What the gateway reads of an engine.io session (its `connection` event's argument). */
interface EngineSession { id: string; request: IncomingMessage; close(): void; once(e: 'close', fn: () => void): void }

/** Which feed a connection gets: people see the staff feed, devices their own slice. */
export function feedOf(p: Principal): Feed {
  if (p.kind === 'user') return 'staff';
  switch (p.deviceKind) {
    case 'kiosk': return `kiosk:${p.kioskId ?? ''}`;
    case 'pad': case 'window-screen': return `window:${p.windowId ?? ''}`;
    default: return 'public';
  }
}

/** Whether a connection holds the token a revocation took back. */
export function revokedBy(r: Revoked, p: Principal): boolean {
  if ('tokenHash' in r) return p.tokenHash === r.tokenHash;
  if ('userId' in r) return p.kind === 'user' && p.id === r.userId && p.tokenHash !== r.except;
  if ('expiredBy' in r) return p.kind === 'user' && p.expiresAt !== undefined && p.expiresAt <= r.expiredBy;
  return p.kind === 'device' && p.id === r.deviceId;
}

/** Revocation reaches live connections too: a socket whose token was taken back is disconnected. */
export function disconnectWhere(io: RealtimeServer, match: (p: Principal) => boolean): number {
  let n = 0;
  for (const s of io.of('/').sockets.values()) {
    const p = s.data?.principal;
    if (p && match(p)) {
      s.disconnect(true);
      n++;
    }
  }
  return n;
}

/**
 * The rooms of the connections that take a feed's messages as one `batch` per turn: a feed's
 * connections are dealt over a few rooms, so that its frames leave a few dozen sockets per turn.
 */
const BATCH_SHARDS = 4;
const batchRoom = (feed: Feed, shard: number) => `batch|${feed}#${shard}`;
const FEED_ROOM = /^(batch\|)?((?:staff|public|kiosk:|window:|track:).*?)(?:#\d+)?$/;

/**
 * The feeds somebody listens to now, and the batch rooms of each: kept as the adapter creates and
 * deletes rooms, not found again among every socket's own room at each commit.
 */
function listenedFeeds(io: RealtimeServer): Map<Feed, Set<string>> {
  const feeds = new Map<Feed, Set<string>>();
  const adapter = io.of('/').adapter;
  adapter.on('create-room', (room: string) => {
    const m = FEED_ROOM.exec(room);
    if (!m) return;
    const rooms = feeds.get(m[2] as Feed) ?? new Set<string>();
    rooms.add(room);
    feeds.set(m[2] as Feed, rooms);
  });
  adapter.on('delete-room', (room: string) => {
    const m = FEED_ROOM.exec(room);
    const rooms = m && feeds.get(m[2] as Feed);
    if (!rooms) return;
    rooms.delete(room);
    if (rooms.size === 0) feeds.delete(m[2] as Feed);
  });
  return feeds;
}

/**
 * socket.io on the HTTP server: handshake authentication, one room per feed, a snapshot on
 * connect, then each committed event once per feed with `seq` and the feed's `prev`.
 */
export function attachGateway(http: HttpServer, deps: GatewayDeps): { io: RealtimeServer; admission: Admission; close: () => Promise<void> } {
  // Refused as early and as cheaply as can be: a handshake over the limits gets a 403 from
  // engine.io before any session exists; one that never says who it is is closed after the
  // handshake timeout; a phone over the phones' limits is refused in the middleware.
  const admission = new Admission(deps.limits.admission);
  /** engine.io's sessions by id, and each connection's id: what the admission counts by. */
  const sessions = new Map<string, EngineSession>();
  const sessionId = new WeakMap<object, string>();
  const io: RealtimeServer = new Server(http, {
    path: '/socket.io', serveClient: false, maxHttpBufferSize: 16_384, connectTimeout: deps.limits.handshakeTimeoutMs,
    allowRequest: (req, fn) => {
      // An evicted handshake's connection is cut, not closed politely: a flood never answers a close.
      const refusal = admission.admit(deps.clientAddress(req), (id) => {
        const evicted = sessions.get(id);
        evicted?.request.socket.destroy();
        evicted?.close();
      });
      fn(refusal ?? undefined, refusal === null);
    },
  });
  io.engine.on('connection', (raw: EngineSession) => {
    const id = raw.id;
    sessions.set(id, raw);
    sessionId.set(raw, id);
    admission.opened(id, deps.clientAddress(raw.request));
    raw.once('close', () => {
      sessions.delete(id);
      admission.closed(id);
    });
  });
  const lastSent = new Map<string, number>();
  const listened = listenedFeeds(io);
  const joined = new Map<Feed, number>();
  const delivery = new Delivery({
    emit: (room, frame) => io.to(room).emit('batch', frame),
    size: (room) => io.of('/').adapter.rooms.get(room)?.size ?? 0,
  }, { mergesIssues: (room) => mergesIssues(FEED_ROOM.exec(room)![2] as Feed) });

  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; trackToken?: unknown; batch?: unknown };
    const batch = auth.batch === true;
    if (typeof auth.trackToken === 'string' && auth.trackToken.length <= 64) {
      if (deps.hall.ticketByTrackToken(auth.trackToken) === null) return next(new Error('TICKET_NOT_FOUND'));
      const refusal = admission.identified(sessionId.get(socket.conn) ?? '', false);
      if (refusal) return next(new Error(refusal));
      socket.data = { principal: null, feed: `track:${auth.trackToken}`, batch };
      return next();
    }
    const p = deps.auth.authenticate(typeof auth.token === 'string' ? auth.token : undefined);
    if (!p) return next(new Error('UNAUTHORIZED'));
    // A device agent speaks only on /agent (agent-gateway.ts): its token opens no feed here, nor
    // the room a signed-in device has beyond the handshakes' caps.
    if (p.kind === 'device' && p.deviceKind === 'agent') return next(new Error('WRONG_NAMESPACE'));
    admission.identified(sessionId.get(socket.conn) ?? '', true);
    socket.data = { principal: p, feed: feedOf(p), batch };
    next();
  });

  const snapshot = (feed: Feed) => buildSnapshot(feed, deps.views(), { ...deps.sources(), seq: deps.hall.lastSeq() });

  // A snapshot shows only what is on disk: while a group commit is open, it waits for it. The
  // socket joins its feed as it gets the snapshot, so no message can come before it.
  const whenDurable = (fn: () => void) => {
    const pending = deps.hall.durable();
    if (pending) pending.then(fn, fn);
    else fn();
  };
  io.on('connection', (socket: RealtimeSocket) => {
    const { feed, batch, principal } = socket.data;
    if (principal?.kind === 'device' && deps.presence) {
      const presence = deps.presence;
      presence.up(principal.id);
      socket.on('disconnect', () => presence.down(principal.id));
    }
    whenDurable(() => {
      if (!socket.connected) return;
      const state = snapshot(feed);
      const enter = (room: string) => {
        if (!socket.connected) return;
        void socket.join(room);
        socket.emit('state', state);
      };
      if (!batch) return enter(feed);
      // A phone's feed is its own: only the shared feeds are dealt out (and counted).
      const n = feed.startsWith('track:') ? 0 : joined.get(feed) ?? 0;
      if (!feed.startsWith('track:')) joined.set(feed, n + 1);
      const room = batchRoom(feed, n % BATCH_SHARDS);
      delivery.join(room, () => enter(room));
    });
    // A snapshot is the costliest thing a socket can ask for: a few a minute each.
    const budget = new RequestBudget(deps.limits.stateRequestsPerMinute);
    socket.on('state:request', (ack) => {
      if (!budget.take()) return;
      whenDurable(() => {
        const s = snapshot(feed);
        if (typeof ack === 'function') ack(s);
        else socket.emit('state', s);
      });
    });
  });

  // The hall tells us each command's events once its group commit is on disk, then that the group
  // is done: what the group's requests committed leaves together, as one `batch` frame to the
  // connections that asked for it, and runs of issues to the counting feeds merge (outbox.ts).
  // Views show the hall as the group left it: a ticket issued and called in one group is
  // reported as called in both messages, as a fresh snapshot would show it.
  const outbox = new Map<Feed, Outgoing[]>();
  const unsubscribe = deps.hall.onCommit((batch: Committed[]) => publish(batch));
  const unsubscribeDurable = deps.hall.onDurable(() => flush());
  const unsubscribeRevoked = deps.revocations.listen((r) => disconnectWhere(io, (p) => revokedBy(r, p)));
  function publish(batch: Committed[]): void {
    if (listened.size === 0) return;
    const rooms = [...listened.keys()];
    const v = deps.views();
    for (const c of batch) {
      const cache = new Map<string, unknown>();
      const memo = <T>(key: string, make: () => T): T => {
        if (!cache.has(key)) cache.set(key, make());
        return cache.get(key) as T;
      };
      for (const feed of rooms) {
        const m = messageFor(feed, c, v, memo);
        if (!m) continue;
        const queued = outbox.get(feed);
        if (queued) queued.push(m);
        else outbox.set(feed, [m]);
      }
    }
  }
  function flush(): void {
    try {
      for (const [feed, queued] of outbox) {
        // Each message was made for this feed alone (messageFor), so it is given its prev in place.
        const messages: FeedBatchItem[] = mergesIssues(feed) ? coalesceIssues(queued) : queued;
        for (const m of messages) {
          m.payload.prev = lastSent.get(feed) ?? 0;
          lastSent.set(feed, m.payload.seq);
          send(io.to(feed), m);
        }
        const frame = { seq: messages[messages.length - 1].payload.seq, prev: messages[0].payload.prev, messages };
        for (const room of listened.get(feed) ?? []) if (room.startsWith('batch|')) delivery.send(room, frame);
      }
    } finally {
      outbox.clear();
    }
  }

  return {
    io,
    admission,
    close: async () => {
      unsubscribe();
      unsubscribeDurable();
      unsubscribeRevoked();
      flush();
      delivery.drain();
      // Not io.close(): that would also close the HTTP server, which Fastify owns and closes itself.
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

/** Sends one message under its own event name, its payload checked against that event's. */
function send(to: { emit: RealtimeServer['emit'] }, m: FeedBatchItem): void {
  switch (m.event) {
    case 'ticket:issued': case 'ticket:updated': case 'ticket:finished': to.emit(m.event, m.payload); break;
    case 'ticket:called': case 'ticket:recalled': to.emit(m.event, m.payload); break;
    case 'window:changed': to.emit(m.event, m.payload); break;
    case 'evaluation:request': to.emit(m.event, m.payload); break;
    case 'evaluation:recorded': to.emit(m.event, m.payload); break;
    case 'printer:status': to.emit(m.event, m.payload); break;
    case 'alert': to.emit(m.event, m.payload); break;
    case 'hall:reset': to.emit(m.event, m.payload); break;
  }
}
