import { describe, expect, it } from 'vitest';
import {
  addDays, businessDayBounds, datesBetween, daysBetween, hourOf, isoLocal, localClock, localDate, localDateTime, localInstant,
  minuteOfDay, minutesOf, offsetMin, weekdayOf,
} from './time.ts';

const at = (iso: string) => Date.parse(iso);

describe('the hall clock: one module for every reader of the time zone', () => {
  it('writes instants in the hall\'s zone, with its offset, across a DST change', () => {
    expect(isoLocal(at('2026-11-23T01:14:03.120Z'), 'Asia/Shanghai')).toBe('2026-11-23T09:14:03.120+08:00');
    expect(isoLocal(at('2027-03-28T00:30:00Z'), 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000+01:00');
    expect(isoLocal(at('2027-03-28T01:30:00Z'), 'Europe/Berlin')).toBe('2027-03-28T03:30:00.000+02:00');
    expect(offsetMin(at('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-240);
    expect(localDateTime(at('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23 00:30');
  });

  it('reads the local date, clock and weekday, not UTC\'s', () => {
    // 00:30 in Shanghai is still the day before in UTC
    expect(localDate(at('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDate(at('2026-11-22T16:30:00Z'), 'UTC')).toBe('2026-11-22');
    expect(localClock(at('2026-11-23T01:05:00Z'), 'Asia/Shanghai')).toEqual({ minutes: 9 * 60 + 5, weekday: 'mon' });
    expect(weekdayOf('2026-11-29')).toBe('sun');
  });

  it('places a wall-clock time on its instant, and counts a business day from reset to reset', () => {
    expect(localInstant('2027-03-27', 9 * 60, 'Europe/Berlin')).toBe(at('2027-03-27T08:00:00Z'));
    expect(localInstant('2027-03-29', 9 * 60, 'Europe/Berlin')).toBe(at('2027-03-29T07:00:00Z'));
    expect(businessDayBounds('2026-11-23', '04:00', 'Asia/Shanghai')).toEqual({ start: at('2026-11-22T20:00:00Z'), end: at('2026-11-23T20:00:00Z') });
    // After midnight, before the reset, the hour goes on counting past 24
    expect(minuteOfDay(at('2026-11-23T17:30:00Z'), 'Asia/Shanghai', '2026-11-23')).toBe(25 * 60 + 30);
    expect(hourOf(at('2026-11-23T17:30:00Z'), 'Asia/Shanghai', '2026-11-23')).toBe(25);
    expect(minuteOfDay(at('2026-11-22T15:00:00Z'), 'Asia/Shanghai', '2026-11-23')).toBe(23 * 60 - 1440);
  });

  it('counts calendar days across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-11-23', '2026-12-23')).toBe(30);
    expect(minutesOf('13:30')).toBe(810);
  });
});
