/**
 * The hall's clock: instants (epoch ms) read in the hall's time zone, and calendar dates
 * ("YYYY-MM-DD") counted. The one time-zone module of the repository: the engine, the server, the
 * drivers and the UIs all read the zone through here. Pure (Intl only); making an
 * Intl.DateTimeFormat costs tens of microseconds and using one a few, so one is kept per zone and
 * use, and the answers the hot paths ask for again and again are kept too.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(use: 'date' | 'clock' | 'wall', timeZone: string): Intl.DateTimeFormat {
  const key = `${use}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = use === 'date'
      ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      : use === 'clock'
        ? new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
        : new Intl.DateTimeFormat('en-CA', {
          timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
        });
    formatters.set(key, f);
  }
  return f;
}

/** Local wall-clock parts of an instant: year, month, day, hour, minute, second. */
function wallParts(ms: number, timeZone: string): Record<string, string> {
  return Object.fromEntries(formatter('wall', timeZone).formatToParts(ms).map((x) => [x.type, x.value]));
}

/** Offsets change at most a few times a year: each zone's offset is kept per hour. */
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at this instant (Shanghai: +480). */
export function offsetMin(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / 3_600_000)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const p = wallParts(ms, timeZone);
    const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    off = Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

/** "2026-11-23T09:14:03.120+08:00": an instant written in the hall's own time zone, as the API shows it. */
export function isoLocal(ms: number, timeZone: string): string {
  const off = offsetMin(ms, timeZone);
  const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(off);
  return `${local}${off >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "2026-11-23 09:14": an instant on the hall's wall clock, to the minute (printed tickets). */
export function localDateTime(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * Every command asks for the business day and an issue also for today's date (opening hours): a
 * date holds for the rest of its minute. Kept per minute, not only the last answer, since those
 * two ask about minutes hours apart (the business day is shifted back by the daily reset).
 */
const dates = new Map<string, string>();

/** The local calendar date of an instant. */
export function localDate(ms: number, timeZone: string): string {
  const key = `${Math.floor(ms / 60_000)}|${timeZone}`;
  let date = dates.get(key);
  if (date === undefined) {
    date = formatter('date', timeZone).format(ms);
    if (dates.size >= 256) dates.clear();
    dates.set(key, date);
  }
  return date;
}

/** Minutes since local midnight, and the weekday (mon…sun), in the hall's time zone. */
export function localClock(ms: number, timeZone: string): { minutes: number; weekday: string } {
  const parts = formatter('clock', timeZone).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { minutes: Number(get('hour')) * 60 + Number(get('minute')), weekday: get('weekday').toLowerCase().slice(0, 3) };
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

/** Minutes since the local midnight that begins `day`; after midnight (before the reset) past 1440. */
export function minuteOfDay(ms: number, timeZone: string, day: string): number {
  const p = wallParts(ms, timeZone);
  const minutes = Number(p.hour) * 60 + Number(p.minute);
  const date = `${p.year}-${p.month}-${p.day}`;
  if (date > day) return minutes + 1440 * daysBetween(day, date);
  if (date < day) return minutes - 1440 * daysBetween(date, day);
  return minutes;
}

/** The local hour of an instant within a business day (24 and later: after midnight). */
export function hourOf(ms: number, timeZone: string, day: string): number {
  return Math.floor(minuteOfDay(ms, timeZone, day) / 60);
}

/** A business day runs from its daily reset ("04:00") to the next one. */
export function businessDayBounds(day: string, dailyReset: string, timeZone: string): { start: number; end: number } {
  const reset = minutesOf(dailyReset);
  return { start: localInstant(day, reset, timeZone), end: localInstant(addDays(day, 1), reset, timeZone) };
}

/** "09:30" → 570. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

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

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  const t = (d: string) => { const [y, m, dd] = d.split('-').map(Number); return Date.UTC(y, m - 1, dd); };
  return Math.round((t(b) - t(a)) / 86_400_000);
}
