import type { Pool } from '../store/pool.ts';

export interface AuditEntry { actor: string | null; action: string; target?: string | null; detail?: unknown; ip?: string | null }

/** Who did what at the centre: sign-ins, halls and keys, users, catalogue, settings, follow-ups, exports. */
export class AuditRepository {
  constructor(private readonly pool: Pool) {}

  async add(e: AuditEntry): Promise<void> {
    await this.pool.query('INSERT INTO audit (actor, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5)',
      [e.actor, e.action, e.target ?? null, e.detail === undefined ? null : JSON.stringify(e.detail), e.ip ?? null]);
  }

  async recent(limit: number) {
    const r = await this.pool.query('SELECT id, at, actor, action, target, detail, ip FROM audit ORDER BY id DESC LIMIT $1', [limit]);
    return r.rows.map((x) => ({ id: x.id as number, at: (x.at as Date).toISOString(), actor: x.actor, action: x.action, target: x.target, detail: x.detail, ip: x.ip }));
  }
}
