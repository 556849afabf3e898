import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable } from '@onewindow/protocol';
import type { AppContext } from '../../context.ts';
import { Errors, secured } from './common.ts';
import { DateString } from './reports.schemas.ts';


export const StaffingSchema = Type.Object({
  date: Type.String(), weekday: Type.String(),
  historyDays: Type.Array(Type.String(), { description: 'same weekdays of earlier weeks the expectation comes from' }),
  serviceSec: Type.Number({ description: 'pooled mean service seconds of one matter (learned)' }),
  mattersPerTicket: Type.Number(),
  targetSec: Type.Number({ description: 'mean wait to keep within: arrival-weighted mean of the services\' targets' }),
  openNow: Nullable(Type.Integer()), totalWindows: Type.Integer(),
  trend: Type.Number({ description: 'today\'s arrivals so far against the usual (1 = as usual)' }),
  hours: Type.Array(Type.Object({
    hour: Type.Integer(), label: Type.String(), when: Type.Union([Type.Literal('past'), Type.Literal('now'), Type.Literal('future')]),
    seen: Nullable(Type.Integer()), expected: Nullable(Type.Number()), forecast: Type.Number(),
    windowsNeeded: Type.Integer({ description: 'fewest open windows whose Erlang C mean wait is within target' }),
    meanWaitSec: Type.Number(),
  })),
  advice: Type.Object({
    kind: Type.Union([Type.Literal('open-more'), Type.Literal('enough'), Type.Literal('short'), Type.Literal('none')]),
    extra: Type.Integer(), byHour: Nullable(Type.Integer()), zh: Type.String(), en: Type.String(),
  }),
});

/** Staffing advice for the supervisors' wall. */
const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/stats/staffing', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['stats'], security: secured,
      summary: 'Per hour: arrivals seen and expected (same weekday\'s history), and the open windows that keep the mean wait within target (Erlang C)',
      querystring: Type.Object({ date: Type.Optional(DateString) }, { additionalProperties: false }),
      response: { 200: StaffingSchema, ...Errors },
    },
  }, async (req) => ctx.staffing.plan(req.query.date));
};
export default routes;
