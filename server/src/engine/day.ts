/**
 * The business day a moment belongs to: the hall's local date, shifted back by the daily reset
 * (with a 04:00 reset, 02:00 on the 24th still belongs to the 23rd). Pure: uses Intl, no I/O.
 */
export function businessDay(nowMs: number, timeZone: string, dailyReset = '04:00'): string {
  const [h, m] = dailyReset.split(':').map(Number);
  const shifted = nowMs - (h * 60 + m) * 60_000;
  return localDate(shifted, timeZone);
}

/** Making an Intl.DateTimeFormat costs tens of microseconds, using one a few: one per zone and use. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(use: 'date' | 'clock', timeZone: string): Intl.DateTimeFormat {
  const key = `${use}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = use === 'date'
      ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Every command asks for the business day and an issue also for today's date (opening hours): a
 * date holds for the rest of its minute. Kept per minute, not only the last answer, since those
 * two ask about minutes hours apart (the business day is shifted back by the daily reset).
 */
const dates = new Map<string, string>();

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
