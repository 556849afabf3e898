import { Type } from 'typebox';
import { CentreLinkStatus, NearbyAnswer } from '@onewindow/protocol/centre';
import { Errors, resource, secured } from './common.ts';

/** The hall's link to its district centre (centre.md): its state for supervisors, nearby halls for visitors. */
export default resource('centre', async (app) => {
  const { centre } = app.services;

  app.get('/api/centre/status', {
    preHandler: app.allow('supervisor'),
    schema: { tags: ['hall'], security: secured, summary: 'The link to the district centre: connected, how far behind, the last error, the catalogue version run',
      response: { 200: CentreLinkStatus, ...Errors } },
  }, async () => centre.status());

  app.get('/api/centre/nearby', {
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
    schema: {
      tags: ['hall'], summary: 'Extension: other halls of the district that serve a service sooner, as the centre last said (never a call to the centre)',
      querystring: Type.Object({ serviceId: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 200: NearbyAnswer, ...Errors },
    },
  }, async (req) => centre.nearby(req.query.serviceId ?? null));
});
