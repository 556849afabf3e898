import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { HallConfig } from '@onewindow/config';
import {
  BOOKING_CODE_DIGITS, bookingCode, cleanBookingCode, isoLocal, mistyped,
  type AppointmentView, type BookingCalendar, type CheckInInfo, type CheckInKind, type FlaggedBooking, type SlotsView,
} from '@onewindow/protocol';
import { localDate } from '@onewindow/protocol/time';
import { BookingConflict, type AppointmentRepository, type AppointmentRow, type BookingQuota } from '../../repositories/appointment.repository.ts';
import { AppError } from '../app-error.ts';
import { maskContact } from '../privacy.ts';
import { AttemptGuard, type AttemptRule } from './attempts.ts';
import { isValidIdNumber } from '@onewindow/drivers/idcard';
import type { CheckIn, CheckInResult } from '../queue/queue.service.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { availability, bookableDates, checkSlot, closedReason, daySlots, inRange, weekdayOf, type Calendar, type SlotRule } from './slots.ts';

export const DEFAULT_RULES = { earlyMin: 30, graceMin: 15, daysAhead: 7, perPhonePerDay: 2, perAddressPerDay: 10, flagFromAddress: 4 } as const;

/** A phone's one-time code: six digits, ten minutes, five tries, one a minute. */
const PHONE_CODE = { ttlMs: 10 * 60_000, tries: 5, resendMs: 60_000 } as const;

export interface BookRequest { serviceId: string; slotStart: string; name?: string; phone?: string; phoneCode?: string; idNumber?: string }
/** Who books: the public (with the client's address) or a member of staff. */
export interface Booker { channel: 'public' | 'guide' | 'supervisor' | 'admin'; actor: string | null; ip?: string }

/**
 * The one answer the public gets when a booking is over a limit, whichever it is (a second booking
 * of the phone for the service or the day, or the address's day): it must not tell anyone which
 * phones hold bookings.
 */
const BOOKING_LIMIT = (perPhone: number, perAddress: number) => new AppError(409, 'BOOKING_LIMIT',
  `this booking cannot be made: a phone may hold one booking per service and ${perPhone} a day, and one network address may make ${perAddress} for a day. To move a booking, cancel it with its code first; or ask at the hall`);

const codeHash = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');

/** Codes as visitors type them: case-insensitive, spaces and dashes ignored. */
export const normalizeCode = cleanBookingCode;

/** Ten digits, the last a check digit (protocol/booking-code.ts): easy to say and to type on a keypad. */
export function newCode(): string {
  return bookingCode(Array.from({ length: BOOKING_CODE_DIGITS - 1 }, () => randomInt(10)));
}

/**
 * How many lookups that find nothing each may make: an address on the public pages, a device or
 * a member of staff (a kiosk serves many visitors), and one phone number at check-in by its
 * code's last digits (four digits are 10 000 guesses: five misses a day make them worthless).
 */
export const LOOKUP_RULES: Record<'visitor' | 'device' | 'phone', AttemptRule> = {
  visitor: { max: 10, windowMs: 10 * 60_000 },
  device: { max: 30, windowMs: 10 * 60_000 },
  phone: { max: 5, windowMs: 12 * 3600_000 },
};
const isMiss = (e: unknown) => e instanceof AppError && e.code === 'APPOINTMENT_NOT_FOUND';

/**
 * Bookings: slots from the hall's hours, booking with capacity and one booking per phone per
 * service per day, cancelling, and the check-in that turns a booking into a ticket.
 */
export class AppointmentService {
  constructor(
    private readonly repo: AppointmentRepository,
    /** Read at call time: a configuration reload replaces its content in place. */
    private readonly config: HallConfig,
    private readonly clock: { now(): number },
    private readonly appointmentLeadSec: () => number,
    /** The keyed hash of an ID number (identity/id-key.ts): a booking made with one checks in with the card. */
    private readonly hashId: ((idNumber: string) => string) | null = null,
    /** Where one-time codes go (the hall's notifier); without one, phones cannot be verified. */
    private readonly notifier: Notifier | null = null,
    private readonly attempts = new AttemptGuard(() => clock.now()),
  ) {}

