import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupRepository } from '../../repositories/backup.repository.ts';

export interface BackupInfo { file: string; bytes: number; at: number }

/**
 * Daily online backups with SQLite's backup API: consistent while the hall keeps writing, one file
 * per business day, the newest `keep` kept. `npm run restore -- FILE` puts one back.
 */
export class BackupService {
  constructor(private readonly repo: BackupRepository, private readonly dir: string, private readonly today: () => string, private readonly keep = 14) {}

  /** Backs today's business day up now (a later backup of the same day replaces the earlier). */
  backupToday(): Promise<BackupInfo> {
    return this.backup(this.today());
  }

  /** Whether today's business day has its backup. */
  hasToday(): boolean {
    return this.hasBackupFor(this.today());
  }

  async backup(day: string): Promise<BackupInfo> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, `onewindow-${day}.db`);
    await this.repo.copyTo(file);
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
