import type { Pool } from '../store/pool.ts';
import type { Cell } from '../services/reports/figures.ts';

/** One thing done about a bad review: by the district (`by` a centre user) or by the hall (`by` its supervisor's name). */
export interface FollowUpAction { status: string; note: string; by: string; at: string; source: 'district' | 'hall' }

export interface RatingExportRow {
  hallId: string; hallName: string; ticketId: string; number: string; day: string; serviceId: string; windowId: string; clerkId: string | null; clerkName: string | null;
  score: number; reasons: string[]; aspects: unknown; channel: string; at: number;
}

/**
 * Reports over the projections. A service's target is the one the hall runs now (its heartbeat),
 * as the hall's own report uses its current configuration; a service the hall no longer lists has
 * no target (every call counts as within it), as at the hall.
 */
export class ReportRepository {
  constructor(private readonly pool: Pool) {}

  async cells(from: string, to: string, hallId: string | null): Promise<Cell[]> {
    const one = hallId ? 'AND v.hall_id = $3' : '';
    const oneR = hallId ? 'AND hall_id = $3' : '';
    const args = hallId ? [from, to, hallId] : [from, to];
    const [v, r] = await Promise.all([
      this.pool.query(`WITH t AS (
          SELECT hb.hall_id, s.id AS service_id, s."targetWaitSec"::bigint * 1000 AS target
          FROM hall_heartbeats hb, jsonb_to_recordset(hb.body->'services') AS s(id text, "targetWaitSec" int))
        SELECT v.hall_id, v.day, v.service_id,
          count(*) FILTER (WHERE v.step = 0)::int AS issued,
          count(*) FILTER (WHERE v.called_at IS NOT NULL)::int AS called,
          COALESCE(sum(greatest(0, v.called_at - v.wait_from)) FILTER (WHERE v.called_at IS NOT NULL), 0)::bigint AS wait_ms,
          count(*) FILTER (WHERE v.end_kind = 'done')::int AS served,
          count(*) FILTER (WHERE v.called_at IS NOT NULL
            OR (v.end_kind IN ('expired', 'cancelled') AND t.target IS NOT NULL AND v.ended_at - v.wait_from > t.target))::int AS target_base,
          count(*) FILTER (WHERE v.called_at IS NOT NULL AND (t.target IS NULL OR greatest(0, v.called_at - v.wait_from) <= t.target))::int AS within
        FROM visits v LEFT JOIN t ON t.hall_id = v.hall_id AND t.service_id = v.service_id
        WHERE v.day BETWEEN $1 AND $2 ${one} GROUP BY 1, 2, 3`, args),
      this.pool.query(`SELECT hall_id, day, service_id, score, count(*)::int AS n FROM ratings
        WHERE day BETWEEN $1 AND $2 ${oneR} GROUP BY 1, 2, 3, 4`, args),
    ]);
    const key = (h: string, d: string, s: string) => `${h}\u0000${d}\u0000${s}`;
    const cells = new Map<string, Cell>();
    const cell = (h: string, d: string, s: string) => {
      let c = cells.get(key(h, d, s));
      if (!c) cells.set(key(h, d, s), (c = { hallId: h, day: d, serviceId: s, issued: 0, called: 0, waitMs: 0, served: 0, targetBase: 0, withinTarget: 0, ratings: [0, 0, 0, 0, 0] }));
      return c;
    };
    for (const x of v.rows) {
      Object.assign(cell(x.hall_id, x.day, x.service_id), { issued: x.issued, called: x.called, waitMs: x.wait_ms, served: x.served, targetBase: x.target_base, withinTarget: x.within });
    }
    for (const x of r.rows) cell(x.hall_id, x.day, x.service_id).ratings[x.score - 1] += x.n;
    return [...cells.values()];
  }

  async ratings(from: string, to: string, hallId: string | null, maxScore = 5): Promise<RatingExportRow[]> {
    const r = await this.pool.query(`SELECT r.hall_id, h.name AS hall_name, r.ticket_id, r.number, r.day, r.service_id, r.window_id, r.clerk_id, r.clerk_name,
        r.score, r.reasons, r.aspects, r.channel, r.at
      FROM ratings r JOIN halls h ON h.id = r.hall_id
      WHERE r.day BETWEEN $1 AND $2 AND r.score <= $3 ${hallId ? 'AND r.hall_id = $4' : ''} ORDER BY r.at, r.hall_id, r.ticket_id`,
    hallId ? [from, to, maxScore, hallId] : [from, to, maxScore]);
    return r.rows.map((x) => ({
      hallId: x.hall_id, hallName: x.hall_name, ticketId: x.ticket_id, number: x.number, day: x.day, serviceId: x.service_id, windowId: x.window_id, clerkId: x.clerk_id,
      clerkName: x.clerk_name, score: x.score, reasons: x.reasons, aspects: x.aspects, channel: x.channel, at: x.at,
    }));
  }

  /** The district's own actions on bad reviews, per rated ticket. */
  /**
   * What was done about these bad reviews, oldest first: the district's own actions and the halls'
   * (their supervisors' call-backs and resolutions, from follow-up.recorded).
   */
  async actions(keys: { hallId: string; ticketId: string }[]): Promise<Map<string, FollowUpAction[]>> {
    const out = new Map<string, FollowUpAction[]>();
    if (keys.length === 0) return out;
    const r = await this.pool.query(`SELECT * FROM (
        SELECT hall_id, ticket_id, status, note, by_user AS by, at, 'district' AS source FROM follow_up_actions
        UNION ALL
        SELECT hall_id, ticket_id, status, note, by_name, to_timestamp(at / 1000.0), 'hall' FROM hall_follow_ups
      ) a WHERE (hall_id, ticket_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY at`, [keys.map((k) => k.hallId), keys.map((k) => k.ticketId)]);
    for (const x of r.rows) {
      const k = `${x.hall_id}/${x.ticket_id}`;
      out.set(k, [...(out.get(k) ?? []), { status: x.status, note: x.note, by: x.by, at: (x.at as Date).toISOString(), source: x.source }]);
    }
    return out;
  }

  async addAction(hallId: string, ticketId: string, status: string, note: string, by: string): Promise<void> {
    await this.pool.query('INSERT INTO follow_up_actions (hall_id, ticket_id, status, note, by_user) VALUES ($1, $2, $3, $4, $5)', [hallId, ticketId, status, note, by]);
  }

  async rating(hallId: string, ticketId: string): Promise<RatingExportRow | null> {
    const r = await this.pool.query('SELECT day FROM ratings WHERE hall_id = $1 AND ticket_id = $2', [hallId, ticketId]);
    if (!r.rows[0]) return null;
    return (await this.ratings(r.rows[0].day, r.rows[0].day, hallId)).find((x) => x.ticketId === ticketId) ?? null;
  }
}
