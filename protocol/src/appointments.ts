import { Type, type Static } from 'typebox';
import { IsoTime, Nullable } from './schemas.ts';

/**
 * Bookings (预约) and their check-in: the public booking page, the kiosk and the guide desk are
 * built against these shapes. Phones are always shown masked (138****5678).
 */

export const AppointmentStatuses = ['booked', 'checked-in', 'cancelled', 'expired'] as const;
export const AppointmentStatusSchema = Type.Enum(AppointmentStatuses);

/** 11-digit mainland mobile number. */
export const MOBILE_PATTERN = '^1[3-9]\\d{9}$';
/**
 * Booking codes made before the digit codes (booking-code.ts): 8 characters of an unambiguous
 * alphabet (no 0/O, 1/I). Still accepted until their day has passed; no longer made.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

export const SlotView = Type.Object({
  start: IsoTime,
  end: IsoTime,
  capacity: Type.Integer({ minimum: 1 }),
  booked: Type.Integer({ minimum: 0 }),
  free: Type.Integer({ minimum: 0 }),
});

export const ClosedReason = Type.Enum(['holiday', 'closed-weekday', 'out-of-range'] as const);

export const SlotsView = Type.Object({
  serviceId: Type.String(),
  date: Type.String({ description: 'YYYY-MM-DD in the hall\'s time zone' }),
  closed: Nullable(ClosedReason),
  /** Slots not yet started, in order; full ones have free = 0. */
  slots: Type.Array(SlotView),
});

export const BookableService = Type.Object({
  id: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()),
  slotMinutes: Type.Integer(), capacity: Type.Integer(),
});

export const BookingDay = Type.Object({
  date: Type.String(),
  weekday: Type.String({ description: 'mon … sun' }),
  closed: Nullable(ClosedReason),
});

/** Everything the public booking page needs before choosing a slot. */
export const BookingCalendar = Type.Object({
  hall: Type.Object({ name: Type.String(), nameEn: Type.Optional(Type.String()), timezone: Type.String(), today: Type.String() }),
  rules: Type.Object({
    earlyMin: Type.Integer({ description: 'check-in opens this many minutes before the slot' }),
    graceMin: Type.Integer({ description: 'later than this after the slot start, check-in gives a normal ticket' }),
    daysAhead: Type.Integer(),
    verifyPhone: Type.Optional(Type.Boolean({ description: 'extension: a booking needs a one-time code sent to the phone first (POST /api/appointments/phone-code)' })),
  }),
  services: Type.Array(BookableService),
  days: Type.Array(BookingDay),
});

export const AppointmentView = Type.Object({
  id: Type.String(),
  code: Type.String({ examples: ['7K3QH9TX'] }),
  serviceId: Type.String(),
  serviceName: Type.String(),
  day: Type.String(),
  slotStart: IsoTime,
  slotEnd: IsoTime,
  name: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'masked: 138****5678' })),
  status: AppointmentStatusSchema,
  createdAt: IsoTime,
  checkedInAt: Nullable(IsoTime),
  cancelledAt: Nullable(IsoTime),
  checkInFrom: IsoTime,
  lateAfter: Type.String({ description: 'check-in after this gives a normal ticket (no slot priority)' }),
  ticket: Nullable(Type.Object({ number: Type.String(), status: Type.String(), trackToken: Type.Optional(Type.String()) })),
});

/** A booking a supervisor should look at (extension): its address or phone holds many that day. */
export const FlaggedBooking = Type.Object({
  appointment: AppointmentView,
  address: Nullable(Type.String({ description: 'the client address a public booking came from (personal data: purged after the retention period)' })),
  addressBookings: Type.Integer({ description: 'active bookings of that day from this address' }),
  phoneBookings: Type.Integer({ description: 'active bookings of that day of this phone' }),
  phoneVerified: Type.Boolean({ description: 'the phone typed back a one-time code' }),
  channel: Type.String({ description: 'public, guide, supervisor or admin' }),
});
export type FlaggedBooking = Static<typeof FlaggedBooking>;

/** Added to a check-in's ticket response: what the visitor must be told. */
export const CheckInKinds = ['early', 'on-time', 'late-normal'] as const;
export const CheckInInfo = Type.Object({
  kind: Type.Enum(CheckInKinds, { description: 'early: waits for the slot; on-time: served close to the slot; late-normal: past the grace, an ordinary ticket' }),
  appointmentId: Type.String(),
  code: Type.String(),
  slotStart: IsoTime,
  slotEnd: IsoTime,
  callableFrom: Nullable(IsoTime),
  message: Type.String(),
});

export type SlotView = Static<typeof SlotView>;
export type SlotsView = Static<typeof SlotsView>;
export type BookingCalendar = Static<typeof BookingCalendar>;
export type BookableService = Static<typeof BookableService>;
export type BookingDay = Static<typeof BookingDay>;
export type AppointmentView = Static<typeof AppointmentView>;
export type AppointmentStatus = (typeof AppointmentStatuses)[number];
export type CheckInInfo = Static<typeof CheckInInfo>;
export type CheckInKind = (typeof CheckInKinds)[number];
