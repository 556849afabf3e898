import type { HallConfig } from '@onewindow/config';
import type { HallModel } from '../../engine/index.ts';

/** The engine's model of the hall (services, windows, skills) from the hall file. */
export function hallModel(config: HallConfig): HallModel {
  return {
    services: config.services.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, prefix: s.prefix, targetWaitSec: s.targetWaitSec, category: s.category })),
    windows: config.windows.map((w) => ({ id: w.id, name: w.name, nameEn: w.nameEn, skills: w.skills })),
    greenStreakCap: config.hall.greenStreakCap ?? 2,
    appointmentLeadSec: 300,
  };
}
