import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from './context.ts';
import errors from './plugins/errors.ts';
import durable from './plugins/durable.ts';
import auth from './plugins/auth.ts';
import docs from './plugins/docs.ts';
import apps from './plugins/apps.ts';
import { attachGateway, type RealtimeServer } from './realtime/gateway.ts';
import healthRoutes from './routes/api/health.routes.ts';
import authRoutes from './routes/api/auth.routes.ts';
import hallRoutes from './routes/api/hall.routes.ts';
import ticketRoutes from './routes/api/tickets.routes.ts';
import windowRoutes from './routes/api/windows.routes.ts';
import appointmentRoutes from './routes/api/appointments.routes.ts';
import evaluationRoutes from './routes/api/evaluations.routes.ts';
import counterRoutes from './routes/api/counter.routes.ts';
import serialDevices from './plugins/devices.ts';
import backupRoutes from './routes/api/backup.routes.ts';
import { purgePersonalData, retentionCutoff } from './services/retention.service.ts';
import printerRoutes from './routes/api/printers.routes.ts';
import statsRoutes from './routes/api/stats.routes.ts';
import reportRoutes from './routes/api/reports.routes.ts';
import followUpRoutes from './routes/api/follow-ups.routes.ts';
import staffingRoutes from './routes/api/staffing.routes.ts';
import adminRoutes from './routes/api/admin.routes.ts';
import { fileURLToPath } from 'node:url';

declare module 'fastify' {
  interface FastifyInstance { ctx: AppContext; io: RealtimeServer }
}

export interface AppOptions {
  ctx: AppContext;
  logger?: boolean | object;
  /** The monorepo root, where the UIs' dist folders are. */
  root?: string;
  /** Background checks (wait alerts, the daily reset). Tests drive these themselves. */
  timers?: boolean;
}

/** The hall server as one Fastify app: schema-first routes, socket.io on the same port, the UIs. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { ctx } = opts;
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

  app.decorate('ctx', ctx);
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
  await app.register(durable, { hall: ctx.hall });
  await app.register(auth, { auth: ctx.auth });
  await app.register(docs);

  await app.register(healthRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(hallRoutes, { ctx });
  await app.register(ticketRoutes, { ctx });
  await app.register(windowRoutes, { ctx });
  await app.register(appointmentRoutes, { ctx });
  await app.register(evaluationRoutes, { ctx });
  await app.register(counterRoutes, { ctx });
  await app.register(serialDevices, { ctx });
  await app.register(backupRoutes, { ctx });
  await app.register(printerRoutes, { ctx });
  await app.register(statsRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
  await app.register(followUpRoutes, { ctx });
  await app.register(staffingRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(apps, { root: opts.root ?? fileURLToPath(new URL('../../', import.meta.url)) });

  const gateway = attachGateway(app.server, {
    hall: ctx.hall,
    auth: ctx.auth,
    views: () => ctx.queue.views(),
    lastSeq: () => ctx.events.lastSeq(),
    isKnownTrackToken: (tok) => [...ctx.hall.state.tickets.values()].some((t) => t.trackToken === tok) || ctx.hallRepo.findByTrackToken(tok) !== null,
    sources: () => ({
      hall: {
        name: ctx.config.hall.name, nameEn: ctx.config.hall.nameEn, notice: ctx.config.hall.notice, publicUrl: ctx.publicUrl, open: ctx.queue.isOpen(),
        announcement: { template: ctx.config.announcement?.template ?? '请{number}号到{window}办理', repeat: ctx.config.announcement?.repeat ?? 2 },
      },
      alerts: () => ctx.alerts.open(),
      printers: () => ctx.printing.statuses(),
      pendingEvaluation: (windowId) => ctx.evaluations.pending(windowId),
      storedTicket: (tok) => ctx.hallRepo.findByTrackToken(tok),
    }),
  });
  app.decorate('io', gateway.io);
  ctx.printing.start();

  const timers: NodeJS.Timeout[] = [];
  if (opts.timers !== false) {
    timers.push(setInterval(() => {
      try {
        ctx.hall.ensureDay();
        ctx.alerts.checkWaits();
        ctx.followUps.checkOverdue();
      } catch (err) {
        app.log.error({ err }, 'periodic check failed');
      }
    }, 15_000).unref());
    // A backup a business day: at start-up when today has none, and after each daily reset.
    const backupToday = () => {
      if (ctx.backups.hasBackupFor(ctx.hall.state.day)) return;
      ctx.backups.backup(ctx.hall.state.day).catch((err) => app.log.error({ err }, 'daily backup failed'));
    };
    // Personal data (names, phones, contacts) is blanked after the retention period.
    const purge = () => purgePersonalData(ctx.db, retentionCutoff(ctx.hall.state.day, ctx.config.retention?.personalDataDays ?? 90));
    app.addHook('onReady', async () => { backupToday(); purge(); });
    ctx.hall.onCommit((batch) => {
      if (!batch.some((c) => c.event.type === 'day.started')) return;
      backupToday();
      purge();
    });
  }
  app.addHook('preClose', async () => {
    for (const t of timers) clearInterval(t);
    await ctx.printing.close();
    await gateway.close();
  });
  app.addHook('onClose', async () => {
    ctx.hall.flush();
    ctx.db.close();
  });
  return app;
}
