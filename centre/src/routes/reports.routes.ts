import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CentreContext } from '../context.ts';
import { FollowUpSettings } from '../services/follow-ups/settings.ts';
import { CsvFormat, Day, Errors, ExportedRating, FollowUp, HallId, Indicators } from './schemas.ts';

const Row = Type.Object({
  key: Type.String(), name: Type.String(), issued: Type.Integer(), called: Type.Integer(), served: Type.Integer({ description: '办件量' }),
  waitMeanSec: Type.Union([Type.Number(), Type.Null()]), targetBase: Type.Integer(), withinTarget: Type.Integer(),
  withinTargetShare: Type.Union([Type.Number(), Type.Null()]), ratings: Type.Array(Type.Integer(), { description: 'counts of scores 1..5' }),
  rated: Type.Integer(), satisfaction: Type.Union([Type.Number(), Type.Null()], { description: '满意率: share of 4–5' }), badReviews: Type.Integer(),
}, { additionalProperties: true });
const Report = Type.Object({
  format: Type.String(), kind: Type.String(), from: Type.String(), to: Type.String(), generatedAt: Type.String(), hallId: Type.Union([Type.String(), Type.Null()]),
  totals: Row, byHall: Type.Array(Row), byService: Type.Array(Row), byHallService: Type.Array(Row), byDay: Type.Array(Row),
});

const Count = Type.Integer({ minimum: 0 });
const RetentionStatus = Type.Object({
  days: Type.Integer({ minimum: 1 }),
  last: Type.Union([Type.Object({
    at: Type.Integer({ description: 'epoch ms' }), beforeDay: Day,
    events: Count, hallFollowUps: Count, followUpActions: Count, audit: Count,
  }, { description: 'rows blanked per table' }), Type.Null()]),
});

/** Reports across halls, 好差评 indicators and the provincial export, follow-ups and their rules. */
export default async function reportRoutes(root: FastifyInstance, { ctx }: { ctx: CentreContext }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const viewer = (p: { role: string; hallId: string | null }) => ({ role: p.role, hallId: p.hallId });
  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(body);
  const who = app.allow('district', 'hall-viewer');

  app.get('/api/district/reports/day', {
    preHandler: who,
    schema: { tags: ['reports'], querystring: Type.Object({ date: Day, hallId: Type.Optional(HallId), format: CsvFormat }), response: { 200: Report, ...Errors } },
  }, async (req, reply) => {
    const r = await ctx.reports.report(req.query.date, req.query.date, viewer(req.principal!), req.query.hallId ?? null);
    return req.query.format === 'csv' ? csv(reply, `district-${req.query.date}`, ctx.reports.csv(r)) : r;
  });

  app.get('/api/district/reports/range', {
    preHandler: who,
    schema: { tags: ['reports'], querystring: Type.Object({ from: Day, to: Day, hallId: Type.Optional(HallId), format: CsvFormat }), response: { 200: Report, ...Errors } },
  }, async (req, reply) => {
    const r = await ctx.reports.report(req.query.from, req.query.to, viewer(req.principal!), req.query.hallId ?? null);
    return req.query.format === 'csv' ? csv(reply, `district-${req.query.from}-${req.query.to}`, ctx.reports.csv(r)) : r;
  });

  app.get('/api/district/evaluations', {
    preHandler: who,
    schema: { tags: ['evaluations'], description: 'Every rating as the provincial 好差评 platform takes it.', querystring: Type.Object({ from: Day, to: Day, format: CsvFormat }),
      response: { 200: Type.Object({ evaluations: Type.Array(ExportedRating) }), ...Errors } },
  }, async (req, reply) => {
    const rows = await ctx.evaluations.export(req.query.from, req.query.to, viewer(req.principal!), req.principal!.username);
    return req.query.format === 'csv' ? csv(reply, `evaluations-${req.query.from}-${req.query.to}`, ctx.evaluations.csv(rows)) : { evaluations: rows };
  });

  app.get('/api/district/ratings', {
    preHandler: who,
    schema: { tags: ['evaluations'], description: 'The national 好差评 indicators per hall: 评价率, 好评率, 差评率, 按期回访率, 整改率, 按期整改率.',
      querystring: Type.Object({ from: Day, to: Day, format: CsvFormat }), response: { 200: Type.Object({ halls: Type.Array(Indicators) }), ...Errors } },
  }, async (req, reply) => {
    const rows = await ctx.evaluations.indicators(req.query.from, req.query.to, viewer(req.principal!));
    return req.query.format === 'csv' ? csv(reply, `ratings-${req.query.from}-${req.query.to}`, ctx.evaluations.indicatorsCsv(rows)) : { halls: rows };
  });

  app.get('/api/district/follow-ups', {
    preHandler: who,
    schema: { tags: ['follow-ups'], description: 'Bad reviews of every hall with their call-back and fix deadlines, overdue first; `all=1` includes resolved ones.',
      querystring: Type.Object({ all: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])), from: Type.Optional(Day), to: Type.Optional(Day) }),
      response: { 200: Type.Object({ followUps: Type.Array(FollowUp) }), ...Errors } },
  }, async (req) => ({ followUps: await ctx.followUps.list(viewer(req.principal!), { all: req.query.all === '1', from: req.query.from, to: req.query.to }) }));

  app.post('/api/district/follow-ups/:hallId/:ticketId', {
    preHandler: who,
    schema: { tags: ['follow-ups'], params: Type.Object({ hallId: HallId, ticketId: Type.String({ maxLength: 64 }) }),
      body: Type.Object({ status: Type.Union([Type.Literal('called-back'), Type.Literal('resolved')]), note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 200: FollowUp, ...Errors } },
  }, async (req) => ctx.followUps.record(`${req.params.hallId}/${req.params.ticketId}`, req.body.status, req.body.note, req.principal!.username, viewer(req.principal!)));

  app.get('/api/district/settings/follow-up', {
    preHandler: who, schema: { tags: ['follow-ups'], response: { 200: FollowUpSettings, ...Errors } },
  }, async () => ctx.followUps.settings());

  app.get('/api/district/settings/retention', {
    preHandler: app.allow('admin'),
    schema: { tags: ['admin'], description: 'Extension: how long the centre keeps what people wrote about visitors (notes in the halls\' events, follow-up notes, audit details), set by ONEWINDOW_CENTRE_RETENTION_DAYS, and what its last daily purge blanked.',
      response: { 200: RetentionStatus, ...Errors } },
  }, async () => ctx.retention.status());

  app.put('/api/district/settings/follow-up', {
    preHandler: app.allow('admin'),
    schema: { tags: ['follow-ups', 'admin'], description: 'The province\'s deadlines in working days and its calendar (holidays, 调休 working weekends).', body: FollowUpSettings, response: { 200: FollowUpSettings, ...Errors } },
  }, async (req) => ctx.followUps.saveSettings(req.body, req.principal!.username));
}
