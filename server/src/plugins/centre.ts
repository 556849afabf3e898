import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { validateHallConfig } from '@onewindow/config';
import type { AppContext } from '../context.ts';
import { CentreLinkRepository } from '../repositories/centre-link.repository.ts';
import centreRoutes from '../routes/api/centre.routes.ts';
import { applyConfig } from '../services/admin.service.ts';
import { withCatalogue } from '../services/centre/catalogue.ts';
import { CentreClient } from '../services/centre/client.ts';
import { CentreLink } from '../services/centre/link.service.ts';
import { centreSettings } from '../services/centre/settings.ts';
import { serviceViews } from '../services/views.ts';

const CATALOGUE_REASON = 'district catalogue';

/**
 * The hall's link to its district centre, when the hall file's `centre:` block or the
 * ONEWINDOW_CENTRE_* variables name one; without them the hall runs alone as before and
 * `GET /api/centre/status` says so. Registered once in app.ts.
 */
export default fp(async function centre(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const repo = new CentreLinkRepository(ctx.db);
  // What is on disk: a group still open this turn may roll back, so its events wait for the commit.
  let committed = repo.lastSeq();
  const committedSeq = () => (ctx.db.inTransaction ? committed : (committed = Math.max(committed, repo.lastSeq())));
  const settings = centreSettings(ctx.config);
  let link: CentreLink | null = null;
  if (settings) {
    link = new CentreLink({
      repo, settings, client: new CentreClient(settings.url, settings.key, settings.ca, settings.timeoutMs), timezone: ctx.config.hall.timezone,
      now: () => ctx.hall.now(),
      committedSeq,
      onCommit: (fn) => ctx.hall.onCommit((batch) => {
        committed = Math.max(committed, ...batch.map((c) => c.seq));
        fn(batch.map((c) => c.event.type));
        // The hall file reloaded (SIGHUP, the admin console): the catalogue goes back over it.
        if (batch.some((c) => c.event.type === 'config.reloaded' && !String((c.event as { reason: string }).reason).startsWith(CATALOGUE_REASON))) {
          setImmediate(() => link?.reapply());
        }
      }),
      summary: () => {
        const v = ctx.queue.views();
        return {
          at: v.now, day: ctx.hall.state.day, open: ctx.queue.isOpen(v.now), timezone: ctx.config.hall.timezone,
          services: serviceViews(v).map((s) => ({ id: s.id, name: s.name, ...(s.nameEn ? { nameEn: s.nameEn } : {}), targetWaitSec: s.targetWaitSec, waiting: s.waiting,
            longestWaitSec: s.longestWaitSec, estimatedWaitSec: s.estimatedWaitSec, openWindows: s.openWindows })),
          windows: ctx.config.windows.map((w) => ({ id: w.id, name: w.name, skills: w.skills })),
        };
      },
      applyCatalogue: (c) => {
        const next = validateHallConfig(withCatalogue(ctx.config, c), `district catalogue v${c.version}`);
        applyConfig({ hall: ctx.hall, queue: ctx.queue, config: ctx.config }, next, `${CATALOGUE_REASON} v${c.version}`);
      },
      raiseAlert: (message, subject) => void ctx.alerts.raise('centre-link', 'warning', message, subject),
      log: (msg, err) => app.log.warn({ err }, msg),
    });
    app.addHook('onReady', async () => link!.start());
    app.addHook('preClose', async () => link!.stop());
  }
  await app.register(centreRoutes, { link, localSeq: committedSeq });
}, { name: 'centre-link' });
