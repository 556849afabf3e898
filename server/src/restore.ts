// `npm run restore -- FILE`: puts a backup back in place of the hall's database (the rules are in
// services/admin/restore.service.ts). An entry like server.ts, so that it is compiled with the
// server and works in a production install as from the sources.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHallConfig } from '@onewindow/config';
import { DataFolderBusy } from './repositories/data-lock.ts';
import { hallFiles } from './services/admin/hall-file.ts';
import { restoreBackup, RestoreRefused, type FromCentre } from './services/admin/restore.service.ts';
import { centreLog } from './services/centre/centre-log.ts';
import { CentreClient } from './services/centre/client.ts';
import { centreSettings } from './services/centre/settings.ts';
import { hallModel } from './services/hall/hall-model.ts';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const file = args.find((a) => !a.startsWith('--'));
const dataDir = resolve(process.env.ONEWINDOW_DATA ?? 'data');
const unknown = [...flags].filter((f) => f !== '--from-centre' && f !== '--no-centre');
if (!file || unknown.length > 0 || (flags.has('--from-centre') && flags.has('--no-centre'))) {
  console.error(`usage: npm run restore -- <backup file> [--from-centre | --no-centre]   (ONEWINDOW_DATA picks the data folder)
  --from-centre  take back from the district centre the events after the backup even though the database in place can be read
  --no-centre    do not ask the centre at all (by default it is asked when the database in place cannot be read)`);
  process.exit(2);
}

/** The hall's centre (its hall file, ONEWINDOW_CENTRE_*), to take back what the backup lacks; null without one. */
function centre(): { from: FromCentre; client: CentreClient; url: string } | null {
  if (flags.has('--no-centre')) return null;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const defaultFile = resolve(root, 'config/hall.yaml');
  const files = hallFiles({ configured: resolve(process.env.ONEWINDOW_CONFIG ?? defaultFile), defaultFile, dataDir });
  let config;
  try {
    config = loadHallConfig(files.read);
  } catch (e) {
    console.error(`the hall file could not be read (${(e as Error).message.split('\n')[0]}): the district centre is not asked.`);
    return null;
  }
  const s = centreSettings(config);
  if (!s) return null;
  const client = new CentreClient(s.url, s.key, s.ca, s.timeoutMs);
  return { from: { read: centreLog(client, s.hallId), model: hallModel(config), always: flags.has('--from-centre') }, client, url: s.url };
}

const link = centre();
try {
  const r = await restoreBackup({ dataDir, backup: file, fromCentre: link?.from });
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
  if (r.centre && 'taken' in r.centre) {
    const t = r.centre.taken;
    console.log(t.events === 0
      ? `the district centre (${link!.url}) holds nothing after the backup.`
      : `took back from the district centre (${link!.url}) the ${t.events} event(s) after the backup (seq ${t.fromSeq}–${t.toSeq}): business day ${t.day}, ${t.tickets} ticket(s), ${t.ratings} rating(s) put back${t.open.length ? `; in the queue or at a window: ${t.open.join(' ')}` : ''}.`);
  } else if (r.centre && 'failed' in r.centre) {
    console.log(`the events after the backup could not be taken back from the district centre (${r.centre.failed}). They stay there; the restored hall's new events follow them. Call the visitors after the backup from their slips.`);
  } else if (r.centre) {
    console.log(`the district centre was not asked: ${r.centre.skipped}.`);
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
} finally {
  link?.client.close();
}
