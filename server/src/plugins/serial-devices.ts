import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SerialDeviceService } from '../services/serial/serial-device.service.ts';

declare module 'fastify' {
  interface FastifyInstance { serialDevices: SerialDeviceService }
}

/**
 * The hall's serial devices (pads, LED window screens, keypads on RS-485 lines), as the
 * configuration lists them, now and after each reload: opened when the app is ready, closed with
 * it. `ONEWINDOW_SERIAL_HEARTBEAT_MS` tells the pads' heartbeat interval if it is not 5 s.
 */
export default fp(async function serialDevices(app: FastifyInstance) {
  const s = app.services;
  const svc = new SerialDeviceService({
    config: s.config, hall: s.hall, queue: s.queue, alerts: s.alerts, evaluations: s.evaluations,
    principalOf: (userId) => s.auth.principalOf(userId), agents: s.agents, log: app.log,
  });
  app.decorate('serialDevices', svc);
  const heartbeat = Number(process.env.ONEWINDOW_SERIAL_HEARTBEAT_MS);
  app.addHook('onReady', async () => { svc.start(heartbeat > 0 ? { heartbeatIntervalMs: heartbeat } : {}); });
  app.addHook('preClose', async () => { await svc.close(); });
}, { name: 'serial-devices', dependencies: ['services'], fastify: '5.x' });
