import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DeviceView } from '@onewindow/protocol';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../services/app-error.ts';
import { deviceView, type Principal } from '../../services/auth.service.ts';
import { Errors, Id, IdParams, secured, who } from './common.ts';

const strict = { additionalProperties: false } as const;

/** The admin console's server side: the hall configuration, the audit log, device names and bindings. */
const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/admin/config', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['admin'], security: secured, summary: 'The hall configuration in force, and its version for a safe write-back',
      response: {
        200: Type.Object({
          config: Type.Unknown({ description: 'hall.yaml as JSON (config.md)' }),
          version: Type.String({ description: 'send it back with PUT: a change made meanwhile by someone else is refused' }),
          file: Type.Union([Type.String(), Type.Null()]), writable: Type.Boolean(),
        }),
        ...Errors,
      },
    },
  }, async () => ctx.admin.read());

  app.put('/api/admin/config', {
    preHandler: app.allow('admin'),
    bodyLimit: 1024 * 1024,
    schema: {
      tags: ['admin'], security: secured,
      summary: 'Replace the hall configuration: validated (422 CONFIG_INVALID with every problem by path), refused when it removes a service or window today\'s queue still uses (409 CONFIG_IN_USE), written atomically (.bak kept) and applied live; audited',
      body: Type.Object({ config: Type.Unknown(), version: Type.Optional(Type.String({ maxLength: 64 })) }, strict),
      response: {
        200: Type.Object({
          version: Type.String(), changes: Type.Array(Type.String(), { description: 'what changed, by path' }),
          restartRequired: Type.Array(Type.String(), { description: 'changed fields that apply at the next start' }),
        }),
        ...Errors,
      },
    },
  }, async (req) => {
    try {
      const r = ctx.admin.write(req.body.config, req.body.version);
      if (r.changes.length > 0) ctx.auth.audit(who(req), 'config-changed', 'config', { changes: r.changes.slice(0, 200), version: r.version, restartRequired: r.restartRequired }, req.ip);
      return r;
    } catch (e) {
      if (e instanceof AppError) ctx.auth.audit(who(req), 'config-change-refused', 'config', { code: e.code, details: e.details }, req.ip);
      throw e;
    }
  });

  app.get('/api/audit', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['admin'], security: secured, summary: 'The audit log, newest first: sign-ins, users, devices, configuration, follow-ups',
      querystring: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })) }, strict),
      response: {
        200: Type.Object({
          entries: Type.Array(Type.Object({
            at: Type.String(), actor: Type.Union([Type.String(), Type.Null()]), action: Type.String(),
            target: Type.Union([Type.String(), Type.Null()]), detail: Type.Unknown(), ip: Type.Union([Type.String(), Type.Null()]),
          })),
        }),
        ...Errors,
      },
    },
  }, async (req) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 200)));
    return { entries: ctx.admin.audit(limit) };
  });

  app.patch('/api/devices/:id', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['devices'], security: secured, summary: 'Rename a device or bind it to another window or kiosk (it reconnects with the new binding)',
      params: IdParams,
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        windowId: Type.Optional(Type.Union([Id, Type.Null()])),
        kioskId: Type.Optional(Type.Union([Id, Type.Null()])),
      }, { ...strict, minProperties: 1 }),
      response: { 200: DeviceView, ...Errors },
    },
  }, async (req) => {
    const d = ctx.authRepo.deviceById(req.params.id);
    if (!d) throw new AppError(404, 'UNKNOWN_DEVICE', `no device ${req.params.id}`);
    const next = {
      id: d.id, name: req.body.name ?? d.name,
      windowId: req.body.windowId === undefined ? d.windowId : req.body.windowId,
      kioskId: req.body.kioskId === undefined ? d.kioskId : req.body.kioskId,
    };
    if ((d.kind === 'pad' || d.kind === 'window-screen') && (!next.windowId || !ctx.hall.state.windows.has(next.windowId))) {
      throw new AppError(422, 'WINDOW_REQUIRED', `a ${d.kind} is bound to an existing window: give windowId`);
    }
    if (d.kind === 'kiosk' && (!next.kioskId || !(ctx.config.kiosks ?? []).some((k) => k.id === next.kioskId))) {
      throw new AppError(422, 'KIOSK_REQUIRED', 'a kiosk device is bound to a kiosk of the configuration: give kioskId');
    }
    ctx.authRepo.updateDevice(next);
    ctx.auth.audit(who(req), 'device-changed', `device:${d.id}`, { from: { name: d.name, windowId: d.windowId, kioskId: d.kioskId }, to: req.body }, req.ip);
    if (next.windowId !== d.windowId || next.kioskId !== d.kioskId) {
      for (const s of app.io.sockets.sockets.values()) {
        const p = (s.data as { principal?: Principal | null }).principal;
        if (p?.kind === 'device' && p.id === d.id) s.disconnect(true);
      }
    }
    return deviceView({ ...d, ...next });
  });
};
export default routes;
