import { addDays, localDate, localInstant } from '@onewindow/protocol/time';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { Purged, RetentionRepository } from '../repositories/retention.repository.ts';
import type { Clock } from './clock.ts';

/** As long as a hall keeps personal data by default (its `retention.personalDataDays`). */
export const DEFAULT_CENTRE_RETENTION_DAYS = 90;

/**
 * The centre's own retention: what people wrote about visitors is blanked in the centre's copy once
 * it is older than the period, as each hall blanks it in its log, since a note shipped before the
 * hall blanked it would otherwise stay here for good. Days are the district's (its follow-up
 * calendar's time zone). Runs at start-up and daily.
 */
export class RetentionService {
  private last: (Purged & { beforeDay: string; at: number }) | null = null;

  constructor(
    private readonly repo: RetentionRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly timezone: () => Promise<string>,
    readonly days: number,
  ) {}

  async purge(): Promise<Purged & { beforeDay: string }> {
    const tz = await this.timezone();
    const at = this.clock();
    const beforeDay = addDays(localDate(at, tz), -this.days);
    const purged = await this.repo.purgeBefore(beforeDay, localInstant(beforeDay, 0, tz));
    this.last = { ...purged, beforeDay, at };
    if (Object.values(purged).some((n) => n > 0)) await this.audit.add({ actor: null, action: 'retention.purged', detail: { beforeDay, ...purged } });
    return { ...purged, beforeDay };
  }

  /** The period and the last purge's result (null before the first). */
  status() {
    return { days: this.days, last: this.last };
  }
}
