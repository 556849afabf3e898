import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataFolderLock } from '../../repositories/data-lock.ts';
import { checkIntegrity } from '../../repositories/integrity.ts';
import { RestoreRepository, settle } from '../../repositories/restore.repository.ts';
import { formatNumber, type HallModel } from '../../engine/index.ts';
import { RESTORE_NOTICE, type RestoreNotice } from './restore-notice.ts';
import type { CentreLog } from '../centre/centre-log.ts';
import { fetchLost, replayLost, type TakenBack } from './take-back.ts';

export interface RestoreReport {
  /** Where the database that was in place went (with its -wal, if SQLite could not fold it in). */
  kept: string | null;
  restored: { day: string | null; tickets: number };
  /** The live credentials carried over, or, when the live database could not be read, every token taken back. */
  credentials: { carried: { users: number; sessions: number; devices: number; auditLines: number } } | { revokedAll: { sessions: number; devices: number }; checkUsers: string[] };
  /** Numbers the live database had handed out on its day: the restored hall goes on above them. */
  numbers: { day: string; counters: Record<string, number> } | null;
  /** What was taken back from the district centre (events after the backup), or why not; null without a centre. */
  centre: RestoreNotice['centre'];
}

/** The district centre to take lost events back from: how to read the hall's log there, and the hall's model to apply them with. */
export interface FromCentre {
  read: CentreLog;
  model: HallModel;
  /** Also when the database in place can be read (by default only when it cannot: then the restore is going back on purpose). */
  always: boolean;
}

export class RestoreRefused extends Error {}

/**
 * `npm run restore -- FILE`: puts a backup in place of the hall's database, honestly.
 *
 * - Only while no OneWindow process works on the data folder: decided by the folder's own lock
 *   (repositories/data-lock.ts), held for the whole restore, so the server cannot start meanwhile.
 * - Nothing of the database in place is deleted: SQLite folds its -wal in and removes it itself;
 *   the file (and a -wal it could not fold) is renamed `onewindow.db.before-restore-<time>`.
 * - A backup restores what happened (tickets, the log, bookings, ratings), not who may act: the
 *   live database's users, sessions and devices replace the backup's, so a token revoked or a
 *   password changed after the backup stays so; its newer audit lines are kept too. When the live
 *   database cannot be read (the usual reason to restore), every token in the backup is taken back
 *   instead: people sign in again, devices are paired again, and the accounts to check are listed.
 * - The numbers the live database handed out on its day are carried as a floor: the restored hall
 *   goes on above them that day, and never gives a visitor's number to a second person.
 */
export async function restoreBackup(opts: { dataDir: string; backup: string; now?: number; fromCentre?: FromCentre }): Promise<RestoreReport> {
  const now = opts.now ?? Date.now();
  const dataDir = resolve(opts.dataDir);
  const backup = resolve(opts.backup);
  if (!existsSync(backup)) throw new RestoreRefused(`no such file: ${backup}`);
  const check = checkIntegrity(backup, false);
  if (check !== 'ok') throw new RestoreRefused(`the backup is damaged, nothing was changed: ${check}`);

  const lock = DataFolderLock.acquire(dataDir, 'npm run restore');
  try {
    const live = join(dataDir, 'onewindow.db');
    const staging = join(dataDir, 'onewindow.db.restoring');
    rmSync(staging, { force: true });
    const copy = RestoreRepository.prepare(backup, staging);
    let credentials: RestoreReport['credentials'];
    let numbers: RestoreReport['numbers'] = null;
    let restored: RestoreReport['restored'];
    let centre: RestoreReport['centre'] = null;
    try {
      const liveReadable = existsSync(live) && settle(live) && checkIntegrity(live, false) === 'ok';
      if (liveReadable) {
        credentials = { carried: copy.carryCredentials(live) };
        numbers = copy.carryNumbers(live);
      } else {
        credentials = { revokedAll: copy.revokeAllTokens(now), checkUsers: copy.usernames() };
      }
      if (opts.fromCentre) centre = await takeBack(copy, opts.fromCentre, liveReadable, now);
      restored = copy.summary();
      copy.audit(now, 'restored', { backup, ...credentials, numbers, centre });
      const notice: RestoreNotice = {
        at: now, backup: basename(backup), day: restored.day, tokensRevoked: 'revokedAll' in credentials, centre,
        afterBackup: numbers ? numbersAbove(copy.numbersOf(numbers.day), numbers.counters) : null,
      };
      copy.leaveNotice(RESTORE_NOTICE, notice);
    } finally {
      copy.close();
    }

    let kept: string | null = null;
    if (existsSync(live)) {
      kept = `${live}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(live, kept);
      for (const ext of ['-wal', '-shm']) if (existsSync(live + ext)) renameSync(live + ext, kept + ext);
    }
    renameSync(staging, live);
    syncFolder(dirname(live));
    return { kept, restored, credentials, numbers, centre };
  } finally {
    lock.release();
  }
}

/**
 * The events the centre holds after the backup, appended and applied to the restored copy. A
 * failure leaves the copy as the backup was: the centre keeps those events, and the restored hall's
 * new ones go on after them there (centre.md).
 */
async function takeBack(copy: RestoreRepository, from: FromCentre, liveReadable: boolean, now: number): Promise<NonNullable<RestoreReport['centre']>> {
  if (liveReadable && !from.always) return { skipped: 'the database in place could be read: going back to the backup is taken as meant (--from-centre takes the centre\'s events back all the same)' };
  try {
    const lost = await fetchLost(copy.database, from.read);
    return { taken: replayLost(copy.database, from.model, lost, now) };
  } catch (e) {
    return { failed: (e as Error).message };
  }
}

/** The numbers the live database handed out above the backup's, as ranges per prefix ("A004–A008"). */
function numbersAbove(backup: Record<string, number>, live: Record<string, number>): string[] {
  return Object.entries(live).filter(([p, n]) => n > (backup[p] ?? 0)).map(([p, n]) => {
    const first = (backup[p] ?? 0) + 1;
    return first === n ? formatNumber(p, n) : `${formatNumber(p, first)}–${formatNumber(p, n)}`;
  });
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}
