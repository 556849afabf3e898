import { Type } from 'typebox';
import { HallInfo, ServiceView, WindowView } from '@onewindow/protocol';
import { Errors, resource, secured } from './common.ts';

/** `/api/hall`: the hall, its queues and windows, for any token. */
export default resource('hall', async (app) => {
  const { queue } = app.services;
  app.get('/api/hall', {
    preHandler: app.allow(),
    schema: {
      tags: ['hall'], security: secured, summary: 'Services, windows with their skills and live state',
      response: { 200: Type.Object({ hall: HallInfo, services: Type.Array(ServiceView), windows: Type.Array(WindowView), kiosks: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), services: Type.Array(Type.String()) })) }), ...Errors },
    },
  }, async () => queue.overview());
});
