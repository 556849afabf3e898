import { EVENT_FREE_TEXT } from '@onewindow/protocol/centre';
import { transaction, type Pool } from '../store/pool.ts';

/** Rows blanked by one purge, per table. */
export interface Purged { events: number; hallFollowUps: number; followUpActions: number; audit: number }

/**
 * What people wrote about visitors, in the centre's copy: the notes in the halls' events (the same
 * fields the halls blank in their own logs), the halls' and the district's follow-up notes, and
 * the details and addresses of audit lines. Blanked in place, so figures and follow-ups still add up.
 */
export class RetentionRepository {
  constructor(private readonly pool: Pool) {}

  /** Blanks what belongs to business days before `beforeDay` (rows stamped before `beforeMs`), in one transaction. */
  async purgeBefore(beforeDay: string, beforeMs: number): Promise<Purged> {
    return transaction(this.pool, async (c) => {
      let events = 0;
      for (const { type, field } of EVENT_FREE_TEXT) {
        // `day <` lets PostgreSQL skip the partitions of the kept months.
        const r = await c.query(`UPDATE events SET data = jsonb_set(data, ARRAY[$3::text], 'null'::jsonb)
          WHERE day < $1 AND type = $2 AND data ->> $3 IS NOT NULL`, [beforeDay, type, field]);
        events += r.rowCount ?? 0;
      }
      const before = new Date(beforeMs);
      return {
        events,
        hallFollowUps: (await c.query("UPDATE hall_follow_ups SET note = '' WHERE at < $1 AND note <> ''", [beforeMs])).rowCount ?? 0,
        followUpActions: (await c.query("UPDATE follow_up_actions SET note = '' WHERE at < $1 AND note <> ''", [before])).rowCount ?? 0,
        audit: (await c.query('UPDATE audit SET detail = NULL, ip = NULL WHERE at < $1 AND (detail IS NOT NULL OR ip IS NOT NULL)', [before])).rowCount ?? 0,
      };
    });
  }
}
