import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Feed, ServerToClientEvents } from '@onewindow/protocol';
import type { AuthService, Principal } from '../services/auth.service.ts';
import type { HallService } from '../services/hall.service.ts';
import type { Committed } from '../services/log-events.ts';
import type { ViewContext } from '../services/views.ts';
import { messageFor } from './feeds.ts';
import type { SnapshotSources } from './snapshot.ts';
import { buildSnapshot } from './snapshot.ts';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;
interface SocketData { principal: Principal | null; feed: Feed }

export interface GatewayDeps {
  hall: HallService;
  auth: AuthService;
  views: () => ViewContext;
  sources: () => Omit<SnapshotSources, 'seq'>;
  lastSeq: () => number;
  isKnownTrackToken: (token: string) => boolean;
}

/** Which feed a connection gets: people see the staff feed, devices their own slice. */
export function feedOf(p: Principal): Feed {
  if (p.kind === 'user') return 'staff';
  switch (p.deviceKind) {
    case 'kiosk': return `kiosk:${p.kioskId ?? ''}`;
    case 'pad': case 'window-screen': return `window:${p.windowId ?? ''}`;
    default: return 'public';
  }
}

/**
 * socket.io on the HTTP server: handshake authentication, one room per feed, a snapshot on
 * connect, then each committed event once per feed with `seq` and the feed's `prev`.
 */
/** Revocation reaches live connections too: a socket whose token was revoked is disconnected. */
export function disconnectWhere(io: RealtimeServer, match: (p: Principal) => boolean): number {
  let n = 0;
  for (const s of io.of('/').sockets.values()) {
    const p = (s.data as SocketData | undefined)?.principal;
    if (p && match(p)) {
      s.disconnect(true);
      n++;
    }
  }
  return n;
}

export function attachGateway(http: HttpServer, deps: GatewayDeps): { io: RealtimeServer; close: () => Promise<void> } {
  const io: RealtimeServer = new Server(http, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 16_384 });
  const lastSent = new Map<string, number>();

  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; trackToken?: unknown };
    if (typeof auth.trackToken === 'string' && auth.trackToken.length <= 64) {
      if (!deps.isKnownTrackToken(auth.trackToken)) return next(new Error('TICKET_NOT_FOUND'));
      (socket.data as SocketData) = { principal: null, feed: `track:${auth.trackToken}` };
      return next();
    }
    const p = deps.auth.authenticate(typeof auth.token === 'string' ? auth.token : undefined);
    if (!p) return next(new Error('UNAUTHORIZED'));
    (socket.data as SocketData) = { principal: p, feed: feedOf(p) };
    next();
  });

  const snapshot = (feed: Feed) => buildSnapshot(feed, deps.views(), { ...deps.sources(), seq: deps.lastSeq() });

  io.on('connection', (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const { feed } = socket.data as SocketData;
    void socket.join(feed);
    socket.emit('state', snapshot(feed));
    socket.on('state:request', (ack) => {
      const s = snapshot(feed);
      if (typeof ack === 'function') ack(s);
      else socket.emit('state', s);
    });
  });

  const unsubscribe = deps.hall.onCommit((batch: Committed[]) => publish(batch));
  function publish(batch: Committed[]): void {
    const rooms = [...io.of('/').adapter.rooms.keys()].filter((r) => /^(staff|public|kiosk:|window:|track:)/.test(r)) as Feed[];
    if (rooms.length === 0) return;
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
        const prev = lastSent.get(feed) ?? 0;
        lastSent.set(feed, c.seq);
        (io.to(feed).emit as (ev: string, p: unknown) => void)(m.event, { ...m.payload, seq: c.seq, prev });
      }
    }
  }

  return {
    io,
    close: async () => {
      unsubscribe();
      // Not io.close(): that would also close the HTTP server, which Fastify owns and closes itself.
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
