/**
 * Calendar and clock arithmetic for reports, in the hall's time zone. Pure: Intl only.
 * Dates are "YYYY-MM-DD" strings; instants are epoch milliseconds.
 */

/** The date `n` days after `date` (negative: before). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** "mon" … "sun" of a calendar date. */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Local wall-clock parts of an instant (one cached formatter per zone: reports ask thousands of times). */
function wallParts(ms: number, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
}

/** The zone's offset from UTC at an instant, in minutes (Shanghai: +480). */
export function offsetMin(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

/** The instant a local wall clock shows `minutes` after midnight of `date` (past 1440: the next day). */
export function localInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let ms = wall - offsetMin(wall, timeZone) * 60_000;
  const again = wall - offsetMin(ms, timeZone) * 60_000;
  if (again !== ms) ms = again;
  return ms;
}

/** A business day runs from its daily reset to the next one. */
export function businessDayBounds(day: string, dailyReset: string, timeZone: string): { start: number; end: number } {
  const [h, m] = dailyReset.split(':').map(Number);
  return { start: localInstant(day, h * 60 + m, timeZone), end: localInstant(addDays(day, 1), h * 60 + m, timeZone) };
}

/** Minutes since the local midnight that begins `day`; after midnight (before the reset) past 1440. */
export function minuteOfDay(ms: number, timeZone: string, day: string): number {
  const p = wallParts(ms, timeZone);
  const minutes = Number(p.hour) * 60 + Number(p.minute);
  const date = `${p.year}-${p.month}-${p.day}`;
  if (date > day) return minutes + 1440 * daysBetween(day, date);
  if (date < day) return minutes - 1440 * daysBetween(date, day);
  return minutes;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  const t = (d: string) => { const [y, m, dd] = d.split('-').map(Number); return Date.UTC(y, m - 1, dd); };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The local calendar date of an instant. */
export function localDateOf(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local hour of an instant within a business day (24 and later: after midnight). */
export function hourOf(ms: number, timeZone: string, day: string): number {
  return Math.floor(minuteOfDay(ms, timeZone, day) / 60);
}

/** "09:00" for hour 9; hours after midnight keep counting ("25:00" is 01:00 the next morning). */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
