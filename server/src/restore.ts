// `npm run restore -- FILE`: puts a backup back in place of the hall's database. Stop the server
// first. The current database is kept beside it as onewindow.db.before-restore-<time>. An entry
// like server.ts, so that it is compiled with the server and works in a production install.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { checkIntegrity } from './repositories/integrity.ts';

const file = process.argv[2];
const dataDir = resolve(process.env.ONEWINDOW_DATA ?? 'data');
const port = Number(process.env.PORT ?? 8080);
if (!file) {
  console.error('usage: npm run restore -- <backup file>   (ONEWINDOW_DATA picks the data folder)');
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`no such file: ${file}`);
  process.exit(2);
}
const running = await new Promise<boolean>((r) => {
  const s = createConnection({ port, host: '127.0.0.1' }, () => { s.destroy(); r(true); });
  s.on('error', () => r(false));
});
if (running && process.env.ONEWINDOW_FORCE !== '1') {
  console.error(`something is listening on port ${port}: stop the OneWindow server before restoring (or set ONEWINDOW_FORCE=1).`);
  process.exit(1);
}
const check = checkIntegrity(file, false);
if (check !== 'ok') {
  console.error(`the backup is damaged, nothing was changed: ${check}`);
  process.exit(1);
}
const target = join(dataDir, 'onewindow.db');
if (existsSync(target)) {
  const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(target, kept);
  console.log(`kept the current database as ${kept}`);
}
for (const ext of ['-wal', '-shm']) rmSync(target + ext, { force: true });
copyFileSync(file, target);
console.log(`restored ${file} → ${target}. Start the server again.`);
