import { Type } from 'typebox';
import { Errors, resource, secured, strict } from './common.ts';

/** `/api/audit`: who did what, for the admin. */
export default resource('audit', async (app) => {
  const { audit } = app.services;

  app.get('/api/audit', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['admin'], security: secured, summary: 'The audit log, newest first: sign-ins, users, devices, configuration, follow-ups',
      querystring: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })) }, strict),
      response: {
        200: Type.Object({
          entries: Type.Array(Type.Object({
            at: Type.String(), actor: Type.Union([Type.String(), Type.Null()]), action: Type.String(),
            target: Type.Union([Type.String(), Type.Null()]), detail: Type.Unknown(), ip: Type.Union([Type.String(), Type.Null()]),
          })),
        }),
        ...Errors,
      },
    },
  }, async (req) => ({ entries: audit.list(Math.min(1000, Math.max(1, Number(req.query.limit ?? 200)))) }));

});
