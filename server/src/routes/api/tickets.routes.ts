import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { CheckInInfo, Nullable, PrioritySchema, TicketView, Timeline } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import { Errors, Id, IdempotencyHeaders, IdParams, idempotency, requester, resource, secured, strict, who } from './common.ts';

const TrackView = Type.Intersect([TicketView, Type.Object({ serviceName: Type.String(), windowName: Type.Union([Type.String(), Type.Null()]), hallName: Type.String() })]);
const Flag = Type.Object({
  ticketId: Type.String(), number: Type.String(), stepIndex: Type.Integer(), serviceId: Type.String(),
  windowId: Nullable(Type.String()), note: Type.String(), at: Type.String(),
});

/** `/api/tickets`: issuing, staff's lists, cancelling, a visit's timeline and flags, and a visitor's tracking. */
export default resource('tickets', async (app) => {
  const { queue, counter, audit, config, appointments } = app.services;

  app.post('/api/tickets', {
    preHandler: app.allow('kiosk', 'guide', 'clerk', 'supervisor'),
    config: { rateLimit: { max: config.hall.kioskTicketsPerMinute ?? 30, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.principal?.id ?? req.ip } },
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
    const issue = () => queue.issue(who(req), { serviceId: b.serviceId ?? '', priority: b.priority, appointmentCode: b.appointmentCode }, idempotency(req));
    // A booking's code is looked up under the limit on codes that match nothing.
    const r = b.appointmentCode ? appointments.guarded(requester(req), issue) : issue();
    return reply.status(r.status).send(r.body);
  });

  app.get('/api/tickets', {
    preHandler: app.allow('any-user'),
    schema: {
      tags: ['tickets'], security: secured, summary: 'Today\'s tickets (staff): all, or only those not yet final',
      querystring: Type.Object({ open: Type.Optional(Type.Enum(['true', 'false'])) }, strict),
      response: { 200: Type.Object({ tickets: Type.Array(TicketView) }), ...Errors },
    },
  }, async (req) => ({ tickets: queue.tickets(req.query.open !== 'false') }));

  app.get('/api/tickets/:id', {
    preHandler: app.allow('any-user'),
    schema: { tags: ['tickets'], security: secured, summary: 'One ticket with its timeline', params: IdParams, response: { 200: Type.Object({ ticket: TicketView }), ...Errors } },
  }, async (req) => ({ ticket: queue.ticket(req.params.id) }));

  app.post('/api/tickets/:id/cancel', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, summary: 'Cancel a waiting ticket (the visitor left)', params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, strict),
      response: { 200: Type.Object({ ticket: TicketView }), ...Errors },
    },
  }, async (req) => ({ ticket: queue.cancel(who(req), req.params.id, req.body.reason) }));

  app.post('/api/tickets/:id/flag', {
    preHandler: app.allow('clerk', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams,
      summary: 'Flag a matter\'s service time as inaccurate, with a note; reports leave flagged times out',
      body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }), stepIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })) }, strict),
      response: { 201: Type.Object({ flag: Flag }), ...Errors },
    },
  }, async (req, reply) => {
    const flag = counter.flag(who(req), req.params.id, req.body);
    audit.record(who(req), 'ticket-flagged', `ticket:${req.params.id}`, req.body, req.ip);
    return reply.status(201).send({ flag });
  });

  app.get('/api/tickets/:id/timeline', {
    preHandler: app.allow('any-user'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams, response: { 200: Timeline, ...Errors },
      summary: 'A visit as the event log tells it: every entry with actor, window and time; the phases of each matter',
    },
  }, async (req) => counter.timeline(req.params.id));

  app.get('/api/tickets/track/:trackToken', {
    schema: {
      tags: ['tickets'], summary: 'A visitor follows their ticket (the QR on the slip)',
      params: Type.Object({ trackToken: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }),
      response: { 200: TrackView, ...Errors },
    },
  }, async (req) => queue.track(req.params.trackToken));
});
