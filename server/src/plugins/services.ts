import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createServices, type Services, type ServicesOptions } from '../services/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The hall's services (services/index.ts): what routes, the realtime gateway and the device glue talk to. */
    services: Services;
  }
}

export type ServicesPluginOptions = Omit<ServicesOptions, 'db' | 'log'>;

/** Builds the services over the database; starts their listeners when the app is ready and stops them on close. */
export default fp(async function services(app: FastifyInstance, opts: ServicesPluginOptions) {
  const s = createServices({ ...opts, db: app.db, log: app.log });
  app.decorate('services', s);
  app.addHook('onReady', async () => { s.start(); });
  app.addHook('onClose', async () => { await s.stop(); });
}, { name: 'services', dependencies: ['db'], fastify: '5.x' });
