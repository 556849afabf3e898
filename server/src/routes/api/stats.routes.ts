import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TodayStats } from '@onewindow/protocol';
import type { AppContext } from '../../context.ts';
import { StatsService } from '../../services/stats.service.ts';
import { Errors, secured } from './common.ts';

/** Today's series for the supervisors' charts. */
const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const stats = new StatsService(ctx.db, ctx.hall, ctx.config);

  app.get('/api/stats/today', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['stats'], security: secured,
      summary: 'Today per quarter-hour: arrivals, served, mean wait against target; the satisfaction distribution',
      response: { 200: TodayStats, ...Errors },
    },
  }, async () => stats.today());
};
export default routes;
