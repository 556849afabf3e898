/**
 * Booking slots, pure: from the hall's weekly hours and holidays, a service's slot length and
 * capacity, and the bookings already taken. Dates are the hall's local calendar days
 * ("YYYY-MM-DD"); instants are epoch ms, converted in the hall's time zone (DST-correct).
 */
import { addDays, localDate, localInstant, minutesOf, weekdayOf } from '@onewindow/protocol/time';

export { addDays, weekdayOf };

export interface HoursRule { days: readonly string[]; open: string; close: string }
export interface Calendar { timezone: string; hours: readonly HoursRule[]; holidays?: readonly string[] }
export interface SlotRule { slotMinutes: number; capacity: number }
export interface Slot { start: number; end: number }
export type ClosedReason = 'holiday' | 'closed-weekday' | 'out-of-range';

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
    const close = minutesOf(h.close);
    for (let t = minutesOf(h.open); t + rule.slotMinutes <= close; t += rule.slotMinutes) starts.add(t);
  }
  return [...starts].sort((a, b) => a - b).map((t) => ({
    start: localInstant(date, t, cal.timezone),
    end: localInstant(date, t + rule.slotMinutes, cal.timezone),
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
