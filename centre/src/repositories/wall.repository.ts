import type { Heartbeat, HallLevelName } from '@onewindow/protocol/centre';
import type { Pool } from '../store/pool.ts';

export interface HallFacts {
  id: string; name: string; level: HallLevelName; parentId: string | null; regionCode: string | null;
  shippedSeq: number; seenAt: number | null; heartbeat: Heartbeat | null; day: string | null;
  issued: number; served: number; rated: number; good: number;
  waiting: { serviceId: string; n: number; oldest: number }[];
  openWindows: number;
  printers: { kioskId: string; state: string; detail: string | null }[];
  alerts: { kind: string; level: string; message: string }[];
}

export interface WindowFacts { windowId: string; status: string; clerkId: string | null; pauseReason: string | null; since: number; currentNumber: string | null; currentServiceId: string | null }
export interface ServiceDayFacts { serviceId: string; issued: number; served: number; rated: number; good: number }

/** The district wall's reads: a few grouped queries over the projections, whatever the number of halls. */
export class WallRepository {
  constructor(private readonly pool: Pool) {}

  async facts(hallId: string | null, alertsSince: number, heartbeats: ReadonlyMap<string, { at: number; hb: Heartbeat }>): Promise<HallFacts[]> {
    const one = hallId === null ? '' : 'WHERE h.id = $1';
    const args = hallId === null ? [] : [hallId];
    const [halls, waiting, windows, printers, alerts] = await Promise.all([
      // The heartbeats are not read here: the service has the newest of each in memory.
      this.pool.query(`SELECT h.id, h.name, h.level, h.parent_id, h.region_code, c.shipped_seq, p.day,
          COALESCE(d.issued, 0) AS issued, COALESCE(d.served, 0) AS served, COALESCE(d.rated, 0) AS rated, COALESCE(d.good, 0) AS good
        FROM halls h JOIN hall_cursors c ON c.hall_id = h.id
        LEFT JOIN hall_projection p ON p.hall_id = h.id
        LEFT JOIN hall_days d ON d.hall_id = h.id AND d.day = p.day ${one} ORDER BY h.id`, args),
      this.pool.query(`SELECT v.hall_id, v.service_id, count(*)::int AS n, min(v.wait_from) AS oldest
        FROM visits v JOIN hall_projection p ON p.hall_id = v.hall_id AND v.day = p.day
        WHERE v.called_at IS NULL AND v.end_kind IS NULL ${hallId === null ? '' : 'AND v.hall_id = $1'} GROUP BY 1, 2`, args),
      this.pool.query(`SELECT hall_id, count(*) FILTER (WHERE status = 'open')::int AS open FROM window_states
        ${hallId === null ? '' : 'WHERE hall_id = $1'} GROUP BY 1`, args),
      this.pool.query(`SELECT hall_id, kiosk_id, state, detail FROM printer_states WHERE state NOT IN ('ok', 'disabled')
        ${hallId === null ? '' : 'AND hall_id = $1'}`, args),
      this.pool.query(`SELECT hall_id, kind, level, message FROM hall_alerts WHERE acknowledged_at IS NULL AND raised_at >= $${args.length + 1}
        ${hallId === null ? '' : 'AND hall_id = $1'} ORDER BY raised_at DESC`, [...args, alertsSince]),
    ]);
    const group = <T>(rows: Record<string, unknown>[], map: (r: Record<string, unknown>) => T) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.hall_id as string, [...(m.get(r.hall_id as string) ?? []), map(r)]);
      return m;
    };
    const w = group(waiting.rows, (r) => ({ serviceId: r.service_id as string, n: r.n as number, oldest: r.oldest as number }));
    const open = new Map(windows.rows.map((r) => [r.hall_id as string, r.open as number]));
    const p = group(printers.rows, (r) => ({ kioskId: r.kiosk_id as string, state: r.state as string, detail: r.detail as string | null }));
    const a = group(alerts.rows, (r) => ({ kind: r.kind as string, level: r.level as string, message: r.message as string }));
    return halls.rows.map((r) => ({
      id: r.id, name: r.name, level: r.level, parentId: r.parent_id, regionCode: r.region_code, shippedSeq: r.shipped_seq,
      seenAt: heartbeats.get(r.id)?.at ?? null, heartbeat: heartbeats.get(r.id)?.hb ?? null, day: r.day, issued: r.issued, served: r.served, rated: r.rated, good: r.good,
      waiting: w.get(r.id) ?? [], openWindows: open.get(r.id) ?? 0, printers: p.get(r.id) ?? [], alerts: a.get(r.id) ?? [],
    }));
  }

  async windows(hallId: string): Promise<WindowFacts[]> {
    const r = await this.pool.query(`SELECT w.window_id, w.status, w.clerk_id, w.pause_reason, w.since, v.number, v.service_id
      FROM window_states w LEFT JOIN visits v ON v.hall_id = w.hall_id AND v.ticket_id = w.current_ticket_id AND v.current
      WHERE w.hall_id = $1 ORDER BY w.window_id`, [hallId]);
    return r.rows.map((x) => ({ windowId: x.window_id, status: x.status, clerkId: x.clerk_id, pauseReason: x.pause_reason, since: x.since, currentNumber: x.number ?? null, currentServiceId: x.service_id ?? null }));
  }

  async servicesToday(hallId: string, day: string): Promise<ServiceDayFacts[]> {
    const r = await this.pool.query(`SELECT s.service_id, COALESCE(v.issued, 0)::int AS issued, COALESCE(v.served, 0)::int AS served,
        COALESCE(g.rated, 0)::int AS rated, COALESCE(g.good, 0)::int AS good
      FROM (SELECT DISTINCT service_id FROM visits WHERE hall_id = $1 AND day = $2 UNION SELECT service_id FROM ratings WHERE hall_id = $1 AND day = $2) s
      LEFT JOIN (SELECT service_id, count(*) FILTER (WHERE step = 0) AS issued, count(*) FILTER (WHERE end_kind = 'done') AS served
        FROM visits WHERE hall_id = $1 AND day = $2 GROUP BY 1) v ON v.service_id = s.service_id
      LEFT JOIN (SELECT service_id, count(*) AS rated, count(*) FILTER (WHERE score >= 4) AS good FROM ratings WHERE hall_id = $1 AND day = $2 GROUP BY 1) g
        ON g.service_id = s.service_id`, [hallId, day]);
    return r.rows.map((x) => ({ serviceId: x.service_id, issued: x.issued, served: x.served, rated: x.rated, good: x.good }));
  }
}
