/** Durations and clock times for screens; locale-neutral numbers, words come from i18n. */

/** 75 → "1:15", 3725 → "1:02:05". */
export function clockDuration(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** Whole minutes, rounded up from any started minute past zero: 0 → 0, 1 → 1, 61 → 2. */
export function minutesCeil(sec: number): number {
  return sec <= 0 ? 0 : Math.ceil(sec / 60);
}

/** Seconds between two instants (ISO strings or ms), never negative. */
export function secondsBetween(from: string | number | null | undefined, to: number): number {
  if (from === null || from === undefined) return 0;
  const t = typeof from === 'number' ? from : Date.parse(from);
  return Number.isFinite(t) ? Math.max(0, Math.round((to - t) / 1000)) : 0;
}

const fmt = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = fmt.get(key);
  if (!f) fmt.set(key, (f = make()));
  return f;
}

/** "10:05:09" in the hall's time zone. */
export function timeOfDay(ms: number, timeZone: string, seconds = true): string {
  return formatter(`t${timeZone}${seconds}`, () => new Intl.DateTimeFormat('en-GB', {
    timeZone, hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23',
  })).format(ms);
}

/** "2026年11月23日 星期一" or "Mon, 23 Nov 2026" in the hall's time zone. */
export function dateLine(ms: number, timeZone: string, locale: string): string {
  return formatter(`d${timeZone}${locale}`, () => new Intl.DateTimeFormat(locale, {
    timeZone, year: 'numeric', month: locale.startsWith('zh') ? 'long' : 'short', day: 'numeric', weekday: locale.startsWith('zh') ? 'long' : 'short',
  })).format(ms);
}
