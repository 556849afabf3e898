import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CheckInInfo, PrioritySchema, TicketView } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import type { AppContext } from '../../context.ts';
import { commands } from '../../engine/index.ts';
import { openTickets, ticketView } from '../../services/views.ts';
import { AppError } from '../../services/app-error.ts';
import { Errors, Id, IdempotencyHeaders, IdParams, idempotency, secured, who } from './common.ts';

const strict = { additionalProperties: false } as const;
const TrackView = Type.Intersect([TicketView, Type.Object({ serviceName: Type.String(), windowName: Type.Union([Type.String(), Type.Null()]), hallName: Type.String() })]);

const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/tickets', {
    preHandler: app.allow('kiosk', 'guide', 'clerk', 'supervisor'),
    config: { rateLimit: { max: ctx.config.hall.kioskTicketsPerMinute ?? 30, timeWindow: '1 minute', keyGenerator: (req: any) => req.principal?.id ?? req.ip } },
    schema: {
      tags: ['tickets'], security: secured, summary: 'Issue a ticket, or check in a booking by its code',
      headers: IdempotencyHeaders,
      body: Type.Union([
        Type.Object({ serviceId: Id, priority: Type.Optional(PrioritySchema) }, strict),
        Type.Object({ appointmentCode: Type.String({ minLength: 4, maxLength: 32, pattern: '^[A-Za-z0-9-]+$' }) }, strict),
      ]),
      response: { 201: Type.Object({ ticket: TicketView, checkIn: Type.Optional(CheckInInfo) }, { description: '`checkIn` (a booking\'s check-in only): early (waits for its slot), on-time, or late-normal (past the grace: an ordinary ticket)' }), ...Errors },
    },
  }, async (req, reply) => {
    const b = req.body as { serviceId?: string; priority?: 'normal' | 'green'; appointmentCode?: string };
    const r = ctx.queue.issue(who(req), { serviceId: b.serviceId ?? '', priority: b.priority, appointmentCode: b.appointmentCode }, idempotency(req));
    return reply.status(r.status).send(r.body);
  });

  app.get('/api/tickets', {
    preHandler: app.allow('any-user'),
    schema: {
      tags: ['tickets'], security: secured, summary: 'Today\'s tickets (staff): all, or only those not yet final',
      querystring: Type.Object({ open: Type.Optional(Type.Enum(['true', 'false'])) }, strict),
      response: { 200: Type.Object({ tickets: Type.Array(TicketView) }), ...Errors },
    },
  }, async (req) => {
    const v = ctx.queue.views();
    const list = req.query.open === 'false' ? [...v.state.tickets.values()] : openTickets(v);
    return { tickets: list.map((t) => ticketView(v, t, true)) };
  });

  app.get('/api/tickets/:id', {
    preHandler: app.allow('any-user'),
    schema: { tags: ['tickets'], security: secured, summary: 'One ticket with its timeline', params: IdParams, response: { 200: Type.Object({ ticket: TicketView }), ...Errors } },
  }, async (req) => {
    const v = ctx.queue.views();
    const t = v.state.tickets.get(req.params.id);
    if (!t) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${req.params.id} today`);
    return { ticket: ticketView(v, t, true) };
  });

  app.post('/api/tickets/:id/cancel', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, summary: 'Cancel a waiting ticket (the visitor left)', params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, strict),
      response: { 200: Type.Object({ ticket: TicketView }), ...Errors },
    },
  }, async (req) => {
    const p = who(req);
    const r = ctx.hall.execute(`user:${p.id}`, (s, c) => commands.cancel(s, req.params.id, req.body.reason, c.now),
      () => ({ status: 200, body: { ticket: ticketView(ctx.queue.views(), ctx.hall.state.tickets.get(req.params.id)!, true) } }));
    return r.body;
  });

  app.get('/api/tickets/track/:trackToken', {
    schema: {
      tags: ['tickets'], summary: 'A visitor follows their ticket (the QR on the slip)',
      params: Type.Object({ trackToken: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }),
      response: { 200: TrackView, ...Errors },
    },
  }, async (req) => ctx.queue.track(req.params.trackToken, (tok) => ctx.hallRepo.findByTrackToken(tok)));
};
export default routes;
