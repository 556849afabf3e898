import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { CentreClientToServer, CentreServerToClient } from '@onewindow/protocol/centre';
import type { CentreContext } from '../context.ts';
import { OFFLINE_AFTER_MS } from '../services/wall/card.ts';

export type CentreIo = Server<CentreClientToServer, CentreServerToClient>;

const DISTRICT = 'district';
const hallRoom = (id: string) => `hall:${id}`;
/** A hall that ships many batches a second is re-sent at most this often. */
const COALESCE_MS = 250;

/**
 * Socket.IO for the district's people: a signed-in user gets a `snapshot` of every hall they may
 * see, then `hall:changed` for each hall as it is heard from (or goes silent). District users are
 * in one room; a hall-viewer only in their hall's.
 */
export function attachGateway(server: HttpServer, ctx: CentreContext): { io: CentreIo; close(): Promise<void> } {
  const io: CentreIo = new Server(server, { serveClient: false, cors: { origin: false } });
  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    const p = typeof token === 'string' ? await ctx.auth.authenticate(token).catch(() => null) : null;
    if (!p) return next(new Error('UNAUTHORIZED'));
    socket.data.viewer = { role: p.role, hallId: p.hallId };
    next();
  });
  io.on('connection', async (socket) => {
    const v = socket.data.viewer as { role: string; hallId: string | null };
    await socket.join(v.role === 'hall-viewer' ? hallRoom(v.hallId!) : DISTRICT);
    const send = async () => socket.emit('snapshot', await ctx.wall.snapshot(v));
    socket.on('snapshot:request', async (ack) => {
      const s = await ctx.wall.snapshot(v);
      if (typeof ack === 'function') ack(s);
      else socket.emit('snapshot', s);
    });
    await send().catch(() => socket.disconnect());
  });

  const pending = new Map<string, NodeJS.Timeout>();
  const push = (hallId: string) => {
    if (pending.has(hallId)) return;
    pending.set(hallId, setTimeout(async () => {
      pending.delete(hallId);
      const hall = await ctx.wall.card(hallId).catch(() => null);
      if (hall) io.to(DISTRICT).to(hallRoom(hallId)).emit('hall:changed', { hall });
    }, COALESCE_MS));
  };
  const off = ctx.ingest.onChange(push);

  // A hall that falls silent changes nothing by itself: look for halls crossing the offline line.
  const online = new Map<string, boolean>();
  const watch = setInterval(async () => {
    const now = ctx.clock();
    for (const [id, l] of ctx.ingest.liveWaits()) {
      const on = now - l.at <= OFFLINE_AFTER_MS;
      if (online.get(id) !== on) {
        if (online.has(id)) push(id);
        online.set(id, on);
      }
    }
  }, 5_000);
  watch.unref();

  return {
    io,
    async close() {
      off();
      clearInterval(watch);
      for (const t of pending.values()) clearTimeout(t);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}
