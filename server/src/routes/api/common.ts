import { Type } from 'typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '@onewindow/protocol';
import type { Principal } from '../../services/auth/auth.service.ts';
import { actorOf } from '../../services/queue/queue.service.ts';
import type { Idempotency } from '../../services/hall/hall.service.ts';
import { AppError } from '../../services/app-error.ts';

/**
 * One resource's routes as a plugin of its own: encapsulated, and declaring what must be
 * registered before it (the services, authentication, the error shape, empty bodies read as {}).
 */
export function resource(name: string, routes: FastifyPluginAsyncTypebox): FastifyPluginAsync {
  return fp(routes as FastifyPluginAsync, {
    name: `routes:${name}`, dependencies: ['services', 'auth', 'errors', 'empty-body', 'durable'], encapsulate: true, fastify: '5.x',
  });
}

export const strict = { additionalProperties: false } as const;
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, hall-local', examples: ['2026-11-23'] });

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

/** Who looks a booking code up, for the limit on lookups that find nothing: a device, a person, or an address. */
export function requester(req: FastifyRequest): string {
  const p = req.principal;
  if (p?.kind === 'device') return `device:${p.id}`;
  if (p?.kind === 'user') return `user:${p.id}`;
  return `ip:${req.ip}`;
}

export function idempotency(req: FastifyRequest): Idempotency | undefined {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return undefined;
  return { scope: `${actorOf(who(req))} ${req.routeOptions.url}`, key };
}
