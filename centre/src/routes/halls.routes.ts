import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DistrictSnapshot, HallCard } from '@onewindow/protocol/centre';
import type { CentreContext } from '../context.ts';
import { AppError } from '../services/app-error.ts';
import { Errors, HallId, HallInput, HallPatch, HallRecord } from './schemas.ts';

const Params = Type.Object({ id: HallId });

/** The district's halls: registration and keys (admin), the wall's cards and one hall in depth, a hall's stored log. */
export default async function hallRoutes(root: FastifyInstance, { ctx }: { ctx: CentreContext }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const viewer = (p: { role: string; hallId: string | null }) => ({ role: p.role, hallId: p.hallId });

  app.post('/api/district/halls', {
    preHandler: app.allow('admin'),
    schema: { tags: ['halls'], description: 'Registers a hall; the key is in this answer only (the centre keeps its hash).', body: HallInput,
      response: { 201: Type.Object({ hall: HallRecord, key: Type.String() }), ...Errors } },
  }, async (req, reply) => reply.status(201).send(await ctx.halls.register(req.body, req.principal!.username)));

  app.get('/api/district/halls', {
    preHandler: app.allow('district', 'hall-viewer'),
    schema: { tags: ['halls'], description: 'Every hall the user may see, trouble first (a hall-viewer: its own).', response: { 200: DistrictSnapshot, ...Errors } },
  }, async (req) => ctx.wall.snapshot(viewer(req.principal!)));

  app.get('/api/district/halls/:id', {
    preHandler: app.allow('district', 'hall-viewer'),
    schema: { tags: ['halls'], params: Params, description: 'One hall in depth: its card, services with queues and today\'s figures, windows, printers, open alerts.',
      response: { 200: Type.Object({ hall: HallCard, services: Type.Array(Type.Record(Type.String(), Type.Unknown())), windows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
        printers: Type.Array(Type.Record(Type.String(), Type.Unknown())), alerts: Type.Array(Type.Record(Type.String(), Type.Unknown())) }), ...Errors } },
  }, async (req) => ctx.wall.detail(req.params.id, viewer(req.principal!)));

  app.patch('/api/district/halls/:id', {
    preHandler: app.allow('admin'), schema: { tags: ['halls'], params: Params, body: HallPatch, response: { 200: HallRecord, ...Errors } },
  }, async (req) => ctx.halls.update(req.params.id, req.body, req.principal!.username));

  app.post('/api/district/halls/:id/key', {
    preHandler: app.allow('admin'),
    schema: { tags: ['halls'], params: Params, description: 'A new key for the hall; the old one stops working at once.', response: { 200: Type.Object({ hall: HallRecord, key: Type.String() }), ...Errors } },
  }, async (req) => ctx.halls.rotateKey(req.params.id, req.principal!.username));

  app.get('/api/district/halls/:id/events', {
    preHandler: app.allow('district', 'hall-viewer'),
    schema: {
      tags: ['halls'], params: Params,
      querystring: Type.Object({ after: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })), limit: Type.Optional(Type.String({ pattern: '^\\d{1,5}$' })) }),
      response: { 200: Type.Object({ events: Type.Array(Type.Object({ seq: Type.Integer(), type: Type.String(), at: Type.Integer(), day: Type.String(), data: Type.Unknown() })) }), ...Errors },
    },
  }, async (req) => {
    const p = req.principal!;
    if (p.role === 'hall-viewer' && p.hallId !== req.params.id) throw new AppError(403, 'FORBIDDEN', 'a hall viewer sees only their own hall');
    await ctx.halls.find(req.params.id);
    const limit = Math.min(10_000, Math.max(1, Number(req.query.limit ?? 1000)));
    const events = await ctx.events.after(req.params.id, Number(req.query.after ?? 0), limit);
    return { events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at, day: e.day, data: e.data })) };
  });
}
