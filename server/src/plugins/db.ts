import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Db } from '../repositories/db.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The hall's SQLite database (repositories/db.ts): only the composition in plugins/services.ts reads it. */
    db: Db;
  }
}

/** Opens the hall's database (WAL, synchronous=FULL, migrations applied) and closes it last. */
export default fp(async function db(app: FastifyInstance, opts: { dataDir: string }) {
  const database = openDatabase(opts.dataDir);
  app.decorate('db', database);
  // Registered before every plugin that writes, so its onClose runs after theirs (Fastify closes
  // plugins in the reverse order of registration): the hall commits its open group, then this closes.
  app.addHook('onClose', async () => { database.close(); });
}, { name: 'db', fastify: '5.x' });
