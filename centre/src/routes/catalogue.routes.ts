import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Catalogue, CatalogueInput } from '@onewindow/protocol/centre';
import type { CentreContext } from '../context.ts';
import { Errors } from './schemas.ts';

/** The district's service catalogue: the admin publishes, halls that follow it apply it. */
export default async function catalogueRoutes(root: FastifyInstance, { ctx }: { ctx: CentreContext }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/district/catalogue', {
    preHandler: app.allow('district', 'hall-viewer'),
    schema: { tags: ['catalogue'], response: { 200: Type.Object({ catalogue: Type.Union([Catalogue, Type.Null()]) }), ...Errors } },
  }, async () => ({ catalogue: await ctx.catalogue.current() }));

  app.put('/api/district/catalogue', {
    preHandler: app.allow('admin'),
    schema: { tags: ['catalogue'], description: 'Publishes a new version; halls that follow the catalogue apply it like a configuration reload and report the version they run.',
      body: CatalogueInput, response: { 200: Catalogue, ...Errors } },
  }, async (req) => ctx.catalogue.publish(req.body.services, req.principal!.username));
}
