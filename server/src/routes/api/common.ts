import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorBody } from '@onewindow/protocol';
import type { Principal } from '../../services/auth.service.ts';
import { actorOf } from '../../services/queue.service.ts';
import type { Idempotency } from '../../services/hall.service.ts';
import { AppError } from '../../services/app-error.ts';

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IdParams = Type.Object({ id: Id });
export const Errors = {
  400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody, 429: ErrorBody,
};
export const secured = [{ bearer: [] }];
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'the same key within the business day returns the first result' })),
});

/** The principal of an authenticated route (its preHandler has already refused anonymous calls). */
export function who(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError(401, 'UNAUTHORIZED', 'a valid bearer token is required');
  return req.principal;
}

export function idempotency(req: FastifyRequest): Idempotency | undefined {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return undefined;
  return { scope: `${actorOf(who(req))} ${req.routeOptions.url}`, key };
}
