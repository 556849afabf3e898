import { Type, type TSchema } from 'typebox';
import { OutcomeSchema, TicketView, WindowSummary, WindowView } from '@onewindow/protocol';
import type { WindowAction } from '../../services/queue/queue.service.ts';
import { Errors, Id, IdempotencyHeaders, idempotency, resource, secured, strict, who } from './common.ts';
const Note = Type.String({ maxLength: 500 });
const Result = Type.Object({ ticket: Type.Union([TicketView, Type.Null()]), window: WindowView });
const Empty = Type.Optional(Type.Object({}, strict));

/** Every window action as its own route: one schema each, one line in the OpenAPI description. */
const ACTIONS: { path: string; kind: WindowAction['kind']; summary: string; body: TSchema }[] = [
  { path: 'sign-in', kind: 'sign-in', summary: 'The clerk takes the window for the day', body: Empty },
  { path: 'sign-out', kind: 'sign-out', summary: 'The clerk leaves the window (finish the current ticket first)', body: Empty },
  { path: 'call-next', kind: 'call-next', summary: 'Call the next ticket routing chooses; `ticket: null` when nothing waits for this window', body: Empty },
  { path: 'call', kind: 'call', summary: 'Call a given ticket: a number typed by the clerk, or one parked on hold here (extension)', body: Type.Object({ ticketId: Type.Optional(Id), number: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,2}\\d{1,4}$' })) }, strict) },
  { path: 'recall', kind: 'recall', summary: 'Announce the current ticket again', body: Empty },
  { path: 'start', kind: 'start', summary: 'The visitor has arrived: service starts', body: Empty },
  {
    path: 'finish', kind: 'finish',
    summary: 'Finish with an outcome; `nextServiceId` adds a further matter to the same ticket; with `incomplete`, `missing` lists the materials to bring (一次性告知: printed, on the visitor\'s phone, by SMS) (extensions)',
    body: Type.Object({
      outcome: OutcomeSchema, note: Type.Optional(Note), nextServiceId: Type.Optional(Id),
      missing: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 30 })),
    }, strict),
  },
  { path: 'no-show', kind: 'no-show', summary: 'The called visitor never came: only after a real call (config noShow: so many calls or seconds), else 409 NO_SHOW_TOO_EARLY (extension)', body: Empty },
  { path: 'transfer', kind: 'transfer', summary: 'Transfer to a service or a window, front or end of its queue', body: Type.Object({ serviceId: Type.Optional(Id), windowId: Type.Optional(Id), position: Type.Optional(Type.Enum(['front', 'end'])), note: Type.Optional(Note) }, strict) },
  { path: 'pause', kind: 'pause', summary: 'Pause the window with a reason', body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, strict) },
  { path: 'resume', kind: 'resume', summary: 'End a pause', body: Empty },
  { path: 'auto-call', kind: 'auto-call', summary: 'Auto-call (自动叫号, extension): `afterSec` seconds after each visitor the window calls its next by itself; `null` turns it off. The window shows the countdown as `autoCallAt`', body: Type.Object({ afterSec: Type.Union([Type.Integer({ minimum: 0, maximum: 600 }), Type.Null()]) }, strict) },
  { path: 'hold', kind: 'hold', summary: 'Park the visitor (fetching a missing document); call them back later with `call` (extension)', body: Type.Object({ note: Type.Optional(Note) }, strict) },
];

/** `/api/windows/:id/…`: every window action, and what the counter terminal reads beside them. */
export default resource('windows', async (app) => {
  const { queue, counter, audit } = app.services;

  for (const a of ACTIONS) {
    app.post(`/api/windows/:id/${a.path}`, {
      preHandler: app.allow('clerk', 'supervisor'),
      schema: {
        tags: ['windows'], security: secured, summary: a.summary, headers: IdempotencyHeaders,
        params: Type.Object({ id: Id }), body: a.body, response: { 200: Result, ...Errors },
      },
    }, async (req) => {
      const action = { ...((req.body as object | undefined) ?? {}), kind: a.kind } as WindowAction;
      const r = queue.window(who(req), (req.params as { id: string }).id, action, idempotency(req));
      if (a.kind === 'transfer' || a.kind === 'sign-in' || a.kind === 'sign-out') {
        audit.record(who(req), `window-${a.kind}`, `window:${(req.params as { id: string }).id}`, req.body, req.ip);
      }
      return r.body;
    });
  }

  app.get('/api/windows/:id/summary', {
    preHandler: app.allow('clerk', 'supervisor'),
    schema: {
      tags: ['windows'], security: secured, params: Type.Object({ id: Id }), response: { 200: WindowSummary, ...Errors },
      summary: 'For the clerk at the window (or a supervisor): what waits for its skills, today\'s figures, the last tickets with ratings',
    },
  }, async (req) => counter.summary(who(req), req.params.id));
});
