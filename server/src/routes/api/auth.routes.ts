import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DeviceKindSchema, DeviceView, RoleSchema, UserView, type DeviceKind, type Role } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../services/app-error.ts';
import { Errors, Id, IdParams, secured, who } from './common.ts';
import { disconnectWhere } from '../../realtime/gateway.ts';

const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' });
const Password = Type.String({ minLength: 1, maxLength: 256 });
const NewPassword = Type.String({ minLength: 8, maxLength: 256 });
const Name = Type.String({ minLength: 1, maxLength: 64 });
const strict = { additionalProperties: false } as const;

/** People and devices: sign-in, users (admin), device pairing (admin creates, the device pairs). */
const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/auth/login', {
    // Per address and username, counted after the body is parsed (preHandler), so one busy
    // terminal's sign-ins do not lock out the clerk at the next window.
    config: { rateLimit: { hook: 'preHandler', max: 10, timeWindow: '1 minute', keyGenerator: (req: any) => `${req.ip}|${String(req.body?.username ?? '').toLowerCase()}` } },
    schema: {
      tags: ['auth'], summary: 'Sign in with a username and password',
      body: Type.Object({ username: Username, password: Password }, strict),
      response: { 200: Type.Object({ token: Type.String(), user: UserView }), ...Errors },
    },
  }, async (req) => {
    try {
      const r = await ctx.auth.login(req.body.username, req.body.password);
      ctx.auth.audit(null, 'sign-in', `user:${req.body.username}`, undefined, req.ip);
      return r;
    } catch (e) {
      ctx.auth.audit(null, 'sign-in-failed', `user:${req.body.username}`, undefined, req.ip);
      throw e;
    }
  });

  app.post('/api/auth/logout', {
    preHandler: app.allow(), schema: { tags: ['auth'], security: secured, response: { 200: Type.Object({ ok: Type.Boolean() }), ...Errors } },
  }, async (req) => {
    const p = who(req);
    ctx.auth.logout(p);
    disconnectWhere(app.io, (s) => s.tokenHash === p.tokenHash);
    return { ok: true };
  });

  app.get('/api/auth/me', {
    preHandler: app.allow(),
    schema: {
      tags: ['auth'], security: secured, summary: 'Who this token belongs to, and the window a clerk is signed in at',
      response: {
        200: Type.Object({
          kind: Type.Enum(['user', 'device']), user: Type.Optional(UserView), device: Type.Optional(DeviceView),
          windowId: Type.Union([Type.String(), Type.Null()]),
          windows: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'windows a clerk may staff; null = any' }),
        }), ...Errors,
      },
    },
  }, async (req) => {
    const p = who(req);
    if (p.kind === 'user') {
      const at = [...ctx.hall.state.windows.values()].find((w) => w.clerkId === p.id)?.id ?? null;
      return { kind: 'user' as const, user: { id: p.id, username: p.username, name: p.name, role: p.role, disabled: false }, windowId: at, windows: p.windows };
    }
    const d = ctx.auth.devices().find((x) => x.id === p.id)!;
    return { kind: 'device' as const, device: d, windowId: p.windowId, windows: null };
  });

  app.get('/api/users', {
    preHandler: app.allow('admin'), schema: { tags: ['users'], security: secured, response: { 200: Type.Object({ users: Type.Array(UserView) }), ...Errors } },
  }, async () => ({ users: ctx.auth.users() }));

  app.post('/api/users', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['users'], security: secured, summary: 'Create a user',
      body: Type.Object({ username: Username, password: NewPassword, name: Name, role: RoleSchema, windows: Type.Optional(Type.Array(Id, { maxItems: 100 })) }, strict),
      response: { 201: UserView, ...Errors },
    },
  }, async (req, reply) => {
    for (const w of req.body.windows ?? []) if (!ctx.hall.state.windows.has(w)) throw new AppError(422, 'UNKNOWN_WINDOW', `no window ${w}`);
    const u = await ctx.auth.createUser(req.body as typeof req.body & { role: Role });
    ctx.auth.audit(who(req), 'user-created', `user:${u.username}`, { role: u.role }, req.ip);
    return reply.status(201).send(u);
  });

  app.patch('/api/users/:id', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['users'], security: secured, summary: 'Change a user: name, role, password, windows, or disable (signs them out everywhere)',
      params: IdParams,
      body: Type.Object({
        name: Type.Optional(Name), role: Type.Optional(RoleSchema), password: Type.Optional(NewPassword),
        disabled: Type.Optional(Type.Boolean()), windows: Type.Optional(Type.Union([Type.Array(Id, { maxItems: 100 }), Type.Null()])),
      }, strict),
      response: { 200: UserView, ...Errors },
    },
  }, async (req) => {
    const u = await ctx.auth.updateUser(req.params.id, req.body as typeof req.body & { role?: Role });
    if (req.body.disabled || req.body.password || req.body.role) disconnectWhere(app.io, (s) => s.kind === 'user' && s.id === u.id);
    ctx.auth.audit(who(req), 'user-changed', `user:${u.username}`, { ...req.body, password: req.body.password ? '***' : undefined }, req.ip);
    return u;
  });

  app.post('/api/users/:id/sign-out-everywhere', {
    preHandler: app.allow('admin'),
    schema: { tags: ['users'], security: secured, params: IdParams, response: { 200: Type.Object({ revoked: Type.Integer() }), ...Errors } },
  }, async (req) => {
    const revoked = ctx.auth.revokeAll(req.params.id);
    disconnectWhere(app.io, (s) => s.kind === 'user' && s.id === req.params.id);
    ctx.auth.audit(who(req), 'sessions-revoked', `user:${req.params.id}`, { revoked }, req.ip);
    return { revoked };
  });

  app.get('/api/devices', {
    preHandler: app.allow('admin', 'supervisor'), schema: { tags: ['devices'], security: secured, response: { 200: Type.Object({ devices: Type.Array(DeviceView) }), ...Errors } },
  }, async () => ({ devices: ctx.auth.devices() }));

  app.post('/api/devices', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['devices'], security: secured, summary: 'Register a device and get its one-time pairing code',
      body: Type.Object({ kind: DeviceKindSchema, name: Name, windowId: Type.Optional(Id), kioskId: Type.Optional(Id) }, strict),
      response: { 201: Type.Object({ id: Type.String(), pairingCode: Type.String(), device: DeviceView }), ...Errors },
    },
  }, async (req, reply) => {
    const b = req.body;
    if ((b.kind === 'pad' || b.kind === 'window-screen') && (!b.windowId || !ctx.hall.state.windows.has(b.windowId))) {
      throw new AppError(422, 'WINDOW_REQUIRED', `a ${b.kind} is bound to an existing window: give windowId`);
    }
    if (b.kind === 'kiosk' && (!b.kioskId || !(ctx.config.kiosks ?? []).some((k) => k.id === b.kioskId))) {
      throw new AppError(422, 'KIOSK_REQUIRED', 'a kiosk device is bound to a kiosk of the configuration: give kioskId');
    }
    const r = ctx.auth.createDevice(b as typeof b & { kind: DeviceKind });
    ctx.auth.audit(who(req), 'device-created', `device:${r.id}`, { kind: b.kind, name: b.name }, req.ip);
    return reply.status(201).send(r);
  });

  app.post('/api/devices/pair', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['devices'], summary: 'Pair this device with a one-time code',
      body: Type.Object({ pairingCode: Type.String({ minLength: 4, maxLength: 16, pattern: '^\\s*\\d+\\s*$' }) }, strict),
      response: { 200: Type.Object({ token: Type.String(), device: DeviceView }), ...Errors },
    },
  }, async (req) => {
    const r = ctx.auth.pair(req.body.pairingCode);
    ctx.auth.audit(null, 'device-paired', `device:${r.device.id}`, { name: r.device.name }, req.ip);
    return r;
  });

  app.delete('/api/devices/:id', {
    preHandler: app.allow('admin'),
    schema: { tags: ['devices'], security: secured, summary: 'Unpair a device: its token stops working at once', params: IdParams, response: { 200: DeviceView, ...Errors } },
  }, async (req) => {
    const d = ctx.auth.unpair(req.params.id);
    disconnectWhere(app.io, (s) => s.kind === 'device' && s.id === d.id);
    ctx.auth.audit(who(req), 'device-unpaired', `device:${d.id}`, undefined, req.ip);
    return d;
  });

  app.post('/api/devices/:id/pairing-code', {
    preHandler: app.allow('admin'),
    schema: { tags: ['devices'], security: secured, summary: 'A new one-time code (re-pair a replaced device)', params: IdParams, response: { 200: Type.Object({ id: Type.String(), pairingCode: Type.String() }), ...Errors } },
  }, async (req) => {
    const r = ctx.auth.repair(req.params.id);
    ctx.auth.audit(who(req), 'device-code-renewed', `device:${r.id}`, undefined, req.ip);
    return r;
  });
};
export default routes;
