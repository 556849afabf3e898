import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { Errors, Id, IdParams, secured, who } from './common.ts';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Wait = { waiting: Type.Integer({ minimum: 0 }), longestWaitSec: Type.Integer({ minimum: 0 }), oldestAt: Nullable(Type.String()) };

const Summary = Type.Object({
  windowId: Type.String(), at: Type.String(),
  waiting: Type.Array(Type.Object({ serviceId: Type.String(), ...Wait, targetWaitSec: Type.Integer() }), { description: 'per skill of the window, in skill order' }),
  targeted: Type.Object(Wait, { description: 'transferred to this window by name' }),
  servedToday: Type.Integer(), noShowToday: Type.Integer(), transferredToday: Type.Integer(),
  meanServiceSec: Nullable(Type.Integer({ description: 'flagged times left out' })),
  recent: Type.Array(Type.Object({
    ticketId: Type.String(), number: Type.String(), serviceId: Type.String(), stepIndex: Type.Integer(), status: Type.String(),
    outcome: Nullable(Type.String()), note: Nullable(Type.String()), calledAt: Nullable(Type.String()), finishedAt: Type.String(),
    serviceSec: Nullable(Type.Integer()), score: Nullable(Type.Integer()), flagged: Type.Boolean(),
  })),
});

const Flag = Type.Object({
  ticketId: Type.String(), number: Type.String(), stepIndex: Type.Integer(), serviceId: Type.String(),
  windowId: Nullable(Type.String()), note: Type.String(), at: Type.String(),
});

const Named = { windowId: Nullable(Type.String()), windowName: Nullable(Type.String()), clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()) };
const Timeline = Type.Object({
  ticketId: Type.String(), number: Type.String(),
  entries: Type.Array(Type.Object({
    seq: Type.Integer(), at: Type.String(), type: Type.String({ examples: ['ticket.called'] }), matter: Type.Integer(), serviceId: Nullable(Type.String()),
    ...Named, actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
    detail: Type.Record(Type.String(), Type.Unknown()),
  })),
  phases: Type.Array(Type.Object({
    matter: Type.Integer(), serviceId: Type.String(), phase: Type.Enum(['waiting', 'called', 'serving', 'held']),
    from: Type.String(), to: Nullable(Type.String()), sec: Type.Integer(), ...Named,
  })),
});

/** What the counter terminal reads beside the window actions: its summary, a visit's timeline, flags. */
const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/windows/:id/summary', {
    preHandler: app.allow('clerk', 'supervisor'),
    schema: {
      tags: ['windows'], security: secured, params: Type.Object({ id: Id }), response: { 200: Summary, ...Errors },
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
