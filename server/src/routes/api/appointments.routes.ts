import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppointmentView, BookingCalendar, CheckInInfo, MOBILE_PATTERN, SlotsView, TicketView } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import type { Booker } from '../../services/appointments/appointment.service.ts';
import { DateString as IsoDate, Errors, Id, IdempotencyHeaders, idempotency, requester, resource, secured, strict, who } from './common.ts';

const Phone = Type.String({ pattern: MOBILE_PATTERN, description: '11-digit mainland mobile number' });
const IdNumber = Type.String({
  pattern: '^[0-9]{17}[0-9Xx]$',
  description: 'extension: the visitor\'s ID number (GB 11643), so that the booking checks in with the ID card alone; only its keyed hash is kept (422 ID_NUMBER_INVALID)',
});
const CodeParams = Type.Object({ code: Type.String({ minLength: 4, maxLength: 32, pattern: '^[A-Za-z0-9-]+$' }) }, strict);
const One = Type.Object({ appointment: AppointmentView });
const STAFF = new Set(['guide', 'supervisor', 'admin']);

/** Staff book and look up without the visitors' per-address limit (a guide desk books for many). */
function limited(visitorsPerMinute: number) {
  return {
    rateLimit: {
      timeWindow: '1 minute',
      keyGenerator: (req: FastifyRequest) => (req.principal?.kind === 'user' && STAFF.has(req.principal.role) ? `user:${req.principal.id}` : `ip:${req.ip}`),
      max: (_req: FastifyRequest, key: string) => (key.startsWith('user:') ? 600 : visitorsPerMinute),
    },
  };
}

function booker(req: FastifyRequest): Booker {
  const p = req.principal;
  if (p?.kind === 'user' && STAFF.has(p.role)) return { channel: p.role as Booker['channel'], actor: `user:${p.id}` };
  return { channel: 'public', actor: null };
}

/**
 * Bookings (预约): public slots and booking from a phone, lookup and cancelling by code, the
 * day's list for the guide desk, and check-in by phone and the code's last characters.
 * Check-in by the full code is `POST /api/tickets {appointmentCode}`.
 */
export default resource('appointments', async (app) => {
  const { appointments: svc, queue } = app.services;

  app.get('/api/appointments/calendar', {
    config: limited(120),
    schema: { tags: ['appointments'], summary: 'What the public booking page needs: bookable services, the days open for booking, the check-in rules', response: { 200: BookingCalendar, ...Errors } },
  }, async () => svc.calendar());

  app.get('/api/appointments/slots', {
    config: limited(240),
    schema: {
      tags: ['appointments'], summary: 'The slots of a service on a day with their free places (slots already started are left out)',
      querystring: Type.Object({ serviceId: Id, date: IsoDate }, strict),
      response: { 200: SlotsView, ...Errors },
    },
  }, async (req) => svc.slots(req.query.serviceId, req.query.date));

  app.post('/api/appointments', {
    config: limited(20),
    schema: {
      tags: ['appointments'],
      summary: 'Book a slot: anyone (the public page; phone required) or a guide or supervisor. 409 SLOT_FULL or DUPLICATE_BOOKING (one per phone per service per day); 422 SLOT_INVALID, SLOT_PAST, SLOT_TOO_FAR, HALL_CLOSED_DAY, NOT_BOOKABLE, PHONE_REQUIRED',
      body: Type.Object({
        serviceId: Id,
        slotStart: Type.String({ minLength: 10, maxLength: 40, description: 'a slot\'s `start` from /api/appointments/slots' }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        phone: Type.Optional(Phone),
        idNumber: Type.Optional(IdNumber),
      }, strict),
      response: { 201: One, ...Errors },
    },
  }, async (req, reply) => reply.status(201).send({ appointment: svc.book(req.body, booker(req)) }));

  app.get('/api/appointments', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['appointments'], security: secured, summary: 'A day\'s bookings for the guide desk and supervisors (phones masked); default today',
      querystring: Type.Object({ date: Type.Optional(IsoDate) }, strict),
      response: { 200: Type.Object({ date: Type.String(), appointments: Type.Array(AppointmentView) }), ...Errors },
    },
  }, async (req) => {
    const date = req.query.date ?? svc.calendar().hall.today;
    return { date, appointments: svc.list(date) };
  });

  app.post('/api/appointments/check-in', {
    preHandler: app.allow('kiosk', 'guide', 'supervisor'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.principal?.id ?? req.ip } },
    schema: {
      tags: ['appointments'], security: secured,
      summary: 'Check in today\'s booking by phone number and the last characters of its code (the last four digits); answers like POST /api/tickets {appointmentCode}. A phone with no booking and a wrong ending are both 404 APPOINTMENT_NOT_FOUND; after five misses for a phone, or thirty from one device in ten minutes, 429 TOO_MANY_ATTEMPTS',
      headers: IdempotencyHeaders,
      body: Type.Object({ phone: Phone, codeSuffix: Type.String({ minLength: 4, maxLength: 8, pattern: '^[A-Za-z0-9]+$' }) }, strict),
      response: { 201: Type.Object({ ticket: TicketView, checkIn: Type.Optional(CheckInInfo) }), ...Errors },
    },
  }, async (req, reply) => {
    const code = svc.guarded(requester(req), () => svc.codeFor(req.body.phone, req.body.codeSuffix));
    const r = queue.issue(who(req), { serviceId: '', appointmentCode: code }, idempotency(req));
    return reply.status(r.status).send(r.body);
  });

  app.get('/api/appointments/:code', {
    config: limited(60),
    schema: {
      tags: ['appointments'], params: CodeParams, response: { 200: One, ...Errors },
      summary: 'A booking by its code (phone masked; the tracking token once checked in). 422 APPOINTMENT_CODE_MISTYPED when the check digit shows a typo; 429 TOO_MANY_ATTEMPTS after ten codes that match nothing in ten minutes',
    },
  }, async (req) => ({ appointment: svc.guarded(requester(req), () => svc.get(req.params.code)) }));

  app.post('/api/appointments/:code/cancel', {
    config: limited(20),
    schema: {
      tags: ['appointments'], summary: 'Cancel a booking by its code (anyone holding it); 409 once checked in',
      params: CodeParams, response: { 200: One, ...Errors },
    },
  }, async (req) => ({ appointment: svc.guarded(requester(req), () => svc.cancel(req.params.code)) }));
});
