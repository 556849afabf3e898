import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** The OpenAPI description, generated from the same TypeBox schemas the routes validate with. */
export default fp(async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OneWindow hall server',
        version: '1.0.0',
        description: 'The public contract of a OneWindow hall (api.md), with its extensions. Errors are `{"error": {"code", "message", "details"}}`. Realtime: socket.io at `/socket.io` (see the protocol package\'s event map); a handshake `auth` with `batch: true` receives each turn\'s messages as one `batch` event `{seq, prev, messages: [{event, payload}]}` (under load one `batch` may carry several turns\' messages, each with its own seq and prev).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: [
        { name: 'auth' }, { name: 'hall' }, { name: 'tickets' }, { name: 'windows' }, { name: 'devices' }, { name: 'users' },
        { name: 'appointments' }, { name: 'evaluations' }, { name: 'stats' }, { name: 'reports' }, { name: 'follow-ups' }, { name: 'alerts' }, { name: 'admin' }, { name: 'what-if' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}, { name: 'docs', fastify: '5.x' });
