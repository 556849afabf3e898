import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../services/app-error.ts';

export const errorBody = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** One error shape everywhere: `{error: {code, message, details}}`; bad input is a 4xx, never a 500. */
export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof AppError) return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    const e = err as FastifyError;
    if (e.validation) {
      const details = e.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `${e.validationContext ?? 'request'} ${e.validation[0]?.instancePath ?? ''} ${e.validation[0]?.message ?? 'is invalid'}`.replace(/\s+/g, ' ').trim(), details));
    }
    const mapped: Record<string, [number, string]> = {
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE'], FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON'], FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON'], FST_ERR_RATE_LIMITED: [429, 'RATE_LIMITED'],
    };
    const m = e.code ? mapped[e.code] : undefined;
    if (m) return reply.status(m[0]).send(errorBody(m[1], e.message));
    if (e instanceof SyntaxError) return reply.status(400).send(errorBody('INVALID_JSON', 'the body is not valid JSON'));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.status(e.statusCode).send(errorBody(e.code ?? 'BAD_REQUEST', e.message));
    // The database gone (restarting, unreachable): the hall retries later, a person sees why.
    const pgDown = /ECONNREFUSED|ENOENT|terminating connection|Connection terminated|the database system is/i.test(e.message);
    req.log.error({ err }, 'unexpected error');
    if (pgDown) return reply.status(503).send(errorBody('STORE_UNAVAILABLE', 'the centre\'s database is not reachable; try again shortly'));
    return reply.status(500).send(errorBody('INTERNAL', 'something went wrong at the centre; it has been logged'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)));
}, { name: 'errors' });
