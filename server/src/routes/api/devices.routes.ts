import { Type } from 'typebox';
import { DeviceKindSchema, DeviceView, type DeviceKind } from '@onewindow/protocol';
import type {} from '@fastify/rate-limit';
import { Errors, Id, IdParams, resource, secured, strict, who } from './common.ts';

const Name = Type.String({ minLength: 1, maxLength: 64 });

/** `/api/devices`: the paired devices (kiosks, screens, pads): created by the admin, paired once with a code. */
export default resource('devices', async (app) => {
  const { devices, audit } = app.services;

  app.get('/api/devices', {
    preHandler: app.allow('admin', 'supervisor'),
    schema: {
      tags: ['devices'], security: secured, response: { 200: Type.Object({ devices: Type.Array(DeviceView) }), ...Errors },
      summary: 'Every device, connected now or when last seen; for admins also the pairing code of each device still waiting to pair (until used or expired)',
    },
  }, async (req) => ({ devices: devices.list({ codes: req.principal?.kind === 'user' && req.principal.role === 'admin' }) }));

  app.post('/api/devices', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['devices'], security: secured, summary: 'Register a device and get its one-time pairing code',
      body: Type.Object({ kind: DeviceKindSchema, name: Name, windowId: Type.Optional(Id), kioskId: Type.Optional(Id) }, strict),
      response: { 201: Type.Object({ id: Type.String(), pairingCode: Type.String(), device: DeviceView }), ...Errors },
    },
  }, async (req, reply) => {
    const r = devices.create(req.body as typeof req.body & { kind: DeviceKind });
    audit.record(who(req), 'device-created', `device:${r.id}`, { kind: req.body.kind, name: req.body.name }, req.ip);
    return reply.status(201).send(r);
  });

  app.post('/api/devices/pair', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['devices'], summary: 'Pair this device with a one-time code',
      body: Type.Object({ pairingCode: Type.String({ minLength: 4, maxLength: 16, pattern: '^\\s*\\d+\\s*$' }) }, strict),
      response: { 200: Type.Object({ token: Type.String(), device: DeviceView }), ...Errors },
    },
  }, async (req) => {
    const r = devices.pair(req.body.pairingCode);
    audit.record(null, 'device-paired', `device:${r.device.id}`, { name: r.device.name }, req.ip);
    return r;
  });

  app.patch('/api/devices/:id', {
    preHandler: app.allow('admin'),
    schema: {
      tags: ['devices'], security: secured, summary: 'Rename a device or bind it to another window or kiosk (it reconnects with the new binding)',
      params: IdParams,
      body: Type.Object({
        name: Type.Optional(Name),
        windowId: Type.Optional(Type.Union([Id, Type.Null()])),
        kioskId: Type.Optional(Type.Union([Id, Type.Null()])),
      }, { ...strict, minProperties: 1 }),
      response: { 200: DeviceView, ...Errors },
    },
  }, async (req) => {
    const { before, after } = devices.update(req.params.id, req.body);
    audit.record(who(req), 'device-changed', `device:${before.id}`, { from: { name: before.name, windowId: before.windowId, kioskId: before.kioskId }, to: req.body }, req.ip);
    return after;
  });

  app.delete('/api/devices/:id', {
    preHandler: app.allow('admin'),
    schema: { tags: ['devices'], security: secured, summary: 'Unpair a device: its token stops working at once', params: IdParams, response: { 200: DeviceView, ...Errors } },
  }, async (req) => {
    const d = devices.unpair(req.params.id);
    audit.record(who(req), 'device-unpaired', `device:${d.id}`, undefined, req.ip);
    return d;
  });

  app.post('/api/devices/:id/pairing-code', {
    preHandler: app.allow('admin'),
    schema: { tags: ['devices'], security: secured, summary: 'A new one-time code (re-pair a replaced device)', params: IdParams, response: { 200: Type.Object({ id: Type.String(), pairingCode: Type.String() }), ...Errors } },
  }, async (req) => {
    const r = devices.repair(req.params.id);
    audit.record(who(req), 'device-code-renewed', `device:${r.id}`, undefined, req.ip);
    return r;
  });
});
