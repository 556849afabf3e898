import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { DeviceKind, Role } from '@onewindow/protocol';
import { AppError } from '../services/app-error.ts';
import type { Principal } from '../services/auth/auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest { principal: Principal | null }
  interface FastifyInstance {
    /** A preHandler that lets through only these roles and device kinds; with none, any valid token. */
    allow(...who: (Role | DeviceKind | 'any-user')[]): preHandlerAsyncHookHandler;
    /** Any valid token, even one whose password must be replaced first: the account's own routes (/api/auth). */
    allowAccount: preHandlerAsyncHookHandler;
  }
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : undefined;
}

/** Bearer tokens for people and devices: 401 when missing or wrong, 403 when the role is not allowed. */
export default fp(async function auth(app: FastifyInstance) {
  const service = app.services.auth;
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    req.principal = service.authenticate(bearer(req));
  });
  app.decorate('allowAccount', async (req: FastifyRequest) => {
    if (!req.principal) throw new AppError(401, 'UNAUTHORIZED', 'a valid bearer token is required');
  });
  app.decorate('allow', (...who: string[]) => async (req: FastifyRequest) => {
    const p = req.principal;
    if (!p) throw new AppError(401, 'UNAUTHORIZED', 'a valid bearer token is required');
    if (p.kind === 'user' && p.mustChangePassword) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', 'set a password of your own first (POST /api/auth/password)');
    }
    if (who.length === 0) return;
    const ok = p.kind === 'user' ? who.includes(p.role) || who.includes('any-user') || (p.role === 'admin' && who.includes('supervisor')) : who.includes(p.deviceKind);
    if (!ok) throw new AppError(403, 'FORBIDDEN', `not allowed for ${p.kind === 'user' ? p.role : p.deviceKind}`);
  });
}, { name: 'auth', dependencies: ['services', 'errors'], fastify: '5.x' });
