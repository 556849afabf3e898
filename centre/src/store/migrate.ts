import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transaction, type Pool } from './pool.ts';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Numbered SQL files, applied once each, all pending ones in one transaction; `schema_migrations` records them.
 * An advisory lock keeps two centres starting on one database from applying the same file twice.
 */
export async function migrate(pool: Pool, dir = MIGRATIONS): Promise<number> {
  return transaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(7411001)');
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    let last = Math.max(0, ...done);
    for (const f of readdirSync(dir).filter((n) => /^\d{4}-.*\.sql$/.test(n)).sort()) {
      const n = Number(f.slice(0, 4));
      if (done.has(n)) continue;
      await c.query(readFileSync(join(dir, f), 'utf8'));
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [n, f]);
      last = n;
    }
    return last;
  });
}
