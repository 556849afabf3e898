import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CentreContext } from '../context.ts';
import { OFFLINE_AFTER_MS } from '../services/wall/card.ts';

const ZH = new Intl.Collator('zh-CN');

const PublicHall = Type.Object({
  id: Type.String(), name: Type.String(), level: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), online: Type.Boolean(), open: Type.Boolean(),
  services: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()), waiting: Type.Integer(), estimatedWaitSec: Type.Integer(), openWindows: Type.Integer() })),
});

/** For anyone: the district's halls with their live waits (no personal data, nothing but counts). */
export default async function publicRoutes(root: FastifyInstance, { ctx }: { ctx: CentreContext }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/health', { schema: { tags: ['public'], response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String(), halls: Type.Integer() }) } } }, async () => {
    const r = await ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM halls');
    return { status: 'ok' as const, database: 'ok', halls: r.rows[0].n };
  });

  app.get('/api/public/halls', {
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
    schema: { tags: ['public'], description: 'Every hall with its live wait per service, as its last heartbeat told it.', response: { 200: Type.Object({ at: Type.String(), halls: Type.Array(PublicHall) }) } },
  }, async () => {
    const now = ctx.clock();
    const live = ctx.ingest.liveWaits();
    const rank = { centre: 0, street: 1, community: 2 } as const;
    const halls = (await ctx.halls.list()).sort((a, b) => rank[a.level] - rank[b.level] || ZH.compare(a.name, b.name));
    return {
      at: new Date(now).toISOString(),
      halls: halls.map((h) => {
        const l = live.get(h.id);
        const online = !!l && now - l.at <= OFFLINE_AFTER_MS;
        return {
          id: h.id, name: h.name, level: h.level, parentId: h.parentId, online, open: online && l!.hb.open,
          services: online ? l!.hb.services.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, waiting: s.waiting, estimatedWaitSec: s.estimatedWaitSec, openWindows: s.openWindows })) : [],
        };
      }),
    };
  });
}
