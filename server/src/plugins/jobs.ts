import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The hall's background work: every 15 s the day's reset, connections of ended sessions closed,
 * wait alerts and overdue follow-ups; a backup a business day (at start-up when today has none,
 * and after each daily reset); personal data blanked after the retention period (at start-up and
 * after each reset). Tests leave this plugin out and drive the same services by hand.
 */
export default fp(async function jobs(app: FastifyInstance) {
  const s = app.services;
  const backupToday = () => {
    if (s.backups.hasToday()) return;
    s.backups.backupToday().catch((err) => app.log.error({ err }, 'daily backup failed'));
  };
  const purge = () => {
    try {
      s.retention.purge();
    } catch (err) {
      app.log.error({ err }, 'purging personal data failed');
    }
  };
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      try {
        s.hall.ensureDay();
        s.auth.expireDue();
        s.alerts.checkWaits();
        s.followUps.checkOverdue();
      } catch (err) {
        app.log.error({ err }, 'periodic check failed');
      }
    }, 15_000).unref();
    unsubscribe = s.hall.onCommit((batch) => {
      if (!batch.some((c) => c.event.type === 'day.started')) return;
      backupToday();
      purge();
    });
    backupToday();
    purge();
  });
  app.addHook('preClose', async () => {
    if (timer) clearInterval(timer);
    unsubscribe?.();
  });
}, { name: 'jobs', dependencies: ['services'], fastify: '5.x' });
