import { Type } from 'typebox';
import { NotificationList, NotificationStatus, OutboxEntry } from '@onewindow/protocol';
import { AppError } from '../../services/app-error.ts';
import { Errors, IdParams, resource, secured, strict, who } from './common.ts';

/** `/api/notifications`: the webhook notifier's outbox, its dead letters, and sending one again (extension). */
export default resource('notifications', async (app) => {
  const { notifier, audit } = app.services;
  const outbox = () => {
    if (notifier.kind !== 'webhook') throw new AppError(404, 'NOTIFIER_NOT_WEBHOOK', 'this hall\'s notifier only logs messages (notifications.kind: log)');
    return notifier as unknown as import('../../services/notifications/webhook.notifier.ts').WebhookNotifier;
  };

  app.get('/api/notifications', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['notifications'], security: secured,
      summary: 'Messages to visitors\' phones by status (default dead: given up after the retries), newest first, phones masked; with the totals',
      querystring: Type.Object({ status: Type.Optional(NotificationStatus) }, strict),
      response: { 200: NotificationList, ...Errors },
    },
  }, async (req) => {
    const o = outbox();
    return { notifier: o.kind, totals: o.totals(), messages: o.list(req.query.status ?? 'dead') };
  });

  app.post('/api/notifications/:id/retry', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['notifications'], security: secured, params: IdParams, summary: 'Send a dead message again, from a fresh count of tries',
      response: { 200: Type.Object({ message: OutboxEntry }), ...Errors },
    },
  }, async (req) => {
    const message = outbox().retry(req.params.id);
    audit.record(who(req), 'notification-retried', `notification:${message.id}`, { kind: message.kind, number: message.number }, req.ip);
    return { message };
  });
});
