import { Type } from 'typebox';
import { Nullable } from '@onewindow/protocol';
import { Errors, Id, resource, secured } from './common.ts';

const PrinterInfo = Type.Object({
  kioskId: Type.String(),
  name: Type.String({ description: 'the kiosk\'s name' }),
  type: Type.String({ examples: ['network', 'serial', 'usb', 'lp', 'file', 'none', 'agent'] }),
  description: Type.String({ examples: ['tcp://192.168.1.50:9100', 'agent:K1-kiosk lp:/dev/usb/lp0'] }),
  state: Type.Enum(['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error', 'disabled', 'unknown'] as const),
  detail: Nullable(Type.String()),
  at: Nullable(Type.String()),
  pending: Type.Integer({ minimum: 0, description: 'jobs waiting or printing (for an agent printer: kept in the database until its agent prints them)' }),
  lastJob: Nullable(Type.Object({
    number: Type.String(), status: Type.Enum(['printed', 'failed', 'skipped'] as const), error: Nullable(Type.String()), at: Type.String(),
  })),
});

/** Kiosk ticket printers: their live state for supervisors, a test slip for the admin. */
export default resource('printers', async (app) => {
  const { printing } = app.services;

  app.get('/api/printers', {
    preHandler: app.allow('supervisor'),
    schema: {
      tags: ['printers'], security: secured, summary: 'Each kiosk\'s ticket printer: state, queue, last job',
      response: { 200: Type.Object({ printers: Type.Array(PrinterInfo) }), ...Errors },
    },
  }, async () => ({ printers: printing.list() }));

  app.post('/api/printers/:kioskId/test', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['printers'], security: secured, summary: 'Print a test slip on a kiosk\'s printer (waits up to 8 s for the result)',
      params: Type.Object({ kioskId: Id }),
      response: {
        200: Type.Object({
          job: Type.Object({ jobId: Type.String(), status: Type.Enum(['printed', 'failed', 'skipped', 'queued'] as const), error: Nullable(Type.String()) }),
          printer: PrinterInfo,
        }),
        ...Errors,
      },
    },
  }, async (req) => {
    const job = await printing.test(req.params.kioskId);
    return { job, printer: printing.list().find((p) => p.kioskId === req.params.kioskId)! };
  });
});
