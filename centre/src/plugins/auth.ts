import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../services/app-error.ts';
import type { AuthService, Principal } from '../services/auth.service.ts';
import type { CentreRole } from '../repositories/user.repository.ts';

declare module 'fastify' {
  interface FastifyRequest { principal: Principal | null }
  interface FastifyInstance {
    /** Lets through only these roles (admin passes everywhere); with none, any signed-in user. */
    allow(...roles: CentreRole[]): preHandlerAsyncHookHandler;
  }
}

export function bearer(req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1] : undefined;
}

/** People's bearer tokens: 401 when missing or wrong, 403 when the role may not. Hall keys are checked by the hall routes. */
export default fp(async function auth(app: FastifyInstance, opts: { auth: AuthService }) {
  app.decorateRequest('principal', null);
  app.decorate('allow', (...roles: CentreRole[]) => async (req: FastifyRequest) => {
    req.principal = await opts.auth.authenticate(bearer(req));
    const p = req.principal;
    if (!p) throw new AppError(401, 'UNAUTHORIZED', 'sign in: a valid bearer token is required');
    if (roles.length && p.role !== 'admin' && !roles.includes(p.role)) throw new AppError(403, 'FORBIDDEN', `not allowed for ${p.role}`);
  });
}, { name: 'auth' });
