import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../services/app-error.ts';
import type { HallService } from '../services/hall.service.ts';
import { errorBody } from './errors.ts';

/**
 * No answer leaves before what it reports is on disk: while the hall's group commit is open or
 * not yet flushed (hall.service.ts), every reply waits for it, and a successful request that may
 * have written outside a group (a sign-in, a note) waits for the log's next flush. When the disk refused the
 * group, the reply becomes that refusal, 503 STORE_UNAVAILABLE in the usual error shape, whatever
 * the command had answered.
 */
export default fp(async function durable(app: FastifyInstance, opts: { hall: HallService }) {
  app.addHook('onSend', async (req, reply, payload) => {
    const wrote = reply.statusCode < 400 && req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    const pending = wrote ? opts.hall.synced() : opts.hall.durable();
    if (!pending) return payload;
    try {
      await pending;
      return payload;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      reply.status(err.status).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify(errorBody(err.code, err.message, err.details));
    }
  });
}, { name: 'durable' });
