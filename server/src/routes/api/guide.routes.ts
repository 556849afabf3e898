import { Type } from 'typebox';
import { GuideLookup } from '@onewindow/protocol';
import { Errors, resource, secured, strict } from './common.ts';

/** `/api/guide`: the guide desk's look-up of a visitor (extension). */
export default resource('guide', async (app) => {
  const { guide } = app.services;

  app.get('/api/guide/lookup', {
    preHandler: app.allow('guide', 'supervisor'),
    schema: {
      tags: ['guide'], security: secured,
      summary: 'Find today\'s tickets and bookings of a visitor by ticket number (A012), booking code, or mobile number (extension)',
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 32 }) }, strict),
      response: { 200: GuideLookup, ...Errors },
    },
  }, async (req) => guide.lookup(req.query.q));
});
