import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Timeline, WindowSummary, Nullable } from '@onewindow/protocol';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { Errors, Id, IdParams, secured, who } from './common.ts';

const strict = { additionalProperties: false } as const;

const Flag = Type.Object({
  ticketId: Type.String(), number: Type.String(), stepIndex: Type.Integer(), serviceId: Type.String(),
  windowId: Nullable(Type.String()), note: Type.String(), at: Type.String(),
});

/** What the counter terminal reads beside the window actions: its summary, a visit's timeline, flags. */
const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/windows/:id/summary', {
    preHandler: app.allow('clerk', 'supervisor'),
    schema: {
      tags: ['windows'], security: secured, params: Type.Object({ id: Id }), response: { 200: WindowSummary, ...Errors },
      summary: 'For the clerk at the window (or a supervisor): what waits for its skills, today\'s figures, the last tickets with ratings',
    },
  }, async (req) => ctx.counter.summary(who(req), req.params.id));

  app.post('/api/tickets/:id/flag', {
    preHandler: app.allow('clerk', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams,
      summary: 'Flag a matter\'s service time as inaccurate, with a note; reports leave flagged times out',
      body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }), stepIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })) }, strict),
      response: { 201: Type.Object({ flag: Flag }), ...Errors },
    },
  }, async (req, reply) => {
    const flag = ctx.counter.flag(who(req), req.params.id, req.body);
    ctx.auth.audit(who(req), 'ticket-flagged', `ticket:${req.params.id}`, req.body, req.ip);
    return reply.status(201).send({ flag });
  });

  app.get('/api/tickets/:id/timeline', {
    preHandler: app.allow('any-user'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams, response: { 200: Timeline, ...Errors },
      summary: 'A visit as the event log tells it: every entry with actor, window and time; the phases of each matter',
    },
  }, async (req) => ctx.counter.timeline(req.params.id));
};
export default routes;
