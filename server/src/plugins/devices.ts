import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.ts';
import type { Principal } from '../services/auth.service.ts';
import { DevicesService } from '../services/devices.service.ts';

declare module 'fastify' {
  interface FastifyInstance { serialDevices: DevicesService }
}

/**
 * The hall's wired devices (pads, LED window screens, keypads on RS-485 lines), as the configuration
 * lists them, now and after each reload. `ONEWINDOW_SERIAL_HEARTBEAT_MS` tells the pads' heartbeat
 * interval if it is not 5 s.
 */
export default fp(async function devices(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
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
