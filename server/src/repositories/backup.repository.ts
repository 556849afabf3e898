import Database from 'better-sqlite3';
import type { Db } from './db.ts';

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
    try {
      await reader.backup(file, { progress: () => 0x7fffffff });
    } finally {
      if (reader !== this.db) reader.close();
    }
  }
}
