// `npm run restore -- FILE`: puts a backup back in place of the hall's database (the rules are in
// services/admin/restore.service.ts). An entry like server.ts, so that it is compiled with the
// server and works in a production install as from the sources.
import { resolve } from 'node:path';
import { DataFolderBusy } from './repositories/data-lock.ts';
import { restoreBackup, RestoreRefused } from './services/admin/restore.service.ts';

const file = process.argv[2];
const dataDir = resolve(process.env.ONEWINDOW_DATA ?? 'data');
if (!file) {
  console.error('usage: npm run restore -- <backup file>   (ONEWINDOW_DATA picks the data folder)');
  process.exit(2);
}
try {
  const r = restoreBackup({ dataDir, backup: file });
  if (r.kept) console.log(`kept the database that was in place as ${r.kept}`);
  console.log(`restored ${resolve(file)} → ${resolve(dataDir, 'onewindow.db')} (business day ${r.restored.day ?? '—'}, ${r.restored.tickets} ticket(s)).`);
  if ('carried' in r.credentials) {
    const c = r.credentials.carried;
    console.log(`kept today's credentials: ${c.users} user(s), ${c.sessions} session(s), ${c.devices} device(s) and ${c.auditLines} newer audit line(s) from the database that was in place; nothing revoked since the backup works again.`);
  } else {
    const c = r.credentials.revokedAll;
    console.log(`the database that was in place could not be read: every token of the backup was taken back (${c.sessions} session(s), ${c.devices} device(s)). People sign in again; pair each device again (admin console → devices → new code).`);
    console.log(`check these accounts, as they were at the backup (a user disabled or a password changed since then is not): ${r.credentials.checkUsers.join(', ')}`);
  }
  if (r.numbers) {
    const n = Object.entries(r.numbers.counters).map(([p, v]) => `${p}${v}`).join(' ');
    if (n) console.log(`numbers handed out on ${r.numbers.day} go on above ${n}: no visitor's number is given twice.`);
  }
  console.log('Start the server again.');
} catch (e) {
  if (e instanceof DataFolderBusy) {
    console.error(`${e.message}.\nStop the OneWindow server first (systemctl stop onewindow), then restore. Nothing was changed.`);
    process.exit(1);
  }
  if (e instanceof RestoreRefused) {
    console.error(e.message);
    process.exit(e.message.startsWith('no such file') ? 2 : 1);
  }
  throw e;
}
