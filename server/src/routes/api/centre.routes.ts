import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CentreLinkStatus, NearbyAnswer } from '@onewindow/protocol/centre';
import type { CentreLink } from '../../services/centre/link.service.ts';
import { Errors, secured } from './common.ts';

const UNCONFIGURED = {
  configured: false, url: null, hallId: null, connected: false, shippedSeq: 0, localSeq: 0, pending: 0, lastError: null,
  lastShippedAt: null, lastContactAt: null, downSince: null, catalogue: { follows: false, published: null, applied: null, error: null },
};

/** The hall's link to its district centre (centre.md): its state for supervisors, nearby halls for visitors. */
const routes: FastifyPluginAsyncTypebox<{ link: CentreLink | null; localSeq: () => number }> = async (app, { link, localSeq }) => {
  app.get('/api/centre/status', {
    preHandler: app.allow('supervisor'),
    schema: { tags: ['hall'], security: secured, summary: 'The link to the district centre: connected, how far behind, the last error, the catalogue version run',
      response: { 200: CentreLinkStatus, ...Errors } },
  }, async () => link?.status() ?? { ...UNCONFIGURED, localSeq: localSeq() });

  app.get('/api/centre/nearby', {
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
    schema: {
      tags: ['hall'], summary: 'Extension: other halls of the district that serve a service sooner, as the centre last said (never a call to the centre)',
      querystring: Type.Object({ serviceId: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 200: NearbyAnswer, ...Errors },
    },
  }, async (req) => link?.nearbyFor(req.query.serviceId ?? null) ?? { available: false, offers: [] });
};
export default routes;
