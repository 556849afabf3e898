import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { DEFAULT_POLICY, getPolicy } from './engine/index.ts';
import agents from './plugins/agents.ts';
import apps from './plugins/apps.ts';
import auth from './plugins/auth.ts';
import db from './plugins/db.ts';
import docs from './plugins/docs.ts';
import durable from './plugins/durable.ts';
import emptyBody from './plugins/empty-body.ts';
import errors from './plugins/errors.ts';
import jobs from './plugins/jobs.ts';
import realtime from './plugins/realtime.ts';
import serialDevices from './plugins/serial-devices.ts';
import services, { type ServicesPluginOptions } from './plugins/services.ts';
import adminRoutes from './routes/api/admin.routes.ts';
import agentRoutes from './routes/api/agents.routes.ts';
import alertRoutes from './routes/api/alerts.routes.ts';
import announcementRoutes from './routes/api/announcements.routes.ts';
import appointmentRoutes from './routes/api/appointments.routes.ts';
import auditRoutes from './routes/api/audit.routes.ts';
import authRoutes from './routes/api/auth.routes.ts';
import centreRoutes from './routes/api/centre.routes.ts';
import deviceRoutes from './routes/api/devices.routes.ts';
import evaluationRoutes from './routes/api/evaluations.routes.ts';
import followUpRoutes from './routes/api/follow-ups.routes.ts';
import hallRoutes from './routes/api/hall.routes.ts';
import healthRoutes from './routes/api/health.routes.ts';
import printerRoutes from './routes/api/printers.routes.ts';
import reportRoutes from './routes/api/reports.routes.ts';
import statsRoutes from './routes/api/stats.routes.ts';
import ticketRoutes from './routes/api/tickets.routes.ts';
import userRoutes from './routes/api/users.routes.ts';
import windowRoutes from './routes/api/windows.routes.ts';
import guideRoutes from './routes/api/guide.routes.ts';
import idCardRoutes from './routes/api/id-cards.routes.ts';
import notificationRoutes from './routes/api/notifications.routes.ts';
import whatIfRoutes from './routes/api/what-if.routes.ts';
import { fileURLToPath } from 'node:url';

export interface AppOptions extends Omit<ServicesPluginOptions, 'policy'> {
  /** Routing policy by name (`ONEWINDOW_POLICY`): balanced (default), fair, fifo, dedicated. */
  policy?: string;
  /** The monorepo root, where the UIs' dist folders are. */
  root?: string;
  /** Background jobs (wait alerts, the daily reset, backups, retention). Tests drive these themselves. */
  timers?: boolean;
}

/**
 * The hall server as one Fastify plugin. The order is the dependency order each plugin declares:
 * the database, then the services over it, then authentication, then the routes (one plugin per
 * resource, each declaring that it needs the services and auth), the realtime gateway and the
 * device glue, which only listen to the services.
 */
export const onewindow = fp(async function onewindow(app: FastifyInstance, opts: AppOptions) {
  const policy = getPolicy(opts.policy ?? DEFAULT_POLICY);
  if (!policy) throw new Error(`unknown routing policy ${opts.policy}`);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'], styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"], connectSrc: ["'self'", 'ws:', 'wss:'], mediaSrc: ["'self'", 'data:', 'blob:'], upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, c) => ({ statusCode: 429, code: 'FST_ERR_RATE_LIMITED', message: `too many requests: try again in ${Math.ceil(c.ttl / 1000)} s` }) });
  await app.register(errors);
  await app.register(emptyBody);
  await app.register(db, { dataDir: opts.dataDir });
  await app.register(services, {
    config: opts.config, dataDir: opts.dataDir, policy, clock: opts.clock, ignoreHours: opts.ignoreHours,
    publicUrl: opts.publicUrl, hallFiles: opts.hallFiles, portFactory: opts.portFactory, webhook: opts.webhook,
    root: opts.root ?? fileURLToPath(new URL('../../', import.meta.url)),
  });
  await app.register(durable);
  await app.register(auth);
  await app.register(docs);

  for (const routes of [
    healthRoutes, authRoutes, userRoutes, deviceRoutes, hallRoutes, ticketRoutes, windowRoutes, appointmentRoutes,
    evaluationRoutes, followUpRoutes, alertRoutes, statsRoutes, reportRoutes, printerRoutes, adminRoutes, auditRoutes, centreRoutes, agentRoutes,
    announcementRoutes,
    guideRoutes, idCardRoutes, notificationRoutes,
    whatIfRoutes,
  ]) await app.register(routes);

  await app.register(realtime);
  await app.register(agents);
  await app.register(serialDevices);
  if (opts.timers !== false) await app.register(jobs);
  await app.register(apps, { root: opts.root ?? fileURLToPath(new URL('../../', import.meta.url)) });
}, { name: 'onewindow', fastify: '5.x' });

/** A Fastify instance with the hall server registered: `listen()` it (server.ts, tests). */
export async function buildApp(opts: AppOptions & { logger?: boolean | object }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 64 * 1024,
    trustProxy: false,
    // Errors the router raises before any route runs (a bad URL, an over-long path parameter).
    frameworkErrors: (err, _req, reply) => {
      const long = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply).status(long ? 414 : 400).send({ error: { code: long ? 'URI_TOO_LONG' : 'BAD_URL', message: err.message } });
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(onewindow, opts);
  return app;
}
