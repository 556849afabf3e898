// The process entry: configuration from the environment, the app, signals. `npm start` runs this.
import { resolve } from 'node:path';
import { networkInterfaces } from 'node:os';
import { ConfigError, loadHallConfig } from '@onewindow/config';
import { buildApp } from './app.ts';
import { DataFolderBusy } from './repositories/data-lock.ts';
import { machineTime } from './services/clock.ts';
import { hallFiles } from './services/admin/hall-file.ts';
import { ensureAdmin } from './services/auth/initial-admin.ts';
import { phoneAddress } from './services/hall/phone-address.ts';
import { getPolicy } from './engine/index.ts';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const defaultFile = resolve(root, 'config/hall.yaml');
const dataDir = resolve(process.env.ONEWINDOW_DATA ?? resolve(root, 'data'));
// The console never writes the repository's default file: on it, its saves go to the data folder
// and are read from there at every later start (services/admin/hall-file.ts).
const files = hallFiles({ configured: resolve(process.env.ONEWINDOW_CONFIG ?? defaultFile), defaultFile, dataDir });
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';

function load() {
  try {
    return loadHallConfig(files.read);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`OneWindow: the hall configuration is not valid, nothing was started.\n${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

const config = load();
{
  const { existsSync } = await import('node:fs');
  const { checkIntegrity } = await import('./repositories/integrity.ts');
  const dbFile = resolve(dataDir, 'onewindow.db');
  const check = existsSync(dbFile) ? checkIntegrity(dbFile) : 'ok';
  if (check !== 'ok') {
    console.error(`OneWindow: the database ${dbFile} is damaged (${check}); nothing was started.\nRestore the newest backup: npm run restore -- ${resolve(dataDir, 'backups')}/onewindow-YYYY-MM-DD.db`);
    process.exit(1);
  }
}
// Test hook only (server/test/clock.test.ts): the wall clock moved by the milliseconds written in
// this file, read again whenever it changes, as if someone set the machine's date.
const testClock = process.env.ONEWINDOW_TEST_CLOCK_FILE;
let skew = 0;
if (testClock) {
  const { readFileSync, watchFile } = await import('node:fs');
  const read = () => { try { skew = Number(readFileSync(testClock, 'utf8').trim()) || 0; } catch { skew = 0; } };
  read();
  watchFile(testClock, { interval: 50 }, read).unref();
}
const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
// What phones open from the QR codes when the hall file names no publicUrl: an address this server
// really listens on (a loopback-bound server's QR no longer points at a LAN address where nothing listens).
const listened = phoneAddress({ host, port, interfaces: networkInterfaces() });
const app = await buildApp({
  config, dataDir, hallFiles: files, root, ignoreHours: process.env.ONEWINDOW_IGNORE_HOURS === '1', policy: process.env.ONEWINDOW_POLICY,
  publicUrl: listened.url, logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  time: testClock ? machineTime(() => skew) : undefined, trustProxy: process.env.ONEWINDOW_TRUST_PROXY,
}).catch((e: unknown) => {
  if (!(e instanceof DataFolderBusy)) throw e;
  console.error(`OneWindow: ${e.message}; nothing was started. One server per data folder (and no restore while it runs).`);
  process.exit(1);
});
// An empty ONEWINDOW_ADMIN_PASSWORD is no password: a random one is made, as when it is unset.
const admin = await ensureAdmin(app.services.auth, dataDir, process.env.ONEWINDOW_ADMIN_PASSWORD || undefined);
await app.listen({ port, host });
app.services.hall.ensureDay();

const base = `http://localhost:${port}`;
const phones = phoneAddress({ publicUrl: config.hall.publicUrl, host, port, interfaces: networkInterfaces() });
console.log(`
一窗 OneWindow — ${config.hall.name}
  data:      ${dataDir}
  config:    ${files.read}${files.write !== files.read ? `\n             (the admin console saves to ${files.write})` : ''}
  pages:     ${base}/kiosk/            ticket kiosk (pair it with a code, see below)
             ${base}/counter/          clerk terminal (sign in)
             ${base}/counter/pad/      evaluator pad
             ${base}/display/          caller screen
             ${base}/display/window/W01  window screen
             ${base}/display/supervisor/ supervisors' wall and admin console
  API:       ${base}/api/docs  (OpenAPI)${lan && listened.source === 'lan' ? `\n  on the LAN: http://${lan}:${port}/` : ''}
  phones:    ${phones.url.replace(/\/+$/, '')}/track/…  (the QR codes on slips and screens${phones.source === 'publicUrl' ? ', from hall.publicUrl' : ''})${phones.warning ? `\n  WARNING:   ${phones.warning}` : ''}
  sign in:   admin / ${admin.password ? `${admin.password}   (written to ${admin.file}; change it)` : admin.created ? '(ONEWINDOW_ADMIN_PASSWORD)' : '(your existing password)'}
  devices:   create them in the admin console, or POST /api/devices, then open the page with #pair=CODE
`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`OneWindow: ${signal}, shutting down cleanly…`);
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  await app.close();
  clearTimeout(force);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// The console's rules apply to a reload too (services/admin): a refused file leaves the hall as it
// was, says why here and raises an alert on the supervisors' wall.
process.on('SIGHUP', () => {
  try {
    const s = app.services;
    const r = s.admin.reload(() => loadHallConfig(files.read), getPolicy(process.env.ONEWINDOW_POLICY) ?? s.hall.policy);
    if (r.applied) {
      console.log(`OneWindow: configuration reloaded (${r.changes.length} change(s)); tickets kept their numbers and places.${r.restartRequired.length ? ` At the next start: ${r.restartRequired.join(', ')}.` : ''}`);
    } else console.error(`OneWindow: ${r.code}: ${r.message}`);
  } catch (e) {
    console.error(`OneWindow: the reload failed, the configuration in force stays.\n${(e as Error).message}`);
  }
});
