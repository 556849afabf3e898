/**
 * A province's working calendar: weekdays that work, public holidays off, and the make-up
 * working days (调休) that fall on a weekend. Pure.
 */
export interface WorkCalendar {
  timezone: string;
  workingDays: readonly string[];
  holidays: readonly string[];
  workdays: readonly string[];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.holidays.includes(date)) return false;
  if (cal.workdays.includes(date)) return true;
  return cal.workingDays.includes(WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]);
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMin(ms: number, timeZone: string): number {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(ms).map((x) => [x.type, x.value]));
  return Math.round((Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000) / 60_000);
}

export function localDate(ms: number, timeZone: string): string {
  return new Date(ms + offsetMin(ms, timeZone) * 60_000).toISOString().slice(0, 10);
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The same local clock time on the n-th working day after an instant's date: a bad review on a
 * Friday afternoon with one working day to call back is due on Monday afternoon.
 */
export function workingDaysAfter(at: number, n: number, cal: WorkCalendar): number | null {
  const start = localDate(at, cal.timezone);
  const offset = offsetMin(at, cal.timezone) * 60_000;
  const sinceMidnight = at + offset - Date.parse(`${start}T00:00:00Z`);
  let count = 0;
  for (let d = 1; d <= 732; d++) {
    const date = addDays(start, d);
    if (isWorkingDay(date, cal) && ++count === n) {
      const wall = Date.parse(`${date}T00:00:00Z`) + sinceMidnight;
      return wall - offsetMin(wall - offset, cal.timezone) * 60_000;
    }
  }
  return null;
}
