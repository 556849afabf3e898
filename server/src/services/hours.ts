import type { HallConfig } from '@onewindow/config';
import { localClock, localDate } from '../engine/day.ts';

/** Whether kiosks issue tickets at this moment: business hours, less holidays. */
export function isOpen(config: HallConfig, now: number): boolean {
  const tz = config.hall.timezone;
  if ((config.hall.holidays ?? []).includes(localDate(now, tz))) return false;
  const { minutes, weekday } = localClock(now, tz);
  return config.hall.hours.some((h) => h.days.includes(weekday as never) && minutes >= toMin(h.open) && minutes < toMin(h.close));
}

export function toMin(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
