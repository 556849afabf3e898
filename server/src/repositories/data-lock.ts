import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateFile } from './db.ts';

/** The sidecar file whose lock says "a OneWindow process works on this data folder". */
export const LOCK_FILE = 'onewindow.lock';

/** Another process holds the data folder: a running server, or a restore under way. */
export class DataFolderBusy extends Error {
  constructor(readonly dataDir: string, readonly holder: string | null) {
    super(`the data folder ${dataDir} is in use by another OneWindow process${holder ? ` (${holder})` : ''}`);
    this.name = 'DataFolderBusy';
  }
}

/**
 * An exclusive lock on the data folder, held for as long as the server (or a restore) runs. It is
 * SQLite's own lock on a sidecar database, in `locking_mode=EXCLUSIVE`: a POSIX lock, which the
 * kernel drops when the process ends however it ends (`kill -9`, a power cut), so a stale lock
 * never keeps the hall from starting, and nothing is decided by guessing at ports. A second server
 * on the same folder, or a restore while the server runs, is refused.
 */
export class DataFolderLock {
  private constructor(private readonly db: Database.Database, private readonly info: string) {}

  /** Takes the lock, or throws DataFolderBusy at once when another process holds it. */
  static acquire(dataDir: string, who: string): DataFolderLock {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, LOCK_FILE);
    privateFile(file);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // Nothing here is worth a journal: no -journal file is left beside it while the lock is held.
      db.pragma('journal_mode = MEMORY');
      // The first write takes the exclusive lock; in EXCLUSIVE mode it is kept after the commit.
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (at INTEGER); DELETE FROM holder; INSERT INTO holder VALUES (0); COMMIT;');
    } catch (e) {
      db.close();
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') || (e as { code?: string }).code?.startsWith('SQLITE_LOCKED')) {
        throw new DataFolderBusy(dataDir, readHolder(dataDir));
      }
      throw e;
    }
    // Who holds it, for the message another process shows (the lock itself cannot be read then).
    const info = join(dataDir, `${LOCK_FILE}.holder`);
    writeFileSync(info, `${who}, pid ${process.pid}, since ${new Date().toISOString()}\n`, { mode: 0o600 });
    return new DataFolderLock(db, info);
  }

  /** Whether a process holds the folder now (without taking it). */
  static held(dataDir: string): boolean {
    try {
      DataFolderLock.acquire(dataDir, 'probe').release();
      return false;
    } catch (e) {
      if (e instanceof DataFolderBusy) return true;
      throw e;
    }
  }

  release(): void {
    if (!this.db.open) return;
    rmSync(this.info, { force: true });
    this.db.close();
  }
}

function readHolder(dataDir: string): string | null {
  try {
    return readFileSync(join(dataDir, `${LOCK_FILE}.holder`), 'utf8').trim() || null;
  } catch {
    return null;
  }
}
