import type { Client } from '../store/pool.ts';
import type { AlertRow, Changes, HallRow, Loaded, ProjectedEvent, VisitRow, WindowRow } from '../projection/types.ts';

const VISIT_COLS = ['hall_id', 'ticket_id', 'step', 'day', 'number', 'priority', 'service_id', 'issued_at', 'queued_at', 'wait_from', 'called_at',
  'window_id', 'clerk_id', 'started_at', 'ended_at', 'end_kind', 'outcome', 'reason', 'flagged', 'current'] as const;
const WINDOW_COLS = ['hall_id', 'window_id', 'status', 'clerk_id', 'pause_reason', 'since', 'current_ticket_id'] as const;

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
function toRow<T>(r: Record<string, unknown>): T {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) o[camel(k)] = v;
  return o as T;
}
function toJson(rows: readonly object[]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [snake(k), v]))));
}
/** INSERT … SELECT from a JSON array of rows, updating the given columns on conflict. */
function upsert(table: string, cols: readonly string[], key: readonly string[], update: readonly string[] | 'nothing'): string {
  const list = cols.join(', ');
  const action = update === 'nothing' ? 'DO NOTHING' : `DO UPDATE SET ${update.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json) ON CONFLICT (${key.join(', ')}) ${action}`;
}

const SQL = {
  visits: upsert('visits', VISIT_COLS, ['hall_id', 'ticket_id', 'step'], VISIT_COLS.slice(3)),
  windows: upsert('window_states', WINDOW_COLS, ['hall_id', 'window_id'], WINDOW_COLS.slice(2)),
  ratings: upsert('ratings', ['hall_id', 'ticket_id', 'day', 'number', 'service_id', 'window_id', 'clerk_id', 'clerk_name', 'score', 'reasons', 'aspects', 'channel', 'at', 'seq'],
    ['hall_id', 'ticket_id'], 'nothing'),
  followUps: upsert('hall_follow_ups', ['hall_id', 'seq', 'ticket_id', 'status', 'note', 'by_name', 'at'], ['hall_id', 'seq'], 'nothing'),
  printers: upsert('printer_states', ['hall_id', 'kiosk_id', 'state', 'detail', 'at'], ['hall_id', 'kiosk_id'], ['state', 'detail', 'at']),
  alerts: `INSERT INTO hall_alerts (hall_id, alert_id, kind, level, message, subject, raised_at, acknowledged_at)
    SELECT hall_id, alert_id, kind, level, message, subject, raised_at, acknowledged_at FROM json_populate_recordset(NULL::hall_alerts, $1::json)
    ON CONFLICT (hall_id, alert_id) DO UPDATE SET kind = EXCLUDED.kind, level = EXCLUDED.level, message = EXCLUDED.message,
      subject = EXCLUDED.subject, acknowledged_at = EXCLUDED.acknowledged_at`,
  days: `INSERT INTO hall_days (hall_id, day, issued, served, rated, good, bad)
    SELECT hall_id, day, issued, served, rated, good, bad FROM json_populate_recordset(NULL::hall_days, $1::json)
    ON CONFLICT (hall_id, day) DO UPDATE SET issued = hall_days.issued + EXCLUDED.issued, served = hall_days.served + EXCLUDED.served,
      rated = hall_days.rated + EXCLUDED.rated, good = hall_days.good + EXCLUDED.good, bad = hall_days.bad + EXCLUDED.bad`,
  hall: `INSERT INTO hall_projection (hall_id, projected_seq, day, last_event_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (hall_id) DO UPDATE SET projected_seq = EXCLUDED.projected_seq, day = EXCLUDED.day, last_event_at = EXCLUDED.last_event_at`,
};

/** The tables the projector keeps: loaded before a batch, saved in the batch's transaction. */
export const PROJECTION_TABLES = ['hall_projection', 'visits', 'window_states', 'ratings', 'hall_follow_ups', 'printer_states', 'hall_alerts', 'hall_days'] as const;

export class ProjectionRepository {
  async load(c: Client, hallId: string, events: readonly ProjectedEvent[]): Promise<Loaded> {
    const issued = new Set(events.filter((e) => e.type === 'ticket.issued').map((e) => (e.data.ticket as { id: string }).id));
    const touched = [...new Set(events.map((e) => e.ticketId).filter((t): t is string => !!t && !issued.has(t)))];
    // One client runs one query at a time: these go in turn.
    const h = await c.query('SELECT hall_id, projected_seq, day, last_event_at FROM hall_projection WHERE hall_id = $1', [hallId]);
    const v = touched.length ? await c.query(`SELECT ${VISIT_COLS.join(', ')} FROM visits WHERE hall_id = $1 AND ticket_id = ANY($2) ORDER BY ticket_id, step`, [hallId, touched]) : null;
    const w = await c.query(`SELECT ${WINDOW_COLS.join(', ')} FROM window_states WHERE hall_id = $1`, [hallId]);
    const visits = new Map<string, VisitRow[]>();
    for (const r of v?.rows ?? []) {
      const row = toRow<VisitRow>(r);
      visits.set(row.ticketId, [...(visits.get(row.ticketId) ?? []), row]);
    }
    return {
      hall: h.rows[0] ? toRow<HallRow>(h.rows[0]) : { hallId, projectedSeq: 0, day: null, lastEventAt: null },
      visits,
      windows: new Map(w.rows.map((r) => toRow<WindowRow>(r)).map((r) => [r.windowId, r])),
    };
  }

  async save(c: Client, x: Changes): Promise<void> {
    const run = (sql: string, rows: readonly object[]) => (rows.length ? c.query(sql, [toJson(rows)]) : null);
    await run(SQL.visits, x.visits);
    await run(SQL.windows, x.windows);
    await run(SQL.ratings, x.ratings);
    await run(SQL.followUps, x.followUps);
    await run(SQL.printers, x.printers);
    await run(SQL.alerts, x.alerts as AlertRow[]);
    await run(SQL.days, [...x.days].map(([day, n]) => ({ hallId: x.hall.hallId, day, ...n })));
    await c.query(SQL.hall, [x.hall.hallId, x.hall.projectedSeq, x.hall.day, x.hall.lastEventAt]);
  }

  async clear(c: Client, hallId?: string): Promise<void> {
    if (hallId) for (const t of PROJECTION_TABLES) await c.query(`DELETE FROM ${t} WHERE hall_id = $1`, [hallId]);
    else await c.query(`TRUNCATE ${PROJECTION_TABLES.join(', ')}`);
  }

  /** Every projection row, in key order: what the rebuild must reproduce exactly. */
  async dump(c: Client): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of PROJECTION_TABLES) {
      const keys = (await c.query(`SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary`, [t])).rows.map((r) => r.attname as string);
      out[t] = (await c.query(`SELECT * FROM ${t} ORDER BY ${keys.join(', ')}`)).rows;
    }
    return out;
  }
}
