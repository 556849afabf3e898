import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildCentreApp } from './app.ts';
import { createContext, type CentreContext } from './context.ts';
import type { CentreEnv } from './env.ts';
import { startEmbedded, type EmbeddedStore } from './store/embedded.ts';
import { migrate } from './store/migrate.ts';
import { openPool, type Pool } from './store/pool.ts';

export interface RunningCentre {
  app: FastifyInstance;
  ctx: CentreContext;
  url: string;
  admin: { created: boolean; password?: string; file?: string };
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Starts everything in order — the database (embedded unless DATABASE_URL), migrations, the
 * partitions ahead, the app — and closes it in the reverse order: HTTP, pool, PostgreSQL.
 */
export async function startCentre(env: CentreEnv, opts: { pagesDir?: string; logger?: boolean | object } = {}): Promise<RunningCentre> {
  mkdirSync(env.dataDir, { recursive: true });
  let embedded: EmbeddedStore | null = null;
  let pool: Pool | null = null;
  try {
    if (!env.databaseUrl) embedded = await startEmbedded(env.dataDir);
    pool = openPool(env.databaseUrl ?? embedded!.url);
    await migrate(pool);
    const ctx = createContext(pool, undefined, { retentionDays: env.retentionDays });
    await ctx.events.ensurePartitions(monthsAhead(Date.now(), 2));
    await ctx.warm();
    const admin: RunningCentre['admin'] = await ctx.auth.ensureAdmin(env.adminPassword);
    if (admin.password) {
      admin.file = join(env.dataDir, 'initial-admin-password');
      writeFileSync(admin.file, admin.password + '\n', { mode: 0o600 });
    }
    const app = await buildCentreApp({ ctx, pagesDir: opts.pagesDir, logger: opts.logger ?? { level: env.logLevel } });
    const log = app.log;
    let purging: Promise<void> = Promise.resolve();
    const purge = () => {
      purging = ctx.retention.purge()
        .then((p) => log.info({ retention: p }, `retention: notes of days before ${p.beforeDay} blanked`))
        .catch((err) => log.error({ err }, 'retention: purge failed'));
    };
    // Daily: partitions for the coming months (a month's first event would create its own anyway), and retention.
    const daily = setInterval(() => {
      void ctx.events.ensurePartitions(monthsAhead(Date.now(), 2)).catch(() => {});
      purge();
    }, 86_400_000);
    daily.unref();
    await app.listen({ port: env.port, host: env.host });
    // The first purge runs beside the service: a large archive's first pass must not hold the start back.
    purge();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : env.port;
    const p = pool;
    const e = embedded;
    return {
      app, ctx, url: `http://localhost:${port}`, admin, embedded: !!embedded,
      async close() {
        clearInterval(daily);
        await app.close();
        await purging;
        await p.end();
        await e?.stop();
      },
    };
  } catch (err) {
    await pool?.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
}

/** The first day of this month and the next n months. */
export function monthsAhead(now: number, n: number): string[] {
  const d = new Date(now);
  return Array.from({ length: n + 1 }, (_, i) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1)).toISOString().slice(0, 10));
}
