import type { ShippedEvent } from '@onewindow/protocol/centre';
import type { Client, Pool } from '../store/pool.ts';
import type { ProjectedEvent } from '../projection/types.ts';

const COLS = 'hall_id, seq, day, at, type, ticket_id, window_id, actor, data, detail';

/** `events_202611` holds the business days of November 2026. */
export const partitionOf = (day: string) => `events_${day.slice(0, 4)}${day.slice(5, 7)}`;
const monthAfter = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The halls' logs at the centre: the cursor per hall, the monthly partitions, the rows. */
export class EventRepository {
  private readonly partitions = new Set<string>();

  constructor(private readonly pool: Pool) {}

  /** Takes the hall's cursor row for the transaction: batches of one hall are applied one at a time. */
  async lockCursor(c: Client, hallId: string): Promise<number | null> {
    const r = await c.query<{ shipped_seq: number }>('SELECT shipped_seq FROM hall_cursors WHERE hall_id = $1 FOR UPDATE', [hallId]);
    return r.rows[0]?.shipped_seq ?? null;
  }

  async advance(c: Client, hallId: string, seq: number): Promise<void> {
    await c.query('UPDATE hall_cursors SET shipped_seq = $2, shipped_at = now() WHERE hall_id = $1', [hallId, seq]);
  }

  async insert(c: Client, hallId: string, events: readonly ShippedEvent[]): Promise<void> {
    const rows = events.map((e) => ({
      hall_id: hallId, seq: e.seq, day: e.day, at: e.at, type: e.type, ticket_id: e.ticketId, window_id: e.windowId,
      actor: e.actor, data: e.data, detail: e.detail ?? null,
    }));
    await c.query(`INSERT INTO events (${COLS}) SELECT ${COLS} FROM json_populate_recordset(NULL::events, $1::json)`, [JSON.stringify(rows)]);
  }

  /**
   * Creates the monthly partitions these days fall in, if missing. DDL under an advisory lock, in its
   * own short transaction, before the batch that needs it; known partitions are remembered.
   */
  async ensurePartitions(days: Iterable<string>): Promise<void> {
    const missing = [...new Set([...days].map((d) => d.slice(0, 7) + '-01'))].filter((d) => !this.partitions.has(partitionOf(d)));
    if (missing.length === 0) return;
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(7411002)');
      for (const first of missing) {
        await c.query(`CREATE TABLE IF NOT EXISTS ${partitionOf(first)} PARTITION OF events FOR VALUES FROM ('${first}') TO ('${monthAfter(first)}')`);
      }
      await c.query('COMMIT');
      for (const first of missing) this.partitions.add(partitionOf(first));
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  async listPartitions(): Promise<string[]> {
    const r = await this.pool.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'events'::regclass ORDER BY 1`);
    return r.rows.map((x) => x.name);
  }

  /** One hall's stored events after a seq, in order. */
  async after(hallId: string, after: number, limit: number, c: Pool | Client = this.pool): Promise<ProjectedEvent[]> {
    const r = await c.query(`SELECT seq, day, at, type, ticket_id, window_id, actor, data, detail FROM events
      WHERE hall_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [hallId, after, limit]);
    return r.rows.map((x) => ({ seq: x.seq, day: x.day, at: x.at, type: x.type, ticketId: x.ticket_id, windowId: x.window_id, actor: x.actor, data: x.data, detail: x.detail }));
  }

  async hallsWithEvents(): Promise<string[]> {
    return (await this.pool.query<{ hall_id: string }>('SELECT hall_id FROM hall_cursors WHERE shipped_seq > 0 ORDER BY hall_id')).rows.map((r) => r.hall_id);
  }
}
