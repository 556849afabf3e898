import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Admission } from '../realtime/admission.ts';
import { attachGateway, type RealtimeServer } from '../realtime/gateway.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** socket.io on the app's HTTP server, typed by the protocol's event map. */
    io: RealtimeServer;
    /** Who holds a socket now, and how many were refused (realtime/admission.ts). */
    admission: Admission;
  }
}

/**
 * Handshakes not yet said who they are, in all: a whole hall reconnecting at once after a restart
 * fits; an idle flood gives up its oldest (realtime/admission.ts).
 */
const HANDSHAKES = 256;

/**
 * The realtime gateway: socket.io on the same port, fed by committed events. Its sockets are
 * closed in preClose, not onClose: Fastify closes the HTTP server in between, and that waits for
 * open connections (websockets included) to end.
 */
export default fp(async function realtime(app: FastifyInstance) {
  const s = app.services;
  const { limits, clientAddress } = app.network;
  const gateway = attachGateway(app.server, {
    hall: s.hall, auth: s.auth, revocations: s.revocations, clientAddress,
    limits: {
      admission: {
        total: limits.sockets, phones: limits.phoneSockets, phonesPerAddress: limits.phoneSocketsPerAddress,
        handshakes: Math.max(HANDSHAKES, limits.handshakesPerAddress), handshakesPerAddress: limits.handshakesPerAddress,
      },
      handshakeTimeoutMs: limits.handshakeTimeoutSec * 1000,
      stateRequestsPerMinute: limits.stateRequestsPerMinute,
    },
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
  app.decorate('admission', gateway.admission);
  app.addHook('preClose', async () => { await gateway.close(); });
}, { name: 'realtime', dependencies: ['services', 'network'], fastify: '5.x' });
