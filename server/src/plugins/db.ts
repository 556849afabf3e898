import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DataFolderLock } from '../repositories/data-lock.ts';
import { openDatabase, type Db } from '../repositories/db.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The hall's SQLite database (repositories/db.ts): only the composition in plugins/services.ts reads it. */
    db: Db;
  }
}

/**
 * Takes the data folder's lock (repositories/data-lock.ts: a second server on the same folder, or
 * a restore while this one runs, is refused), opens the hall's database (WAL, synchronous=FULL,
 * migrations applied), and closes both last.
 */
export default fp(async function db(app: FastifyInstance, opts: { dataDir: string }) {
  const lock = DataFolderLock.acquire(opts.dataDir, 'the OneWindow server');
  let database: Db;
  try {
    database = openDatabase(opts.dataDir);
  } catch (e) {
    lock.release();
    throw e;
  }
  app.decorate('db', database);
  // Registered before every plugin that writes, so its onClose runs after theirs (Fastify closes
  // plugins in the reverse order of registration): the hall commits its open group, then this closes.
  app.addHook('onClose', async () => {
    database.close();
    lock.release();
  });
}, { name: 'db', fastify: '5.x' });
