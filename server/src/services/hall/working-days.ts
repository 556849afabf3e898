import { addDays, localDate, localInstant, minuteOfDay, weekdayOf } from '@onewindow/protocol/time';

/** The hall's calendar: days with business hours, less holidays. */
export interface HallCalendar {
  timezone: string;
  hours: readonly { days: readonly string[] }[];
  holidays?: readonly string[];
}

export function isWorkingDay(date: string, cal: HallCalendar): boolean {
  if ((cal.holidays ?? []).includes(date)) return false;
  const wd = weekdayOf(date);
  return cal.hours.some((h) => h.days.includes(wd));
}

/**
 * `n` working days after an instant: the same local clock time on the n-th working day that
 * follows its date (a review left on Friday afternoon, one working day → Monday afternoon, or
 * Saturday where the hall opens on Saturdays). Null when the calendar has no working day at all.
 */
export function workingDaysAfter(at: number, n: number, cal: HallCalendar): number | null {
  const start = localDate(at, cal.timezone);
  const minutes = minuteOfDay(at, cal.timezone, start);
  const rest = at - localInstant(start, minutes, cal.timezone);
  let count = 0;
  for (let d = 1; d <= 366 * 2; d++) {
    const date = addDays(start, d);
    if (isWorkingDay(date, cal) && ++count === n) return localInstant(date, minutes, cal.timezone) + rest;
  }
  return null;
}
