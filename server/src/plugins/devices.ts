import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.ts';
import type { Principal } from '../services/auth.service.ts';
import { DevicesService, hasSerialDevices } from '../services/devices.service.ts';

declare module 'fastify' {
  interface FastifyInstance { serialDevices: DevicesService | null }
}

/**
 * The hall's wired devices (pads, LED window screens, keypads on RS-485 lines), when the configuration
 * has any. `ONEWINDOW_SERIAL_HEARTBEAT_MS` tells the pads' heartbeat interval if it is not 5 s.
 */
export default fp(async function devices(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  if (!hasSerialDevices(ctx.config)) {
    app.decorate('serialDevices', null);
    return;
  }
  const principalOf = (id: string): Principal | null => {
    const u = ctx.authRepo.userById(id);
    return u && !u.disabled ? { kind: 'user', id: u.id, username: u.username, name: u.name, role: u.role, windows: u.windows, tokenHash: '' } : null;
  };
  const svc = new DevicesService({ config: ctx.config, hall: ctx.hall, queue: ctx.queue, alerts: ctx.alerts, evaluations: ctx.evaluations, principalOf, log: app.log });
  const heartbeat = Number(process.env.ONEWINDOW_SERIAL_HEARTBEAT_MS);
  svc.start(heartbeat > 0 ? { heartbeatIntervalMs: heartbeat } : {});
  app.decorate('serialDevices', svc);
  app.addHook('preClose', async () => { await svc.close(); });
}, { name: 'serial-devices' });
