import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { EngineError } from '../engine/index.ts';
import { isStorageFailure } from '../repositories/integrity.ts';
import { AppError } from '../services/app-error.ts';

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** One error shape everywhere (api.md): `{error: {code, message, details}}`, never a 500 for bad input. */
export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof EngineError || err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    // A full or failing disk under any write (a sign-in's session, an audit line): 503, and the
    // hall is degraded until the store works again, as when a ticket could not be kept.
    if (isStorageFailure(err) && app.hasDecorator('services')) {
      const refusal = app.services.hall.storageError(err);
      req.log.error({ err }, 'the store refused a write');
      return reply.status(refusal.status).send(errorBody(refusal.code, refusal.message, refusal.details));
    }
    const e = err as FastifyError;
    if (e.validation) {
      const details = e.validation.map((v) => ({ path: v.instancePath || '/', message: v.message, params: v.params }));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `${e.validationContext ?? 'request'} ${e.validation[0]?.instancePath ?? ''} ${e.validation[0]?.message ?? 'is invalid'}`.replace(/\s+/g, ' ').trim(), details));
    }
    const mapped: Record<string, [number, string]> = {
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON'],
      FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON'],
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_CONTENT_LENGTH'],
      FST_ERR_RATE_LIMITED: [429, 'RATE_LIMITED'],
    };
    const m = e.code ? mapped[e.code] : undefined;
    if (m) return reply.status(m[0]).send(errorBody(m[1], e.message));
    if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) return reply.status(400).send(errorBody('INVALID_JSON', 'the body is not valid JSON'));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send(errorBody(e.code ?? 'BAD_REQUEST', e.message));
    }
    req.log.error({ err }, 'unexpected error');
    return reply.status(500).send(errorBody('INTERNAL', 'something went wrong on the server; it has been logged'));
  });

  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)));
}, { name: 'errors', fastify: '5.x' });
