import type { HallConfig } from '@onewindow/config';
import type { HallModel } from '../../engine/index.ts';

/** The engine's model of the hall (services, windows, skills) from the hall file. */
export function hallModel(config: HallConfig): HallModel {
  return {
    services: config.services.map((s) => ({
      id: s.id, name: s.name, nameEn: s.nameEn, prefix: s.prefix, targetWaitSec: s.targetWaitSec, category: s.category,
      ...(s.realName && s.realName !== 'off' ? { realName: s.realName } : {}),
    })),
    windows: config.windows.map((w) => ({ id: w.id, name: w.name, nameEn: w.nameEn, skills: w.skills })),
    greenStreakCap: config.hall.greenStreakCap ?? 2,
    appointmentLeadSec: 300,
    noShowAfter: noShowRule(config),
    bookedEarlyMaxSec: (config.appointments?.earlyCallMaxMin ?? DEFAULT_EARLY_CALL_MAX_MIN) * 60,
  };
}

/** How long before the promised time a booked visitor may be called when windows are free. */
export const DEFAULT_EARLY_CALL_MAX_MIN = 10;

export const NO_SHOW_DEFAULTS = { afterCalls: 3, afterSec: 180, reinstateWithinMin: 30, reinstateBehind: 3 } as const;

/** When a called visitor may be marked not come (config `noShow`, else the defaults: three calls or three minutes). */
export function noShowRule(config: HallConfig): { afterCalls: number; afterSec: number } {
  const n = config.noShow;
  return { afterCalls: n?.afterCalls ?? NO_SHOW_DEFAULTS.afterCalls, afterSec: n?.afterSec ?? NO_SHOW_DEFAULTS.afterSec };
}
