import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { attachGateway, type RealtimeServer } from '../realtime/gateway.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** socket.io on the app's HTTP server, typed by the protocol's event map. */
    io: RealtimeServer;
  }
}

/**
 * The realtime gateway: socket.io on the same port, fed by committed events. Its sockets are
 * closed in preClose, not onClose: Fastify closes the HTTP server in between, and that waits for
 * open connections (websockets included) to end.
 */
export default fp(async function realtime(app: FastifyInstance) {
  const s = app.services;
  const gateway = attachGateway(app.server, {
    hall: s.hall, auth: s.auth, revocations: s.revocations,
    views: () => s.queue.views(),
    presence: s.presence,
    sources: () => ({
      hall: s.queue.hallInfo(),
      alerts: () => s.alerts.open(),
      printers: () => s.printing.statuses(),
      pendingEvaluation: (windowId) => s.evaluations.pending(windowId),
      ticketByTrackToken: (token) => s.hall.ticketByTrackToken(token),
    }),
  });
  app.decorate('io', gateway.io);
  app.addHook('preClose', async () => { await gateway.close(); });
}, { name: 'realtime', dependencies: ['services'], fastify: '5.x' });
