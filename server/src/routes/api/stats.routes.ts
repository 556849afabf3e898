import { Type } from 'typebox';
import { AlertView, Nullable, ServiceView, TodayStats, WindowView } from '@onewindow/protocol';
import { DateString, Errors, resource, secured, strict } from './common.ts';

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
  unservable: Type.Optional(Type.Array(Type.Object({ serviceId: Type.String(), waiting: Type.Integer({ minimum: 0 }) }), {
    description: 'extension, today only: services no open window can serve now (every window able to is closed or paused) and how many wait for each; while anybody waits the advice asks to open a window for them',
  })),
});

/** `/api/stats`: the supervisors' live figures, today's series for the charts, and staffing advice. */
export default resource('stats', async (app) => {
  const { stats, staffing } = app.services;

  app.get('/api/stats/live', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['stats'], security: secured, summary: 'Per service: waiting, longest wait, estimated wait; per window: state, current ticket, served today',
      response: { 200: Type.Object({ at: Type.String(), services: Type.Array(ServiceView), windows: Type.Array(WindowView), waitingTotal: Type.Integer(), alerts: Type.Array(AlertView) }), ...Errors },
    },
  }, async () => stats.live());

  app.get('/api/stats/today', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['stats'], security: secured,
      summary: 'Today per quarter-hour: arrivals, served, mean wait against target; the satisfaction distribution',
      response: { 200: TodayStats, ...Errors },
    },
  }, async () => stats.today());

  app.get('/api/stats/staffing', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['stats'], security: secured,
      summary: 'Per hour: arrivals seen and expected (same weekday\'s history), and the open windows that keep the mean wait within target (Erlang C)',
      querystring: Type.Object({ date: Type.Optional(DateString) }, strict),
      response: { 200: StaffingSchema, ...Errors },
    },
  }, async (req) => staffing.plan(req.query.date));
});
