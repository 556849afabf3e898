// `npm run centre:rebuild`: throws every projection away and makes it again from the stored events.
import { readEnv } from '../env.ts';
import { createContext } from '../context.ts';
import { startEmbedded } from '../store/embedded.ts';
import { migrate } from '../store/migrate.ts';
import { openPool } from '../store/pool.ts';

const env = readEnv();
const embedded = env.databaseUrl ? null : await startEmbedded(env.dataDir);
const pool = openPool(env.databaseUrl ?? embedded!.url);
try {
  await migrate(pool);
  const t0 = Date.now();
  const r = await createContext(pool).rebuild.rebuild();
  console.log(`rebuilt the projections of ${r.halls} hall(s) from ${r.events} event(s) in ${Date.now() - t0} ms`);
} finally {
  await pool.end();
  await embedded?.stop();
}
