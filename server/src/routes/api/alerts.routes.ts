import { Type } from 'typebox';
import { AlertView } from '@onewindow/protocol';
import { Errors, IdParams, resource, secured, who } from './common.ts';

/** `/api/alerts`: what supervisors must look at, and their acknowledging it. */
export default resource('alerts', async (app) => {
  const { alerts } = app.services;

  app.get('/api/alerts', {
    preHandler: app.allow('supervisor'),
    schema: { tags: ['alerts'], security: secured, summary: 'Open alerts, newest first', response: { 200: Type.Object({ alerts: Type.Array(AlertView) }), ...Errors } },
  }, async () => ({ alerts: alerts.open() }));

  app.post('/api/alerts/:id/acknowledge', {
    preHandler: app.allow('supervisor'),
    schema: { tags: ['alerts'], security: secured, params: IdParams, response: { 200: AlertView, ...Errors } },
  }, async (req) => {
    const p = who(req);
    return alerts.acknowledge(req.params.id, p.kind === 'user' ? p.username : p.name);
  });
});
