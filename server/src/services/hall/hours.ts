import type { HallConfig } from '@onewindow/config';
import { localClock, localDate, minutesOf } from '@onewindow/protocol/time';

/** Whether kiosks issue tickets at this moment: business hours, less holidays. */
export function isOpen(config: HallConfig, now: number): boolean {
  const tz = config.hall.timezone;
  if ((config.hall.holidays ?? []).includes(localDate(now, tz))) return false;
  const { minutes, weekday } = localClock(now, tz);
  return config.hall.hours.some((h) => h.days.includes(weekday as never) && minutes >= minutesOf(h.open) && minutes < minutesOf(h.close));
}

/** Today's opening and closing in local minutes (the widest of the day's ranges); null on a closed day. */
export function openingHours(config: HallConfig, now: number): { openMin: number; closeMin: number } | null {
  const tz = config.hall.timezone;
  if ((config.hall.holidays ?? []).includes(localDate(now, tz))) return null;
  const { weekday } = localClock(now, tz);
  const today = config.hall.hours.filter((h) => h.days.includes(weekday as never));
  if (today.length === 0) return null;
  return { openMin: Math.min(...today.map((h) => minutesOf(h.open))), closeMin: Math.max(...today.map((h) => minutesOf(h.close))) };
}
