import { EVENT_FREE_TEXT } from '@onewindow/protocol/centre';
import { transaction, type Pool } from '../store/pool.ts';

/** Rows blanked by one purge, per table. */
export interface Purged { events: number; hallFollowUps: number; followUpActions: number; audit: number }

/** The first business day whose events the last purge did not blank. */
const MARK = 'retention.purgedBefore';

/** The free-text fields by name, with the event types that carry each: one UPDATE per field. */
const FIELDS: [string, string[]][] = [...new Set(EVENT_FREE_TEXT.map((f) => f.field))]
  .map((field) => [field, EVENT_FREE_TEXT.filter((f) => f.field === field).map((f) => f.type)]);

/**
 * What people wrote about visitors, in the centre's copy: the notes in the halls' events (the same
 * fields the halls blank in their own logs), the halls' and the district's follow-up notes, and
 * the details and addresses of audit lines. Blanked in place, so figures and follow-ups still add up.
 */
export class RetentionRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Blanks what belongs to business days before `beforeDay` (rows stamped before `beforeMs`), in one
   * transaction. The events of days before the last purge's cutoff (kept in `settings`) were blanked
   * then and are not read again: a daily purge reads one day of events, not the whole archive.
   */
  async purgeBefore(beforeDay: string, beforeMs: number): Promise<Purged> {
    return transaction(this.pool, async (c) => {
      const mark = ((await c.query('SELECT value FROM settings WHERE key = $1', [MARK])).rows[0]?.value as string | undefined) ?? null;
      let events = 0;
      if (mark === null || mark < beforeDay) {
        for (const [field, types] of FIELDS) {
          // `day <` (and `day >=`) let PostgreSQL skip the partitions of other months.
          const r = await c.query(`UPDATE events SET data = jsonb_set(data, ARRAY[$1::text], 'null'::jsonb)
            WHERE day < $2 ${mark ? 'AND day >= $4' : ''} AND type = ANY($3) AND data ->> $1 IS NOT NULL`, mark ? [field, beforeDay, types, mark] : [field, beforeDay, types]);
          events += r.rowCount ?? 0;
        }
        await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [MARK, JSON.stringify(beforeDay)]);
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
