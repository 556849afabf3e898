import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { DeviceView, UserView } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import { PASSWORD_RULE } from '../../services/auth/password-policy.ts';
import { Errors, resource, secured, strict, who } from './common.ts';

export const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' });
const Password = Type.String({ minLength: 1, maxLength: 256 });
/** A new password: its length and kinds are the policy's (422 WEAK_PASSWORD, services/auth/password-policy.ts), not the schema's. */
export const NewPassword = Type.String({ minLength: 1, maxLength: 256, description: `${PASSWORD_RULE} (else 422 WEAK_PASSWORD)` });

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
    preHandler: app.allowAccount, schema: { tags: ['auth'], security: secured, response: { 200: Type.Object({ ok: Type.Boolean() }), ...Errors } },
  }, async (req) => {
    auth.logout(who(req));
    return { ok: true };
  });

  app.post('/api/auth/password', {
    preHandler: app.allowAccount,
    // Guessing the current password through here is as limited as through the sign-in.
    config: { rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `${req.ip}|${req.principal?.id ?? ''}` } },
    schema: {
      tags: ['auth'], security: secured,
      summary: 'Change your own password (extension): the current one, and a new one that meets the policy; your other sessions end, this one goes on. Required before anything else when `user.mustChangePassword` (the first admin\'s generated password)',
      body: Type.Object({ currentPassword: Password, newPassword: NewPassword }, strict),
      response: { 200: Type.Object({ user: UserView }), ...Errors },
    },
  }, async (req) => {
    const p = who(req);
    try {
      const user = await auth.changeOwnPassword(p, req.body.currentPassword, req.body.newPassword);
      audit.record(p, 'password-changed', `user:${user.username}`, undefined, req.ip);
      return { user };
    } catch (e) {
      if (p.kind === 'user') audit.record(p, 'password-change-refused', `user:${p.username}`, { code: (e as { code?: string }).code }, req.ip);
      throw e;
    }
  });

  app.get('/api/auth/me', {
    preHandler: app.allowAccount,
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
