import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../src/store/migrate.ts';
import { openPool, type Pool } from '../src/store/pool.ts';

/** A fresh database in the run's PostgreSQL, migrated; dropped by `drop()`. */
export async function freshDatabase(): Promise<{ url: string; pool: Pool; drop(): Promise<void> }> {
  const base = inject('centrePostgres');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace('@/postgres?', `@/${name}?`);
  const pool = openPool(url);
  await migrate(pool);
  return {
    url, pool,
    async drop() {
      await pool.end().catch(() => {});
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
