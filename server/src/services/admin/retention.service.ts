import type { HallConfig } from '@onewindow/config';
import type { RetentionRepository } from '../../repositories/retention.repository.ts';

/**
 * Purges names and phone numbers older than the retention period (config `retention`), keeping the
 * rows so that figures and follow-ups still add up. Runs at start-up and after each daily reset.
 */
export class RetentionService {
  constructor(private readonly repo: RetentionRepository, private readonly config: HallConfig, private readonly today: () => string) {}

  /** Blanks what is older than the period; rows changed per table. */
  purge(): Record<string, number> {
    return this.repo.purgeBefore(retentionCutoff(this.today(), this.config.retention?.personalDataDays ?? DEFAULT_RETENTION_DAYS));
  }
}

export const DEFAULT_RETENTION_DAYS = 90;

/** The first day whose personal data is kept: `day` less `days`. */
export function retentionCutoff(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
