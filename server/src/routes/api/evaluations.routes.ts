import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type {} from '@fastify/rate-limit';
import { EvaluationView } from '@onewindow/protocol/endpoints';
import { AppError } from '../../services/app-error.ts';
import { DateString, Errors, resource, secured, strict, who } from './common.ts';

const Score = Type.Integer({ minimum: 1, maximum: 5 });
const Aspects = Type.Object({
  efficiency: Score, competence: Score, attitude: Score,
}, { ...strict, description: '服务效率, 服务水平, 服务态度: 1–5 each' });

/** The protocol's shape: the UIs read the same. */
export const EvaluationSchema = EvaluationView;

/** 好差评: pads rate the ticket their window just finished; supervisors read the day's ratings. */
export default resource('evaluations', async (app) => {
  const { evaluations } = app.services;

  app.post('/api/evaluations', {
    preHandler: app.allow('pad'),
    config: { rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.principal?.id ?? req.ip } },
    schema: {
      tags: ['evaluations'], security: secured,
      summary: 'A pad rates the ticket its window finished: once per ticket, within the time limit; 1–2 open a follow-up',
      body: Type.Object({
        ticketId: Type.String({ minLength: 1, maxLength: 64 }),
        score: Score,
        reasons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
          maxItems: 10,
          description: 'why, for 1–2: review-reason codes (wait, slow, attitude, unclear, repeat, unprofessional, rules, complex, environment, other) or free text as api.md allows ("等待时间长"); stored as given, mapped to a code where one matches (extension: `reasonCodes` in the answer)',
        })),
        aspects: Type.Optional(Aspects),
        comment: Type.Optional(Type.String({ maxLength: 500 })),
        contact: Type.Optional(Type.String({ maxLength: 64, description: 'a phone number for the call-back; personal data' })),
      }, strict),
      response: { 201: Type.Object({ evaluation: EvaluationSchema }), ...Errors },
    },
  }, async (req, reply) => {
    const p = who(req);
    if (p.kind !== 'device' || !p.windowId) throw new AppError(403, 'FORBIDDEN', 'only a pad bound to a window rates');
    const evaluation = evaluations.record(req.body, { windowId: p.windowId, source: 'pad-web', deviceId: p.id, actor: `device:${p.id}` });
    return reply.status(201).send({ evaluation });
  });

  app.get('/api/evaluations', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['evaluations'], security: secured, summary: 'The ratings of a business day (today by default), contacts masked',
      querystring: Type.Object({ date: Type.Optional(DateString) }, strict),
      response: { 200: Type.Object({ date: Type.String(), evaluations: Type.Array(EvaluationSchema) }), ...Errors },
    },
  }, async (req) => evaluations.list(req.query.date));
});
