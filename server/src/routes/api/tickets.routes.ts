import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { CheckInInfo, LanguageSchema, MOBILE_PATTERN, NoticeView, Nullable, PrintAnswer, PrioritySchema, TicketView, Timeline } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import { Errors, Id, IdempotencyHeaders, IdParams, idempotency, requester, resource, secured, strict, who } from './common.ts';
import type { IssueRequest } from '../../services/queue/queue.service.ts';

const TrackView = Type.Intersect([TicketView, Type.Object({
  serviceName: Type.String(), windowName: Type.Union([Type.String(), Type.Null()]), hallName: Type.String(),
  notice: Type.Optional(Type.Intersect([NoticeView], { description: 'extension: the 一次性告知 of the visit\'s last matter finished with materials missing' })),
})]);
const Phone = Type.String({ pattern: MOBILE_PATTERN, description: '11-digit mainland mobile number; personal data, shown masked' });
const ReadToken = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'the `token` of POST /api/id-cards/read' });
/** What the guide desk and a kiosk may add to an issue (extensions; the contract's body stays as it is). */
const IssueExtras = {
  language: Type.Optional(LanguageSchema),
  idCard: Type.Optional(ReadToken),
  greenReason: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'staff: why the green channel (audited)' })),
  phone: Type.Optional(Phone),
  printAt: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$', description: 'staff: the kiosk whose printer prints the ticket' })),
  idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: 'staff: the ID number typed at the guide desk for a real-name ticket; only its keyed hash is kept' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'staff: with idNumber, the holder\'s name (kept masked)' })),
};
const Flag = Type.Object({
  ticketId: Type.String(), number: Type.String(), stepIndex: Type.Integer(), serviceId: Type.String(),
  windowId: Nullable(Type.String()), note: Type.String(), at: Type.String(),
});

/** `/api/tickets`: issuing, staff's lists, cancelling, a visit's timeline and flags, and a visitor's tracking. */
export default resource('tickets', async (app) => {
  const { queue, counter, audit, config, printing, notices, appointments } = app.services;

  app.post('/api/tickets', {
    preHandler: app.allow('kiosk', 'guide', 'clerk', 'supervisor'),
    config: { rateLimit: { max: config.hall.kioskTicketsPerMinute ?? 30, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.principal?.id ?? req.ip } },
    schema: {
      tags: ['tickets'], security: secured, summary: 'Issue a ticket, or check in a booking by its code',
      headers: IdempotencyHeaders,
      description: 'Extensions: `language` (the slip\'s language), `idCard` (a real-name ticket: the token of a card just read; 422 REAL_NAME_REQUIRED for a service that requires one, 409 ONE_TICKET_PER_PERSON), and for staff at the guide desk `greenReason`, `phone` (for "还有 3 位" and the call by SMS), `printAt` (a kiosk\'s printer), `idNumber` + `name` (typed); `{idCard, checkIn: true}` checks in today\'s booking made with that ID number.',
      body: Type.Union([
        Type.Object({ serviceId: Id, priority: Type.Optional(PrioritySchema), ...IssueExtras }, strict),
        Type.Object({ appointmentCode: Type.String({ minLength: 4, maxLength: 32, pattern: '^[A-Za-z0-9-]+$' }), language: IssueExtras.language, printAt: IssueExtras.printAt }, strict),
        Type.Object({ idCard: ReadToken, checkIn: Type.Literal(true), language: IssueExtras.language, printAt: IssueExtras.printAt }, strict),
      ]),
      response: { 201: Type.Object({ ticket: TicketView, checkIn: Type.Optional(CheckInInfo) }, { description: '`checkIn` (a booking\'s check-in only): early (waits for its slot), on-time, or late-normal (past the grace: an ordinary ticket)' }), ...Errors },
    },
  }, async (req, reply) => {
    const b = req.body as IssueRequest & { appointmentCode?: string; checkIn?: true };
    const issue = () => queue.issue(who(req), { ...b, serviceId: b.serviceId ?? '', checkInByCard: b.checkIn === true }, idempotency(req));
    // A booking's code is looked up under the limit on codes that match nothing.
    const r = b.appointmentCode ? appointments.guarded(requester(req), issue) : issue();
    const p = who(req);
    if (p.kind === 'user') {
      audit.record(p, 'ticket-issued', `ticket:${r.body.ticket.id}`, {
        number: r.body.ticket.number, serviceId: r.body.ticket.serviceId, priority: r.body.ticket.priority, ...(b.greenReason ? { greenReason: b.greenReason } : {}),
        realName: Boolean(b.idCard || b.idNumber), phone: Boolean(b.phone), ...(b.printAt ? { printAt: b.printAt } : {}),
      }, req.ip);
    }
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
  }, async (req) => {
    const ticket = queue.cancel(who(req), req.params.id, req.body.reason);
    audit.record(who(req), 'ticket-cancelled', `ticket:${ticket.id}`, { number: ticket.number, reason: req.body.reason }, req.ip);
    return { ticket };
  });

  app.post('/api/tickets/:id/reinstate', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams, headers: IdempotencyHeaders,
      summary: 'Put a no-show back in the queue (the guide desk): behind those called since and the next few waiting (config noShow); 409 TICKET_NOT_NO_SHOW, REINSTATE_TOO_LATE, REINSTATE_OFF (extension)',
      response: { 200: Type.Object({ ticket: TicketView }), ...Errors },
    },
  }, async (req) => {
    const ticket = queue.reinstate(who(req), req.params.id);
    audit.record(who(req), 'ticket-reinstated', `ticket:${ticket.id}`, { number: ticket.number }, req.ip);
    return { ticket };
  });

  app.post('/api/tickets/:id/print', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams,
      summary: 'Print a ticket of today again on a kiosk\'s printer, marked 补打 (the guide desk); waits up to 5 s for the result (extension)',
      body: Type.Object({ kioskId: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }) }, strict),
      response: { 200: PrintAnswer, ...Errors },
    },
  }, async (req) => {
    const job = await printing.reprint(req.params.id, req.body.kioskId);
    audit.record(who(req), 'ticket-reprinted', `ticket:${req.params.id}`, { kioskId: req.body.kioskId, status: job.status }, req.ip);
    return { job };
  });

  app.post('/api/tickets/:id/phone', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams,
      summary: 'A visitor leaves a phone number for a ticket they hold: "还有 3 位", the call and the 一次性告知 reach it by SMS (extension)',
      body: Type.Object({ phone: Phone }, strict),
      response: { 200: Type.Object({ ticket: TicketView }), ...Errors },
    },
  }, async (req) => {
    const ticket = queue.leavePhone(who(req), req.params.id, req.body.phone);
    audit.record(who(req), 'ticket-phone-added', `ticket:${ticket.id}`, { number: ticket.number }, req.ip);
    return { ticket };
  });

  app.get('/api/tickets/:id/notice', {
    preHandler: app.allow('clerk', 'guide', 'supervisor'),
    schema: {
      tags: ['tickets'], security: secured, params: IdParams,
      querystring: Type.Object({ step: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })) }, strict),
      summary: 'The 一次性告知 of a ticket (the latest matter finished with materials missing, or `step`): what the terminal prints on A4 (extension)',
      response: { 200: Type.Object({ notice: NoticeView }), ...Errors },
    },
  }, async (req) => ({ notice: notices.get(req.params.id, req.query.step === undefined ? undefined : Number(req.query.step)) }));

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
