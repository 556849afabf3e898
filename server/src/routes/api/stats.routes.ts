import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { StatsService } from '../../services/stats.service.ts';
import { Errors, secured } from './common.ts';

const Nullable = (t: ReturnType<typeof Type.Integer>) => Type.Union([t, Type.Null()]);

export const TodayBucket = Type.Object({
  start: Type.String({ description: 'local time the quarter-hour starts, "HH:MM"' }),
  startMin: Type.Integer({ description: 'minutes since the business day\'s local midnight' }),
  arrivals: Type.Integer({ minimum: 0, description: 'tickets issued' }),
  served: Type.Integer({ minimum: 0, description: 'matters finished at a window' }),
  called: Type.Integer({ minimum: 0 }),
  meanWaitSec: Nullable(Type.Integer({ minimum: 0, description: 'mean wait of the tickets called in the quarter-hour' })),
  targetWaitSec: Nullable(Type.Integer({ minimum: 0, description: 'mean target of those tickets\' services' })),
  overTarget: Type.Integer({ minimum: 0, description: 'tickets called after waiting longer than their target' }),
});

export const TodayStats = Type.Object({
  day: Type.String(),
  now: Type.String(),
  bucketMin: Type.Integer(),
  openMin: Nullable(Type.Integer({ description: 'today\'s opening, minutes since local midnight; null on a closed day' })),
  closeMin: Nullable(Type.Integer({ description: 'today\'s closing, minutes since local midnight' })),
  targetWaitSec: Type.Integer({ description: 'the day\'s reference line: the call-weighted mean target' }),
  buckets: Type.Array(TodayBucket),
  satisfaction: Type.Array(Type.Object({ score: Type.Integer({ minimum: 1, maximum: 5 }), count: Type.Integer({ minimum: 0 }) })),
});

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
