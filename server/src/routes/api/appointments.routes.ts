import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppointmentView, BookingCalendar, CheckInInfo, FlaggedBooking, MOBILE_PATTERN, SlotsView, TicketView } from '@onewindow/protocol';
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
  // The client's address (a trusted proxy's forwarded one, plugins/network.ts): a day's bookings per address are limited.
  return { channel: 'public', actor: null, ip: req.ip };
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

  app.post('/api/appointments/phone-code', {
    config: limited(6),
    schema: {
      tags: ['appointments'],
      summary: 'Extension: send a one-time code to a phone before booking, where the hall verifies phones (calendar rules.verifyPhone). The answer is the same for every phone; a code is sent at most once a minute, lives 10 minutes and allows 5 tries. 409 PHONE_CODE_NOT_USED where phones are not verified',
      body: Type.Object({ phone: Phone }, strict),
      response: { 202: Type.Object({ sent: Type.Literal(true), expiresInSec: Type.Integer() }), ...Errors },
    },
  }, async (req, reply) => reply.status(202).send(svc.requestPhoneCode(req.body.phone)));

  app.post('/api/appointments', {
    config: limited(20),
    schema: {
      tags: ['appointments'],
      summary: 'Book a slot: anyone (the public page; phone required, and its one-time code where the hall verifies phones) or a guide or supervisor. 409 SLOT_FULL; for the public 409 BOOKING_LIMIT whichever limit it is (one booking per phone per service, appointments.perPhonePerDay a day, appointments.perAddressPerDay from one address; extension: the answer does not say which, so nobody learns which phones hold bookings); for staff 409 DUPLICATE_BOOKING; 422 SLOT_INVALID, SLOT_PAST, SLOT_TOO_FAR, HALL_CLOSED_DAY, NOT_BOOKABLE, PHONE_REQUIRED, PHONE_CODE_REQUIRED, PHONE_CODE_INVALID',
      body: Type.Object({
        serviceId: Id,
        slotStart: Type.String({ minLength: 10, maxLength: 40, description: 'a slot\'s `start` from /api/appointments/slots' }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        phone: Type.Optional(Phone),
        idNumber: Type.Optional(IdNumber),
        phoneCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: 'extension: the code sent to the phone (POST /api/appointments/phone-code)' })),
      }, strict),
      response: { 201: One, ...Errors },
    },
  }, async (req, reply) => reply.status(201).send({ appointment: svc.book(req.body, booker(req)) }));

  app.get('/api/appointments/flagged', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['appointments'], security: secured,
      summary: 'Extension: a day\'s bookings that look like a flood, for supervisors to release: those of an address holding appointments.flagFromAddress or more that day, and of a phone holding more than one; default today',
      querystring: Type.Object({ date: Type.Optional(IsoDate) }, strict),
      response: { 200: Type.Object({ date: Type.String(), flagFromAddress: Type.Integer(), bookings: Type.Array(FlaggedBooking) }), ...Errors },
    },
  }, async (req) => {
    const date = req.query.date ?? svc.calendar().hall.today;
    return { date, flagFromAddress: svc.rules().flagFromAddress, bookings: svc.flagged(date) };
  });

  app.post('/api/appointments/:code/release', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['appointments'], security: secured,
      summary: 'Extension: a supervisor gives a booked place back (cancelled, marked with who did it; audited); 409 once checked in or cancelled',
      params: CodeParams, response: { 200: One, ...Errors },
    },
  }, async (req) => {
    const p = who(req);
    const a = svc.release(svc.get(req.params.code).id, `user:${p.kind === 'user' ? p.id : p.name}`);
    app.services.audit.record(p, 'booking-released', `appointment:${a.code}`, { day: a.day, slotStart: a.slotStart, serviceId: a.serviceId }, req.ip);
    return { appointment: a };
  });

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
