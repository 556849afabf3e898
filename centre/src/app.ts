import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { fileURLToPath } from 'node:url';
import type { CentreContext } from './context.ts';
import errors from './plugins/errors.ts';
import auth from './plugins/auth.ts';
import docs from './plugins/docs.ts';
import pages from './plugins/pages.ts';
import { attachGateway, type CentreIo } from './realtime/gateway.ts';
import authRoutes from './routes/auth.routes.ts';
import hallRoutes from './routes/halls.routes.ts';
import ingestRoutes from './routes/ingest.routes.ts';
import reportRoutes from './routes/reports.routes.ts';
import catalogueRoutes from './routes/catalogue.routes.ts';
import publicRoutes from './routes/public.routes.ts';

declare module 'fastify' {
  interface FastifyInstance { centre: CentreContext; io: CentreIo }
}

export interface CentreAppOptions {
  ctx: CentreContext;
  logger?: boolean | object;
  /** The built district pages (display-ui's district build). */
  pagesDir?: string;
}

export const DEFAULT_PAGES = fileURLToPath(new URL('../../display-ui/dist-district/', import.meta.url));

/** The district centre as one Fastify app: schema-first routes, socket.io on the same port, the district pages. */
export async function buildCentreApp(opts: CentreAppOptions): Promise<FastifyInstance> {
  const { ctx } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 256 * 1024,
    frameworkErrors: (err, _req, reply) => void (reply as { status(n: number): { send(b: unknown): unknown } }).status(400).send({ error: { code: 'BAD_URL', message: err.message } }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('centre', ctx);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"], connectSrc: ["'self'", 'ws:', 'wss:'], upgradeInsecureRequests: null } },
    crossOriginEmbedderPolicy: false, strictTransportSecurity: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(errors);
  await app.register(auth, { auth: ctx.auth });
  await app.register(docs);
  for (const r of [publicRoutes, authRoutes, hallRoutes, ingestRoutes, reportRoutes, catalogueRoutes]) await app.register(r, { ctx });
  await app.register(pages, { dist: opts.pagesDir ?? DEFAULT_PAGES });

  const gateway = attachGateway(app.server, ctx);
  app.decorate('io', gateway.io);
  app.addHook('preClose', async () => gateway.close());
  return app;
}
