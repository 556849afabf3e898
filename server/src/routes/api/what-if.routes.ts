import { Type } from 'typebox';
import { WhatIfDays, WhatIfJob, WhatIfRequest } from '@onewindow/protocol';
import { Errors, Id, resource, secured } from './common.ts';

/** `/api/what-if` (extension, issue 18): a finished day replayed with another staffing or policy, beside what happened. */
export default resource('what-if', async (app) => {
  const { whatIf } = app.services;

  app.get('/api/what-if/days', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['what-if'], security: secured, response: { 200: WhatIfDays, ...Errors },
      summary: 'The finished days this hall kept (newest first), the routing policies and the windows with their skills: what a replay can be asked',
    },
  }, async () => whatIf.days());

  app.post('/api/what-if', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['what-if'], security: secured, body: WhatIfRequest, response: { 202: WhatIfJob, ...Errors },
      summary: 'Start replaying a finished day through the simulator with another staffing (windows, skills, hours, breaks), the staffing advice (`preset: "advice"`) or another policy. Runs in a thread of its own; read it with GET /api/what-if/:id. 409 WHAT_IF_BUSY while another runs',
    },
  }, async (req, reply) => {
    void reply.status(202);
    return whatIf.start(req.body);
  });

  app.get('/api/what-if/:id', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['what-if'], security: secured, params: Type.Object({ id: Id }), response: { 200: WhatIfJob, ...Errors },
      summary: 'A replay: its progress (0…1, phase) while it runs; the hour-by-hour comparison (what happened, the day replayed as staffed, what if) when done',
    },
  }, async (req) => whatIf.job(req.params.id));
});
