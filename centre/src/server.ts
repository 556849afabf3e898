// The centre's process entry: `npm run centre`. Configuration from the environment (centre.md).
import { readEnv } from './env.ts';
import { startCentre } from './start.ts';

let env;
let centre;
try {
  env = readEnv();
  centre = await startCentre(env);
} catch (e) {
  console.error(`OneWindow centre: could not start.\n${(e as Error).message}`);
  process.exit(1);
}
const base = centre.url;
console.log(`
一窗 OneWindow — district centre (区级政务服务中心)
  data:      ${env.dataDir}
  database:  ${centre.embedded ? `embedded PostgreSQL in ${env.dataDir}/pg` : 'DATABASE_URL'}
  pages:     ${base}/district/           the district wall
             ${base}/district/reports/   reports, 好差评 and follow-ups
             ${base}/district/waits/     public: every hall's live waits
  API:       ${base}/api/docs  (OpenAPI)
  sign in:   admin / ${centre.admin.password ? `${centre.admin.password}   (written to ${centre.admin.file}; change it)` : centre.admin.created ? '(ONEWINDOW_CENTRE_ADMIN_PASSWORD)' : '(your existing password)'}
`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`OneWindow centre: ${signal}, shutting down…`);
  const force = setTimeout(() => process.exit(1), 15_000).unref();
  await centre!.close();
  clearTimeout(force);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
