import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

// bigint columns (seq, epoch ms) fit in a double for the next 285,000 years: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates stay 'YYYY-MM-DD' strings: a business day is a calendar label, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function openPool(connectionString: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in one transaction on one client: commit on return, rollback on throw. */
export async function transaction<T>(pool: Pool, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
