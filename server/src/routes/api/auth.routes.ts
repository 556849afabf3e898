import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { DeviceView, UserView } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import { Errors, resource, secured, strict, who } from './common.ts';

export const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' });
const Password = Type.String({ minLength: 1, maxLength: 256 });

/** `/api/auth`: people sign in and out; any token asks who it belongs to. */
export default resource('auth', async (app) => {
  const { auth, audit } = app.services;

  app.post('/api/auth/login', {
    // Per address and username, counted after the body is parsed (preHandler), so one busy
    // terminal's sign-ins do not lock out the clerk at the next window.
    config: {
      rateLimit: {
        hook: 'preHandler', max: 10, timeWindow: '1 minute',
        keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
      },
    },
    schema: {
      tags: ['auth'], summary: 'Sign in with a username and password',
      body: Type.Object({ username: Username, password: Password }, strict),
      response: { 200: Type.Object({ token: Type.String(), user: UserView }), ...Errors },
    },
  }, async (req) => {
    try {
      const r = await auth.login(req.body.username, req.body.password);
      audit.record(null, 'sign-in', `user:${req.body.username}`, undefined, req.ip);
      return r;
    } catch (e) {
      audit.record(null, 'sign-in-failed', `user:${req.body.username}`, undefined, req.ip);
      throw e;
    }
  });

  app.post('/api/auth/logout', {
    preHandler: app.allow(), schema: { tags: ['auth'], security: secured, response: { 200: Type.Object({ ok: Type.Boolean() }), ...Errors } },
  }, async (req) => {
    auth.logout(who(req));
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
  }, async (req) => auth.me(who(req)));
});
