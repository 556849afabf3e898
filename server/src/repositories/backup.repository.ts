import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { privateFile, type Db } from './db.ts';

/** Copies of the hall's database made with SQLite's online backup API. */
export class BackupRepository {
  constructor(private readonly db: Db) {}

  /**
   * Copies what is committed into `file`. From a connection of its own, in one step: the hall's
   * connection may hold a group commit open, and a backup through it would copy pages that are not
   * committed yet (and might never be). A reader sees only what is committed, and one step cannot
   * be restarted by the hall's writes meanwhile (the copy of a day's database takes milliseconds).
   */
  async copyTo(file: string): Promise<void> {
    const reader = this.db.memory ? this.db : new Database(this.db.name, { readonly: true, fileMustExist: true });
    // Into a file of its own first (0600, like the database), then renamed over the old copy: a
    // backup cut short by a crash never takes the place of a good one.
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    privateFile(partial);
    try {
      await reader.backup(partial, { progress: () => 0x7fffffff });
      const fd = openSync(partial, 'r');
      try { fsyncSync(fd); } finally { closeSync(fd); }
      renameSync(partial, file);
    } catch (e) {
      rmSync(partial, { force: true });
      throw e;
    } finally {
      if (reader !== this.db) reader.close();
    }
  }
}