  /**
   * A lookup by code on behalf of a requester (`ip:…` for visitors, `device:…` or `user:…`): too
   * many that find nothing, and the requester is refused for a while (no guessing of codes).
   */
  guarded<T>(requester: string, lookup: () => T): T {
    const rule = requester.startsWith('ip:') ? LOOKUP_RULES.visitor : LOOKUP_RULES.device;
    return this.attempts.guard(`who:${requester}`, rule, 'too many booking codes that match nothing: wait a few minutes, or ask at the guide desk', lookup, isMiss);
  }

  rules() {
    return { ...DEFAULT_RULES, ...this.config.appointments, verifyPhone: this.verifiesPhones() };
  }

  /** Phones are verified where a notifier that reaches them is configured, unless the hall file says otherwise. */
  private verifiesPhones(): boolean {
    return this.config.appointments?.verifyPhone ?? ((this.config.notifications?.kind ?? 'log') !== 'log');
  }

  /**
   * Sends a one-time code to a phone before a public booking. The answer is the same whatever the
   * phone (booked or not, asked a moment ago or not): nobody learns anything about a number here.
   */
  requestPhoneCode(phone: string): { sent: true; expiresInSec: number } {
    if (!this.verifiesPhones()) throw new AppError(409, 'PHONE_CODE_NOT_USED', 'this hall does not verify phones: book without a code');
    if (!this.notifier) throw new AppError(503, 'NOTIFIER_UNAVAILABLE', 'codes cannot be sent now: book at the hall');
    const now = this.clock.now();
    this.repo.dropExpiredPhoneCodes(now - 86_400_000);
    const prior = this.repo.phoneCode(phone);
    if (!prior || now - prior.sent_at >= PHONE_CODE.resendMs) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      this.repo.putPhoneCode(phone, codeHash(phone, code), now + PHONE_CODE.ttlMs, now);
      const r = this.notifier.notify({ kind: 'phone-code', phone, text: `【${this.config.hall.name}】预约验证码 ${code}，${PHONE_CODE.ttlMs / 60_000} 分钟内有效。如非本人操作，请忽略。` });
      if (r instanceof Promise) r.catch(() => undefined);
    }
    return { sent: true, expiresInSec: PHONE_CODE.ttlMs / 1000 };
  }

  /** Whether the code sent to this phone is this one; a wrong one counts against the five tries. */
  private checkPhoneCode(phone: string, code: string | undefined, now: number): void {
    const wrong = () => new AppError(422, 'PHONE_CODE_INVALID', 'the code is wrong or has expired: ask for a new one');
    if (!code) throw new AppError(422, 'PHONE_CODE_REQUIRED', 'this hall verifies phones: ask for a code (POST /api/appointments/phone-code) and send it as phoneCode');
    const row = this.repo.phoneCode(phone);
    if (!row || row.expires_at < now || row.attempts >= PHONE_CODE.tries) throw wrong();
    if (row.code_hash !== codeHash(phone, code)) {
      this.repo.phoneCodeMiss(phone);
      throw wrong();
    }
  }

  private get tz(): string { return this.config.hall.timezone; }
  private get cal(): Calendar { return this.config.hall; }

  private rule(serviceId: string): SlotRule & { name: string } {
    const s = this.config.services.find((x) => x.id === serviceId);
    if (!s) throw new AppError(404, 'UNKNOWN_SERVICE', `no service ${serviceId}`);
    if (!s.appointment) throw new AppError(422, 'NOT_BOOKABLE', `${s.name} (${serviceId}) takes no bookings: take a ticket at the hall`);
    return { ...s.appointment, name: s.name };
  }

  private today(now = this.clock.now()): string {
    const today = localDate(now, this.tz);
    this.repo.expireBefore(today);
    return today;
  }

  calendar(): BookingCalendar {
    const now = this.clock.now();
    const { earlyMin, graceMin, daysAhead, verifyPhone } = this.rules();
    return {
      hall: { name: this.config.hall.name, ...(this.config.hall.nameEn ? { nameEn: this.config.hall.nameEn } : {}), timezone: this.tz, today: this.today(now) },
      rules: { earlyMin, graceMin, daysAhead, ...(verifyPhone ? { verifyPhone } : {}) },
      services: this.config.services.filter((s) => s.appointment).map((s) => ({
        id: s.id, name: s.name, ...(s.nameEn ? { nameEn: s.nameEn } : {}), slotMinutes: s.appointment!.slotMinutes, capacity: s.appointment!.capacity,
      })),
      days: bookableDates(now, this.tz, daysAhead).map((date) => ({ date, weekday: weekdayOf(date), closed: closedReason(this.cal, date) })),
    };
  }

  slots(serviceId: string, date: string): SlotsView {
    const now = this.clock.now();
    const rule = this.rule(serviceId);
    this.today(now);
    if (!inRange(date, now, this.tz, this.rules().daysAhead)) return { serviceId, date, closed: 'out-of-range', slots: [] };
    const closed = closedReason(this.cal, date);
    if (closed) return { serviceId, date, closed, slots: [] };
    const free = availability(daySlots(this.cal, rule, date), rule, this.repo.bookedBySlot(serviceId, date), now);
    return { serviceId, date, closed: null, slots: free.map((s) => ({ start: this.iso(s.start), end: this.iso(s.end), capacity: s.capacity, booked: s.booked, free: s.free })) };
  }

  /**
   * Books a slot. The public books with a phone, within a day's share per phone and per address
   * (refused with one uniform BOOKING_LIMIT, whichever limit it is), and proves the phone with a
   * one-time code where the hall verifies phones; staff book for visitors without those limits.
   */
  book(req: BookRequest, by: Booker): AppointmentView {
    const now = this.clock.now();
    const rule = this.rule(req.serviceId);
    const rules = this.rules();
    const isPublic = by.channel === 'public';
    if (isPublic && !req.phone) throw new AppError(422, 'PHONE_REQUIRED', 'a mobile number is needed to book online');
    if (req.idNumber !== undefined && !isValidIdNumber(req.idNumber)) throw new AppError(422, 'ID_NUMBER_INVALID', 'this is not a valid ID number (GB 11643: 18 characters with a check character)');
    const idHash = req.idNumber && this.hashId ? this.hashId(req.idNumber) : null;
    const start = Date.parse(req.slotStart);
    if (!Number.isFinite(start)) throw new AppError(422, 'SLOT_INVALID', 'slotStart is not a date and time');
    const check = checkSlot(this.cal, rule, start, now, rules.daysAhead);
    if (!check.ok) throw new AppError(422, check.code, check.message);
    const verified = isPublic && rules.verifyPhone;
    if (verified) this.checkPhoneCode(req.phone!, req.phoneCode, now);
    const quota: BookingQuota | null = isPublic ? { perPhone: rules.perPhonePerDay, perAddress: rules.perAddressPerDay } : null;
    this.today(now);
    for (let attempt = 0; ; attempt++) {
      const row = {
        id: randomUUID(), code: newCode(), service_id: req.serviceId, day: check.date, slot_start: check.slot.start, slot_end: check.slot.end,
        name: req.name?.trim() || null, phone: req.phone ?? null, id_hash: idHash, channel: by.channel, created_by: by.actor, created_at: now,
        ip: isPublic ? by.ip ?? null : null, phone_verified: verified ? 1 : 0,
      };
      try {
        this.repo.insert(row, rule.capacity, quota);
        if (verified) this.repo.dropPhoneCode(req.phone!);
        return this.view(this.repo.byId(row.id)!);
      } catch (e) {
        if (!(e instanceof BookingConflict)) throw e;
        if (e.reason === 'SLOT_FULL') throw new AppError(409, 'SLOT_FULL', 'this slot is fully booked: choose another', { slotStart: this.iso(start) });
        if (e.reason !== 'CODE_TAKEN' && isPublic) throw BOOKING_LIMIT(rules.perPhonePerDay, rules.perAddressPerDay);
        if (e.reason === 'DUPLICATE_BOOKING') {
          throw new AppError(409, 'DUPLICATE_BOOKING', `this phone already holds a booking for ${rule.name} on ${check.date}: cancel it first to move it`);
        }
        if (attempt >= 4) throw e;
      }
    }
  }

  /**
   * A day's bookings a supervisor should look at: those of an address holding `flagFromAddress` or
   * more, and of a phone holding more than one, with the counts and the address.
   */
  flagged(date: string): FlaggedBooking[] {
    this.today();
    return this.repo.flagged(date, this.rules().flagFromAddress).map((r) => ({
      appointment: this.view(r), address: r.ip, addressBookings: r.address_count, phoneBookings: r.phone_count,
      phoneVerified: r.phone_verified === 1, channel: r.channel,
    }));
  }

  /** A supervisor gives a booked place back (a flood's, or on request): cancelled, marked with who. */
  release(id: string, by: string): AppointmentView {
    const a = this.repo.byId(id);
    if (!a) throw new AppError(404, 'APPOINTMENT_NOT_FOUND', `no booking ${id}`);
    if (a.status !== 'booked') this.refuse(a);
    if (!this.repo.release(id, this.clock.now(), by)) this.refuse(this.repo.byId(id)!);
    return this.view(this.repo.byId(id)!);
  }

  get(code: string): AppointmentView {
    this.today();
    return this.view(this.find(code), true);
  }

  cancel(code: string): AppointmentView {
    const now = this.clock.now();
    this.today(now);
    const a = this.find(code);
    if (a.status === 'cancelled') return this.view(a, true);
    if (a.status !== 'booked') this.refuse(a);
    if (!this.repo.cancel(a.id, now)) this.refuse(this.repo.byId(a.id)!);
    return this.view(this.repo.byId(a.id)!, true);
  }

  list(date: string): AppointmentView[] {
    this.today();
    return this.repo.ofDate(date).map((a) => this.view(a));
  }

  /** Today's bookings of a phone, for the guide desk (phones masked), with the ticket a check-in issued. */
  forPhoneToday(phone: string): { view: AppointmentView; ticketId: string | null }[] {
    return this.repo.forPhone(phone, this.today()).map((a) => ({ view: this.view(a), ticketId: a.ticket_id }));
  }

  /** The ticket a booking's check-in issued, if any. */
  ticketIdOf(code: string): string | null {
    return this.repo.byCode(normalizeCode(code))?.ticket_id ?? null;
  }

  /**
   * Today's booking of this phone whose code ends with these characters (check-in without the full
   * code). A phone with no booking and a wrong ending get the same answer; a phone that missed five
   * times is refused for the day's rest (LOOKUP_RULES.phone), whoever asks.
   */
  codeFor(phone: string, codeSuffix: string): string {
    return this.attempts.guard(`phone:${phone}`, LOOKUP_RULES.phone, 'too many tries for this phone number: check in with the whole code, or at the guide desk', () => {
      const today = this.today();
      const suffix = normalizeCode(codeSuffix);
      const found = this.repo.forPhone(phone, today).filter((a) => a.code.endsWith(suffix));
      const best = found.find((a) => a.status === 'booked') ?? found[0];
      if (!best) throw new AppError(404, 'APPOINTMENT_NOT_FOUND', 'no booking today for this phone number and code');
      return best.code;
    }, isMiss);
  }

  /** Today's booking made with the ID number behind this hash, as a kiosk shows it after a card is read. */
  bookingOfCard(idHash: string): { serviceId: string; serviceName: string; slotStart: string; status: string } | null {
    const rows = this.repo.byIdHash(this.today(), idHash);
    const a = rows.find((r) => r.status === 'booked') ?? rows[0];
    if (!a) return null;
    return { serviceId: a.service_id, serviceName: this.config.services.find((s) => s.id === a.service_id)?.name ?? a.service_id, slotStart: this.iso(a.slot_start), status: a.status };
  }

  /** The code of today's booking made with this ID number (the check-in by card), or null. */
  codeOfCard(idHash: string): string | null {
    const rows = this.repo.byIdHash(this.today(), idHash);
    return (rows.find((r) => r.status === 'booked') ?? rows[0])?.code ?? null;
  }

  /** The QueueService hook: decides how a booking enters the queue; the row changes with the ticket. */
  readonly checkIn: CheckIn = (rawCode, now) => {
    const today = this.today(now);
    const a = this.find(rawCode);
    if (a.status !== 'booked') this.refuse(a);
    const { earlyMin, graceMin } = this.rules();
    const from = a.slot_start - earlyMin * 60_000;
    if (a.day > today || now < from) {
      throw new AppError(409, 'TOO_EARLY', `check-in for this booking opens at ${this.hhmm(from)} on ${a.day} (slot ${this.hhmm(a.slot_start)}): please come back then`,
        { slotStart: this.iso(a.slot_start), checkInFrom: this.iso(from) });
    }
    if (a.day < today) throw new AppError(409, 'APPOINTMENT_EXPIRED', `this booking was for ${a.day}`);
    const kind: CheckInKind = now < a.slot_start ? 'early' : now <= a.slot_start + graceMin * 60_000 ? 'on-time' : 'late-normal';
    const late = kind === 'late-normal';
    const callable = late ? null : Math.max(now, a.slot_start - this.appointmentLeadSec() * 1000);
    const slot = this.hhmm(a.slot_start);
    const message = kind === 'early'
      ? `checked in early: you wait for your slot and are called from about ${this.hhmm(callable!)} (slot ${slot})`
      : kind === 'on-time' ? `checked in for your ${slot} slot: you will be called shortly`
        : `more than ${graceMin} min after your ${slot} slot: this is an ordinary ticket in the normal queue`;
    const response: CheckInInfo = {
      kind, appointmentId: a.id, code: a.code, slotStart: this.iso(a.slot_start), slotEnd: this.iso(a.slot_end),
      callableFrom: callable === null ? null : this.iso(callable), message,
    };
    const result: CheckInResult = {
      serviceId: a.service_id, appointmentAt: late ? null : a.slot_start, appointmentId: a.id, response,
      onIssued: (ticketId) => {
        if (!this.repo.checkIn(a.id, ticketId, now)) this.refuse(this.repo.byId(a.id)!);
      },
    };
    return result;
  };

  private find(code: string): AppointmentRow {
    // A typo the check digit shows is told as a typo, without a lookup (and without counting as a guess).
    if (mistyped(code)) throw new AppError(422, 'APPOINTMENT_CODE_MISTYPED', 'this code has a typo (its check digit does not match): compare it with your confirmation');
    const a = this.repo.byCode(normalizeCode(code));
    if (!a) throw new AppError(404, 'APPOINTMENT_NOT_FOUND', 'no booking with this code: check the code in your confirmation');
    return a;
  }

  private refuse(a: AppointmentRow): never {
    switch (a.status) {
      case 'checked-in': {
        const t = a.ticket_id ? this.repo.ticket(a.ticket_id) : null;
        throw new AppError(409, 'ALREADY_CHECKED_IN', `this booking was already checked in${t ? ` as ticket ${t.number}` : ''}`,
          { ticketNumber: t?.number ?? null, checkedInAt: a.checked_in_at === null ? null : this.iso(a.checked_in_at) });
      }
      case 'cancelled': throw new AppError(409, 'APPOINTMENT_CANCELLED', 'this booking was cancelled');
      case 'expired': throw new AppError(409, 'APPOINTMENT_EXPIRED', `this booking was for ${a.day} and was not used`);
      default: throw new AppError(409, 'APPOINTMENT_CHANGED', 'this booking changed meanwhile: try again');
    }
  }

  private view(a: AppointmentRow, withTrack = false): AppointmentView {
    const { earlyMin, graceMin } = this.rules();
    const t = a.ticket_id ? this.repo.ticket(a.ticket_id) : null;
    return {
      id: a.id, code: a.code, serviceId: a.service_id,
      serviceName: this.config.services.find((s) => s.id === a.service_id)?.name ?? a.service_id,
      day: a.day, slotStart: this.iso(a.slot_start), slotEnd: this.iso(a.slot_end), name: a.name, phone: maskContact(a.phone),
      status: a.status, createdAt: this.iso(a.created_at), checkedInAt: this.isoOrNull(a.checked_in_at), cancelledAt: this.isoOrNull(a.cancelled_at),
      checkInFrom: this.iso(a.slot_start - earlyMin * 60_000), lateAfter: this.iso(a.slot_start + graceMin * 60_000),
      ticket: t ? { number: t.number, status: t.status, ...(withTrack ? { trackToken: t.trackToken } : {}) } : null,
    };
  }

  private iso(ms: number): string { return isoLocal(ms, this.tz); }
  private isoOrNull(ms: number | null): string | null { return ms === null ? null : this.iso(ms); }
  private hhmm(ms: number): string { return this.iso(ms).slice(11, 16); }
}
