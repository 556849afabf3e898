import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Catalogue, EventBatch, Heartbeat, HeartbeatReply, IngestReply, ShippedEvents } from '@onewindow/protocol/centre';
import { ErrorBody } from '@onewindow/protocol';
import type { CentreContext } from '../context.ts';
import { bearer } from '../plugins/auth.ts';
import { AppError } from '../services/app-error.ts';
import { Errors, HallId } from './schemas.ts';

const Params = Type.Object({ id: HallId });

/** What halls call, with their key as the bearer token: their log, their heartbeat, the catalogue. */
export default async function ingestRoutes(root: FastifyInstance, { ctx }: { ctx: CentreContext }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const hall = async (req: FastifyRequest) => ctx.halls.authenticate(bearer(req), (req.params as { id: string }).id);

  app.post('/api/halls/:id/events', {
    preHandler: hall, bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['ingest'], params: Params, body: EventBatch,
      description: 'A run of the hall\'s log in seq order. Events the centre holds already are ignored; a batch that would leave a gap is refused with 409 SEQ_GAP and `details.expectedSeq`.',
      response: { 200: IngestReply, ...Errors, 409: ErrorBody },
    },
  }, async (req) => ctx.ingest.ingest(req.params.id, req.body.events));

  app.get('/api/halls/:id/events', {
    preHandler: hall,
    schema: {
      tags: ['ingest'], params: Params,
      querystring: Type.Object({ after: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })), limit: Type.Optional(Type.String({ pattern: '^\\d{1,5}$' })) }),
      description: 'Extension: the hall\'s own log back, after a seq (at most `limit`, default and cap 2000), with the last seq held: what `npm run restore` takes back after a backup older than the centre\'s copy.',
      response: { 200: ShippedEvents, ...Errors },
    },
  }, async (req) => {
    const limit = Math.min(2000, Math.max(1, Number(req.query.limit ?? 2000)));
    const events = await ctx.events.after(req.params.id, Number(req.query.after ?? 0), limit);
    return {
      shippedSeq: await ctx.ingest.shippedSeq(req.params.id),
      events: events.map((e) => ({ seq: e.seq, day: e.day, at: e.at, type: e.type, ticketId: e.ticketId, windowId: e.windowId, actor: e.actor ?? null, data: e.data, ...(e.detail ? { detail: e.detail } : {}) })),
    };
  });

  app.post('/api/halls/:id/heartbeat', {
    preHandler: hall,
    schema: { tags: ['ingest'], params: Params, body: Heartbeat, description: 'The hall\'s live summary; the answer says which seq the centre expects next, the newest catalogue and nearby offers.',
      response: { 200: HeartbeatReply, ...Errors } },
  }, async (req) => ctx.ingest.heartbeat(req.params.id, req.body, (await ctx.halls.find(req.params.id)).name));

  app.get('/api/halls/:id/catalogue', {
    preHandler: hall, schema: { tags: ['ingest', 'catalogue'], params: Params, response: { 200: Catalogue, ...Errors } },
  }, async () => {
    const c = await ctx.catalogue.current();
    if (!c) throw new AppError(404, 'NO_CATALOGUE', 'the district has not published a catalogue');
    return c;
  });
}
