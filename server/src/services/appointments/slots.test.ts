import { describe, expect, it } from 'vitest';
import { addDays, localInstant as zonedInstant, weekdayOf } from '@onewindow/protocol/time';
import { availability, bookableDates, checkSlot, closedReason, daySlots, type Calendar } from './slots.ts';

const shanghai: Calendar = {
  timezone: 'Asia/Shanghai',
  hours: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '12:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '13:30', close: '17:00' },
    { days: ['sat'], open: '09:00', close: '11:00' },
  ],
  holidays: ['2027-01-01'],
};
const rule = { slotMinutes: 30, capacity: 3 };
const at = (iso: string) => Date.parse(iso);
const hhmm = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

describe('calendar days', () => {
  it('knows weekdays and crosses months and years', () => {
    expect(weekdayOf('2026-11-23')).toBe('mon');
    expect(weekdayOf('2026-11-29')).toBe('sun');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('closes holidays and weekdays without hours', () => {
    expect(closedReason(shanghai, '2026-11-23')).toBeNull();
    expect(closedReason(shanghai, '2026-11-28')).toBeNull(); // Saturday morning
    expect(closedReason(shanghai, '2026-11-29')).toBe('closed-weekday');
    expect(closedReason(shanghai, '2027-01-01')).toBe('holiday'); // a Friday
  });
});

describe('the slots of a day', () => {
  it('cuts each opening period into whole slots, around the lunch break', () => {
    // Given a weekday open 09:00–12:00 and 13:30–17:00 with 30-minute slots
    const slots = daySlots(shanghai, rule, '2026-11-23');
    // Then 6 morning and 7 afternoon slots, in the hall's time
    expect(slots).toHaveLength(13);
    expect(slots.map((s) => hhmm(s.start))).toEqual([
      '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30',
    ]);
    expect(slots[0].start).toBe(at('2026-11-23T09:00:00+08:00'));
    expect(slots[0].end).toBe(at('2026-11-23T09:30:00+08:00'));
  });

  it('never runs a slot past closing', () => {
    // 45-minute slots in a 09:00–11:00 Saturday: 09:00 and 09:45 fit, 10:30 would end at 11:15
    expect(daySlots(shanghai, { slotMinutes: 45, capacity: 1 }, '2026-11-28').map((s) => hhmm(s.start))).toEqual(['09:00', '09:45']);
  });

  it('has none on holidays and closed weekdays', () => {
    expect(daySlots(shanghai, rule, '2027-01-01')).toEqual([]);
    expect(daySlots(shanghai, rule, '2026-11-29')).toEqual([]);
  });

  it('gives different days different hours', () => {
    expect(daySlots(shanghai, rule, '2026-11-27')).toHaveLength(13); // Friday
    expect(daySlots(shanghai, rule, '2026-11-28')).toHaveLength(4); // Saturday 09:00–11:00
  });

  it('does not double overlapping periods', () => {
    const cal: Calendar = { timezone: 'Asia/Shanghai', hours: [{ days: ['mon'], open: '09:00', close: '10:00' }, { days: ['mon'], open: '09:30', close: '10:30' }] };
    expect(daySlots(cal, rule, '2026-11-23').map((s) => hhmm(s.start))).toEqual(['09:00', '09:30', '10:00']);
  });
});

describe('time zones', () => {
  it('places wall-clock times in the hall\'s zone, across a DST change', () => {
    expect(zonedInstant('2026-11-23', 9 * 60, 'Asia/Shanghai')).toBe(at('2026-11-23T01:00:00Z'));
    // Berlin: winter +01:00, summer +02:00 (the change is on 2027-03-28 at 02:00)
    expect(zonedInstant('2027-03-27', 9 * 60, 'Europe/Berlin')).toBe(at('2027-03-27T08:00:00Z'));
    expect(zonedInstant('2027-03-29', 9 * 60, 'Europe/Berlin')).toBe(at('2027-03-29T07:00:00Z'));
    expect(zonedInstant('2027-03-28', 12 * 60, 'Europe/Berlin')).toBe(at('2027-03-28T10:00:00Z'));
  });

  it('counts bookable days in the hall\'s calendar, not UTC', () => {
    // 2026-11-23 00:30 in Shanghai is still the 22nd in UTC
    const now = at('2026-11-23T00:30:00+08:00');
    expect(bookableDates(now, 'Asia/Shanghai', 2)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(bookableDates(now, 'UTC', 2)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
  });
});

describe('free places', () => {
  const monday = daySlots(shanghai, rule, '2026-11-23');

  it('is capacity less active bookings, and slots already started are gone', () => {
    // Given 2 bookings at 10:30 and 3 at 11:00, at 10:00 sharp
    const booked = new Map([[monday[3].start, 2], [monday[4].start, 3]]);
    const free = availability(monday, rule, booked, at('2026-11-23T10:00:00+08:00'));
    // Then 09:00–10:00 are gone (10:00 has started), 10:30 has 1 place, 11:00 none
    expect(hhmm(free[0].start)).toBe('10:30');
    expect(free[0]).toMatchObject({ capacity: 3, booked: 2, free: 1 });
    expect(free[1]).toMatchObject({ booked: 3, free: 0 });
    expect(free[2]).toMatchObject({ booked: 0, free: 3 });
  });

  it('checks a requested slot: real, not started, open, within the booking horizon', () => {
    const now = at('2026-11-23T10:00:00+08:00');
    expect(checkSlot(shanghai, rule, at('2026-11-23T10:30:00+08:00'), now, 7)).toMatchObject({ ok: true, date: '2026-11-23' });
    expect(checkSlot(shanghai, rule, at('2026-11-23T10:15:00+08:00'), now, 7)).toMatchObject({ ok: false, code: 'SLOT_INVALID' });
    expect(checkSlot(shanghai, rule, at('2026-11-23T12:30:00+08:00'), now, 7)).toMatchObject({ ok: false, code: 'SLOT_INVALID' }); // lunch
    expect(checkSlot(shanghai, rule, at('2026-11-23T09:30:00+08:00'), now, 7)).toMatchObject({ ok: false, code: 'SLOT_PAST' });
    expect(checkSlot(shanghai, rule, at('2026-11-23T10:00:00+08:00'), now, 7)).toMatchObject({ ok: false, code: 'SLOT_PAST' });
    expect(checkSlot(shanghai, rule, at('2026-11-29T09:00:00+08:00'), now, 7)).toMatchObject({ ok: false, code: 'HALL_CLOSED_DAY' });
    expect(checkSlot(shanghai, rule, at('2026-12-01T09:00:00+08:00'), now, 7)).toMatchObject({ ok: false, code: 'SLOT_TOO_FAR' });
    expect(checkSlot(shanghai, rule, at('2026-11-30T09:00:00+08:00'), now, 7)).toMatchObject({ ok: true, date: '2026-11-30' });
  });
});
