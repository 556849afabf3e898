import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Catalogue, EventBatch, Heartbeat, HeartbeatReply, IngestReply } from '@onewindow/protocol/centre';
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
