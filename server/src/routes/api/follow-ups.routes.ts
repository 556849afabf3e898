import { Type } from 'typebox';
import { Nullable } from '@onewindow/protocol';
import { Errors, IdParams, resource, secured, strict, who } from './common.ts';
import { actorOf } from '../../services/queue/queue.service.ts';

const Status = Type.Union([Type.Literal('open'), Type.Literal('called-back'), Type.Literal('resolved')]);

export const FollowUpSchema = Type.Object({
  id: Type.String(), evaluationId: Type.String(), ticketId: Type.String(), number: Type.String(), day: Type.String(),
  serviceId: Type.String(), serviceName: Type.String(), windowId: Type.String(), windowName: Type.String(),
  clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()),
  score: Type.Integer({ minimum: 1, maximum: 5 }), label: Type.String(), reasons: Type.Array(Type.String()), comment: Nullable(Type.String()),
  contact: Nullable(Type.String({ description: 'masked in the list; whole in GET /api/follow-ups/:id' })),
  status: Status, ratedAt: Type.String(), openedAt: Type.String(), calledBackAt: Nullable(Type.String()), resolvedAt: Nullable(Type.String()),
  callBackDue: Nullable(Type.String({ description: 'one working day after it opened' })),
  resolveDue: Nullable(Type.String({ description: 'fifteen working days after it opened' })),
  overdue: Type.Array(Type.Union([Type.Literal('call-back'), Type.Literal('resolution')])),
  notes: Type.Array(Type.Object({ at: Type.String(), by: Type.String(), status: Status, note: Type.String() })),
});

/** Bad reviews (1–2) and what supervisors did about them. */
export default resource('follow-ups', async (app) => {
  const { followUps, audit } = app.services;

  app.get('/api/follow-ups', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['follow-ups'], security: secured,
      summary: 'Bad reviews awaiting a call-back or a fix, oldest first; `status=all` adds resolved ones. Contacts masked',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')])) }, strict),
      response: { 200: Type.Object({ followUps: Type.Array(FollowUpSchema) }), ...Errors },
    },
  }, async (req) => ({ followUps: followUps.list(req.query.status === 'all') }));

  app.get('/api/follow-ups/:id', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['follow-ups'], security: secured, summary: 'One follow-up with the visitor\'s contact in full, for the call-back (audited)',
      params: IdParams, response: { 200: Type.Object({ followUp: FollowUpSchema }), ...Errors },
    },
  }, async (req) => {
    const followUp = followUps.get(req.params.id);
    if (followUp.contact) audit.record(who(req), 'follow-up-contact-viewed', `follow-up:${followUp.id}`, { ticket: followUp.number }, req.ip);
    return { followUp };
  });

  app.post('/api/follow-ups/:id', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['follow-ups'], security: secured, summary: 'Record a call-back to the visitor, or the resolution',
      params: IdParams,
      body: Type.Object({
        status: Type.Union([Type.Literal('called-back'), Type.Literal('resolved')]),
        note: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description: 'what was said or done' }),
      }, strict),
      response: { 200: Type.Object({ followUp: FollowUpSchema }), ...Errors },
    },
  }, async (req) => {
    const p = who(req);
    const followUp = followUps.record(req.params.id, req.body.status, req.body.note, { actor: actorOf(p), name: p.name });
    audit.record(p, `follow-up-${req.body.status}`, `follow-up:${followUp.id}`, { ticket: followUp.number, note: req.body.note }, req.ip);
    return { followUp };
  });
});
