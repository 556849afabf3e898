/**
 * Booking slots, pure: from the hall's weekly hours and holidays, a service's slot length and
 * capacity, and the bookings already taken. Dates are the hall's local calendar days
 * ("YYYY-MM-DD"); instants are epoch ms, converted in the hall's time zone (DST-correct).
 */
import { localDate } from '../engine/day.ts';

export interface HoursRule { days: readonly string[]; open: string; close: string }
export interface Calendar { timezone: string; hours: readonly HoursRule[]; holidays?: readonly string[] }
export interface SlotRule { slotMinutes: number; capacity: number }
export interface Slot { start: number; end: number }
export type ClosedReason = 'holiday' | 'closed-weekday' | 'out-of-range';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/** "mon" … "sun" for a calendar date (no time zone involved). */
export function weekdayOf(date: string): string {
  const [y, m, d] = ymd(date);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function hhmm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
}

/** The time zone's offset from UTC at an instant, in ms. */
export function offsetAt(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(ms).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock time happens: `minutes` after local midnight of `date`. */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = ymd(date);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let t = wall - offsetAt(wall, timeZone);
  // Near a DST change the first guess used the other side's offset: correct once.
  const again = wall - offsetAt(t, timeZone);
  if (again !== t) t = again;
  return t;
}

/** Why nobody can book this date, or null when the hall has hours that day. */
export function closedReason(cal: Calendar, date: string): ClosedReason | null {
  if ((cal.holidays ?? []).includes(date)) return 'holiday';
  const wd = weekdayOf(date);
  return cal.hours.some((h) => h.days.includes(wd)) ? null : 'closed-weekday';
}

/**
 * The day's slots in order: each opening period of that weekday cut into whole slots (a slot
 * never runs past closing); none on holidays or closed weekdays.
 */
export function daySlots(cal: Calendar, rule: SlotRule, date: string): Slot[] {
  if (closedReason(cal, date)) return [];
  const wd = weekdayOf(date);
  const starts = new Set<number>();
  for (const h of cal.hours) {
    if (!h.days.includes(wd)) continue;
    const close = hhmm(h.close);
    for (let t = hhmm(h.open); t + rule.slotMinutes <= close; t += rule.slotMinutes) starts.add(t);
  }
  return [...starts].sort((a, b) => a - b).map((t) => ({
    start: zonedInstant(date, t, cal.timezone),
    end: zonedInstant(date, t + rule.slotMinutes, cal.timezone),
  }));
}

/** The dates open for booking: today through `daysAhead` days later (hall-local). */
export function bookableDates(now: number, timeZone: string, daysAhead: number): string[] {
  const today = localDate(now, timeZone);
  return Array.from({ length: daysAhead + 1 }, (_, i) => addDays(today, i));
}

export function inRange(date: string, now: number, timeZone: string, daysAhead: number): boolean {
  const today = localDate(now, timeZone);
  return date >= today && date <= addDays(today, daysAhead);
}

export interface SlotAvailability extends Slot { capacity: number; booked: number; free: number }

/** Slots not yet started with their free places: capacity less active bookings. */
export function availability(slots: Slot[], rule: SlotRule, booked: ReadonlyMap<number, number>, now: number): SlotAvailability[] {
  return slots.filter((s) => s.start > now).map((s) => {
    const n = booked.get(s.start) ?? 0;
    return { ...s, capacity: rule.capacity, booked: n, free: Math.max(0, rule.capacity - n) };
  });
}

export type SlotCheck = { ok: true; slot: Slot; date: string } | { ok: false; code: 'SLOT_INVALID' | 'SLOT_PAST' | 'HALL_CLOSED_DAY' | 'SLOT_TOO_FAR'; message: string };

/** Whether an instant is the start of a bookable slot right now. */
export function checkSlot(cal: Calendar, rule: SlotRule, start: number, now: number, daysAhead: number): SlotCheck {
  const date = localDate(start, cal.timezone);
  const closed = closedReason(cal, date);
  if (closed) return { ok: false, code: 'HALL_CLOSED_DAY', message: `the hall is closed on ${date} (${closed})` };
  const slot = daySlots(cal, rule, date).find((s) => s.start === start);
  if (!slot) return { ok: false, code: 'SLOT_INVALID', message: 'no slot starts at that time: take one from /api/appointments/slots' };
  if (start <= now) return { ok: false, code: 'SLOT_PAST', message: 'that slot has already started' };
  if (!inRange(date, now, cal.timezone, daysAhead)) return { ok: false, code: 'SLOT_TOO_FAR', message: `bookings open ${daysAhead} days ahead` };
  return { ok: true, slot, date };
}
