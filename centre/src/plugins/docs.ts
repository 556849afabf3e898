import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** The centre's OpenAPI description, generated from the schemas its routes validate with. */
export default fp(async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OneWindow district centre',
        version: '1.0.0',
        description: 'The district centre (1+16+N) halls report to: centre.md and its extensions. Errors are `{"error": {"code", "message", "details"}}`. '
          + 'People sign in with POST /api/auth/login and send `Authorization: Bearer TOKEN`; halls send their key the same way. '
          + 'Realtime: socket.io at `/socket.io` with `auth: {token}`: a `snapshot` of every hall the user may see, then `hall:changed` {hall} as it is heard.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: [{ name: 'auth' }, { name: 'halls' }, { name: 'ingest' }, { name: 'reports' }, { name: 'evaluations' }, { name: 'follow-ups' }, { name: 'catalogue' }, { name: 'admin' }, { name: 'public' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}, { name: 'docs' });
