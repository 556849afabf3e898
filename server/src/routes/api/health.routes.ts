import { Type } from 'typebox';
import { resource } from './common.ts';

const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded']), day: Type.String(), seq: Type.Integer(), uptimeSec: Type.Number(),
  storage: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), since: Type.Number() })),
});

/** `/api/health`: the ready check. */
export default resource('health', async (app) => {
  const { hall } = app.services;
  app.get('/api/health', {
    schema: {
      tags: ['hall'], summary: 'Ready check',
      description: '503 with `status: "degraded"` while the store cannot keep changes (disk full, I/O error, corruption); while degraded, each check tries the store again (at most every 2 s), so it turns 200 as soon as space returns.',
      response: { 200: Health, 503: Health },
    },
  }, async (_req, reply) => {
    const h = hall.probe();
    return reply.status(h.status === 'ok' ? 200 : 503).send({ ...h, uptimeSec: Math.round(process.uptime()) });
  });
});
