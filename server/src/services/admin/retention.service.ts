import type { HallConfig } from '@onewindow/config';
import { localInstant } from '@onewindow/protocol/time';
import type { RetentionRepository } from '../../repositories/retention.repository.ts';

/**
 * Purges names, phone numbers and addresses, and what people wrote about visitors (rating
 * comments, follow-up and ticket notes, audit details), older than the retention period (config
 * `retention`), keeping the rows so that figures and follow-ups still add up. Runs at start-up and
 * after each daily reset.
 */
export class RetentionService {
  constructor(private readonly repo: RetentionRepository, private readonly config: HallConfig, private readonly today: () => string) {}

  /** Blanks what is older than the period; rows changed per table. */
  purge(): Record<string, number> {
    const cutoff = retentionCutoff(this.today(), this.config.retention?.personalDataDays ?? DEFAULT_RETENTION_DAYS);
    return this.repo.purgeBefore(cutoff, localInstant(cutoff, 0, this.config.hall.timezone));
  }
}

export const DEFAULT_RETENTION_DAYS = 90;

/** The first day whose personal data is kept: `day` less `days`. */
export function retentionCutoff(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
