import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';

const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/health', {
    schema: {
      tags: ['hall'], summary: 'Ready check',
      response: { 200: Type.Object({ status: Type.Literal('ok'), day: Type.String(), seq: Type.Integer(), uptimeSec: Type.Number() }) },
    },
  }, async () => ({ status: 'ok' as const, day: ctx.hall.state.day, seq: ctx.events.lastSeq(), uptimeSec: Math.round(process.uptime()) }));
};
export default routes;
