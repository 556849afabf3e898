import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';

const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded']), day: Type.String(), seq: Type.Integer(), uptimeSec: Type.Number(),
  storage: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), since: Type.Number() })),
});

const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/health', {
    schema: {
      tags: ['hall'], summary: 'Ready check',
      description: '503 with `status: "degraded"` while the store cannot keep changes (disk full, I/O error, corruption).',
      response: {
        200: Health, 503: Health,
      },
    },
  }, async (_req, reply) => {
    const failure = ctx.hall.storageFailure;
    const body = {
      status: failure ? 'degraded' as const : 'ok' as const, day: ctx.hall.state.day, seq: ctx.events.lastSeq(),
      uptimeSec: Math.round(process.uptime()), ...(failure ? { storage: failure } : {}),
    };
    return reply.status(failure ? 503 : 200).send(body);
  });
};
export default routes;
