/**
 * The business day a moment belongs to: the hall's local date, shifted back by the daily reset
 * (with a 04:00 reset, 02:00 on the 24th still belongs to the 23rd). Pure: uses Intl, no I/O.
 */
export function businessDay(nowMs: number, timeZone: string, dailyReset = '04:00'): string {
  const [h, m] = dailyReset.split(':').map(Number);
  const shifted = nowMs - (h * 60 + m) * 60_000;
  return localDate(shifted, timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
export function localDate(ms: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}

/** Minutes since local midnight, and the weekday (mon…sun), in the hall's time zone. */
export function localClock(ms: number, timeZone: string): { minutes: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { minutes: Number(get('hour')) * 60 + Number(get('minute')), weekday: get('weekday').toLowerCase().slice(0, 3) };
}
