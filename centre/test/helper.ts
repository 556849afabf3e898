import type { FastifyInstance } from 'fastify';
import { apiRequest, type RequestOptions } from '@onewindow/protocol';
import { buildCentreApp } from '../src/app.ts';
import { createContext, type CentreContext } from '../src/context.ts';
import type { Clock } from '../src/services/clock.ts';
import { freshDatabase } from './db.ts';

export const ADMIN_PASSWORD = 'district-admin-pw';

/** A centre on a fresh database, listening on a free port, with `admin` signed in. */
export async function startTestCentre(opts: { clock?: Clock; retentionDays?: number } = {}) {
  const db = await freshDatabase();
  const ctx: CentreContext = createContext(db.pool, opts.clock, { retentionDays: opts.retentionDays });
  await ctx.auth.ensureAdmin(ADMIN_PASSWORD);
  const app: FastifyInstance = await buildCentreApp({ ctx, pagesDir: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const call = <T>(path: string, o: RequestOptions = {}) => apiRequest<T>(base, path, o);
  const { token } = await call<{ token: string }>('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  return {
    app, ctx, base, db, token, call,
    /** As admin. */
    admin: <T>(path: string, o: RequestOptions = {}) => call<T>(path, { ...o, token }),
    async registerHall(id: string, extra: Record<string, unknown> = {}) {
      return call<{ hall: { id: string }; key: string }>('/api/district/halls', { token, body: { id, name: `${id} 便民服务中心`, level: 'street', regionCode: '610116001', ...extra } });
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
export type TestCentre = Awaited<ReturnType<typeof startTestCentre>>;
