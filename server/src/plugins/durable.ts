import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../services/app-error.ts';
import { errorBody } from './errors.ts';

/**
 * No answer leaves before what it reports is on disk: while the hall's group commit is open
 * (hall.service.ts), every reply waits for it. When the disk refused the group, the reply becomes
 * that refusal, 503 STORE_UNAVAILABLE in the usual error shape, whatever the command had answered.
 */
export default fp(async function durable(app: FastifyInstance) {
  const hall = app.services.hall;
  app.addHook('onSend', async (_req, reply, payload) => {
    const pending = hall.durable();
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
}, { name: 'durable', dependencies: ['services', 'errors'], fastify: '5.x' });
