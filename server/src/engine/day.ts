import { localDate } from '@onewindow/protocol/time';

// The hall's clock lives in one module (protocol/src/time.ts); the engine reads dates through it.
export { localClock, localDate } from '@onewindow/protocol/time';

/**
 * The business day a moment belongs to: the hall's local date, shifted back by the daily reset
 * (with a 04:00 reset, 02:00 on the 24th still belongs to the 23rd). Pure: uses Intl, no I/O.
 */
export function businessDay(nowMs: number, timeZone: string, dailyReset = '04:00'): string {
  const [h, m] = dailyReset.split(':').map(Number);
  const shifted = nowMs - (h * 60 + m) * 60_000;
  return localDate(shifted, timeZone);
}
