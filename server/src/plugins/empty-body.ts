import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../services/app-error.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';

/** Whether a route's body schema asks for nothing: an object whose every property is optional. */
export function bodyAllOptional(schema: FastifySchema | undefined): boolean {
  const body = schema?.body as { type?: unknown; required?: unknown[] } | undefined;
  return body !== undefined && body.type === 'object' && (body.required === undefined || body.required.length === 0);
}

/**
 * A POST that sends no body at all (`curl -X POST …/sign-in`) on a route whose body is all optional
 * is read as `{}`, as api.md has it: such a body asks for nothing. An empty body sent as JSON is
 * "no body" too. Routes whose body has a required field still answer 400 VALIDATION_FAILED. A body
 * nested deeper than any real one is refused before it is parsed (400 BODY_TOO_DEEP).
 */
export default fp(async function emptyBody(app: FastifyInstance) {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    if (nestsDeeperThan(text)) return done(new AppError(400, 'BODY_TOO_DEEP', `the body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    json(req, text, done);
  });
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && bodyAllOptional(req.routeOptions.schema)) req.body = {};
  });
}, { name: 'empty-body', fastify: '5.x' });
