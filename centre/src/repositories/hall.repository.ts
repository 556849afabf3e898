import type { Heartbeat, HallLevelName } from '@onewindow/protocol/centre';
import { transaction, type Pool } from '../store/pool.ts';

export interface HallRecord {
  id: string; name: string; level: HallLevelName; parentId: string | null; regionCode: string | null; createdAt: string;
}

const SELECT = `SELECT id, name, level, parent_id AS "parentId", region_code AS "regionCode", created_at AS "createdAt" FROM halls`;

/** The district's halls, their keys (hashed), cursors and latest heartbeats. */
export class HallRepository {
  constructor(private readonly pool: Pool) {}

  async create(h: Omit<HallRecord, 'createdAt'>, keyHash: string): Promise<void> {
    await transaction(this.pool, async (c) => {
      await c.query('INSERT INTO halls (id, name, level, parent_id, region_code, key_hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [h.id, h.name, h.level, h.parentId, h.regionCode, keyHash]);
      await c.query('INSERT INTO hall_cursors (hall_id) VALUES ($1)', [h.id]);
    });
  }

  async update(id: string, h: Partial<Pick<HallRecord, 'name' | 'level' | 'parentId' | 'regionCode'>>): Promise<void> {
    await this.pool.query(`UPDATE halls SET name = COALESCE($2, name), level = COALESCE($3, level),
      parent_id = CASE WHEN $6 THEN $4 ELSE parent_id END, region_code = CASE WHEN $7 THEN $5 ELSE region_code END WHERE id = $1`,
    [id, h.name ?? null, h.level ?? null, h.parentId ?? null, h.regionCode ?? null, 'parentId' in h, 'regionCode' in h]);
  }

  async setKey(id: string, keyHash: string): Promise<void> {
    await this.pool.query('UPDATE halls SET key_hash = $2 WHERE id = $1', [id, keyHash]);
  }

  async get(id: string): Promise<HallRecord | null> {
    return (await this.pool.query<HallRecord>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async list(): Promise<HallRecord[]> {
    return (await this.pool.query<HallRecord>(`${SELECT} ORDER BY id`)).rows;
  }

  async byKeyHash(keyHash: string): Promise<string | null> {
    return (await this.pool.query<{ id: string }>('SELECT id FROM halls WHERE key_hash = $1', [keyHash])).rows[0]?.id ?? null;
  }

  async shippedSeq(id: string): Promise<number> {
    return (await this.pool.query<{ s: number }>('SELECT shipped_seq AS s FROM hall_cursors WHERE hall_id = $1', [id])).rows[0]?.s ?? 0;
  }

  async saveHeartbeat(id: string, hb: Heartbeat, receivedAt: number): Promise<void> {
    await this.pool.query(`INSERT INTO hall_heartbeats (hall_id, received_at, body) VALUES ($1, to_timestamp($3::double precision / 1000), $2)
      ON CONFLICT (hall_id) DO UPDATE SET received_at = EXCLUDED.received_at, body = EXCLUDED.body`, [id, JSON.stringify(hb), receivedAt]);
  }

  async heartbeats(): Promise<Map<string, { receivedAt: number; body: Heartbeat }>> {
    const r = await this.pool.query<{ hall_id: string; t: number; body: Heartbeat }>(
      'SELECT hall_id, (extract(epoch FROM received_at) * 1000)::bigint AS t, body FROM hall_heartbeats');
    return new Map(r.rows.map((x) => [x.hall_id, { receivedAt: x.t, body: x.body }]));
  }
}
