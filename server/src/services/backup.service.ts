import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../repositories/db.ts';

export interface BackupInfo { file: string; bytes: number; at: number }

/**
 * Daily online backups with SQLite's backup API: consistent while the hall keeps writing, one file
 * per business day, the newest `keep` kept. `npm run restore -- FILE` puts one back.
 */
export class BackupService {
  constructor(private readonly db: Db, private readonly dir: string, private readonly keep = 14) {}

  async backup(day: string): Promise<BackupInfo> {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `onewindow-${day}.db`);
    // From a connection of its own, in one step: the hall's connection may hold a group commit
    // open, and a backup through it would copy pages that are not committed yet (and might never
    // be). A reader sees only what is committed, and one step cannot be restarted by the hall's
    // writes meanwhile (the copy of a day's database takes milliseconds).
    const reader = this.db.memory ? this.db : new Database(this.db.name, { readonly: true, fileMustExist: true });
    try {
      await reader.backup(file, { progress: () => 0x7fffffff });
    } finally {
      if (reader !== this.db) reader.close();
    }
    this.prune();
    const st = statSync(file);
    return { file, bytes: st.size, at: st.mtimeMs };
  }

  list(): BackupInfo[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.dir).filter((f) => /^onewindow-\d{4}-\d{2}-\d{2}\.db$/.test(f));
    } catch {
      return [];
    }
    return names.sort().reverse().map((f) => {
      const st = statSync(join(this.dir, f));
      return { file: join(this.dir, f), bytes: st.size, at: st.mtimeMs };
    });
  }

  hasBackupFor(day: string): boolean {
    return this.list().some((b) => b.file.endsWith(`onewindow-${day}.db`));
  }

  private prune(): void {
    for (const old of this.list().slice(this.keep)) rmSync(old.file, { force: true });
  }
}
