import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AlertView, HallInfo, ServiceView, WindowView } from '@onewindow/protocol';
import { isoLocal } from '@onewindow/protocol';
import type { AppContext } from '../../context.ts';
import { serviceViews, windowViews } from '../../services/views.ts';
import { Errors, IdParams, secured, who } from './common.ts';

const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const hallInfo = () => {
    const c = ctx.config;
    return {
      name: c.hall.name, ...(c.hall.nameEn ? { nameEn: c.hall.nameEn } : {}), timezone: c.hall.timezone, day: ctx.hall.state.day,
      open: ctx.queue.isOpen(), ...(c.hall.notice ? { notice: c.hall.notice } : {}), ...(ctx.publicUrl ? { publicUrl: ctx.publicUrl } : {}),
      announcement: { template: c.announcement?.template ?? '请{number}号到{window}办理', repeat: c.announcement?.repeat ?? 2 },
      now: isoLocal(ctx.hall.now(), c.hall.timezone),
    };
  };

  app.get('/api/hall', {
    preHandler: app.allow(),
    schema: {
      tags: ['hall'], security: secured, summary: 'Services, windows with their skills and live state',
      response: { 200: Type.Object({ hall: HallInfo, services: Type.Array(ServiceView), windows: Type.Array(WindowView), kiosks: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), services: Type.Array(Type.String()) })) }), ...Errors },
    },
  }, async () => {
    const v = ctx.queue.views();
    const all = ctx.config.services.map((s) => s.id);
    return {
      hall: hallInfo(), services: serviceViews(v), windows: windowViews(v),
      kiosks: (ctx.config.kiosks ?? []).map((k) => ({ id: k.id, name: k.name, services: k.services ?? all })),
    };
  });

  app.get('/api/stats/live', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['stats'], security: secured, summary: 'Per service: waiting, longest wait, estimated wait; per window: state, current ticket, served today',
      response: { 200: Type.Object({ at: Type.String(), services: Type.Array(ServiceView), windows: Type.Array(WindowView), waitingTotal: Type.Integer(), alerts: Type.Array(AlertView) }), ...Errors },
    },
  }, async () => {
    const v = ctx.queue.views();
    const services = serviceViews(v);
    return { at: isoLocal(v.now, v.timezone), services, windows: windowViews(v), waitingTotal: services.reduce((n, s) => n + s.waiting, 0), alerts: ctx.alerts.open() };
  });

  app.get('/api/alerts', {
    preHandler: app.allow('supervisor'),
    schema: { tags: ['alerts'], security: secured, summary: 'Open alerts, newest first', response: { 200: Type.Object({ alerts: Type.Array(AlertView) }), ...Errors } },
  }, async () => ({ alerts: ctx.alerts.open() }));

  app.post('/api/alerts/:id/acknowledge', {
    preHandler: app.allow('supervisor'),
    schema: { tags: ['alerts'], security: secured, params: IdParams, response: { 200: AlertView, ...Errors } },
  }, async (req) => {
    const p = who(req);
    return ctx.alerts.acknowledge(req.params.id, p.kind === 'user' ? p.username : p.name);
  });
};
export default routes;
export type { };
