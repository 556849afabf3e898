import Database from 'better-sqlite3';
import { closeSync, copyFileSync, fsyncSync, openSync } from 'node:fs';
import { migrate, privateFile, type Db } from './db.ts';
import { NUMBER_FLOOR } from './hall.repository.ts';

/** Tables that say who may act, not what happened: the live database's are newer than any backup's. */
const CREDENTIALS = ['users', 'sessions', 'devices'] as const;

/**
 * The SQL of `npm run restore` (services/admin/restore.service.ts decides): a backup copied beside
 * the live database, brought to this version's schema, and given what a backup cannot honestly
 * hold: the live database's credentials and audit lines, and the numbers it has handed out today.
 */
export class RestoreRepository {
  private constructor(private readonly db: Db) {}

  /** Copies the backup to `target` (0600) and opens it, migrated to this version's schema. */
  static prepare(backupFile: string, target: string): RestoreRepository {
    privateFile(target);
    copyFileSync(backupFile, target);
    const db = new Database(target);
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new RestoreRepository(db);
  }

  /** The copy itself, for what is applied to it through the other repositories (events taken back from the centre). */
  get database(): Db {
    return this.db;
  }

  /** Leaves the restore's notice for the server's next start, which tells the supervisors (services/admin/restore-notice.ts). */
  leaveNotice(key: string, notice: unknown): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(notice));
  }

  /** What the restored copy holds: its business day and how many tickets. */
  summary(): { day: string | null; tickets: number } {
    const day = (this.db.prepare("SELECT value FROM meta WHERE key = 'day'").get() as { value: string } | undefined)?.value ?? null;
    return { day, tickets: (this.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n };
  }

  /**
   * Replaces the copy's users, sessions and devices with the live database's, and appends the live
   * audit lines newer than the copy's: a device unpaired, a session signed out, a user disabled or
   * a password changed after the backup stays so. Throws when the live database cannot be read.
   */
  carryCredentials(liveFile: string): { users: number; sessions: number; devices: number; auditLines: number } {
    const db = this.db;
    db.prepare('ATTACH DATABASE ? AS live').run(liveFile);
    try {
      const counts = { users: 0, sessions: 0, devices: 0, auditLines: 0 };
      db.transaction(() => {
        for (const t of [...CREDENTIALS].reverse()) db.exec(`DELETE FROM main.${t}`);
        for (const t of CREDENTIALS) {
          const cols = this.sharedColumns(t);
          counts[t] = db.prepare(`INSERT INTO main.${t} (${cols}) SELECT ${cols} FROM live.${t}`).run().changes;
        }
        counts.auditLines = db.prepare(`INSERT INTO main.audit (at, actor, action, target, detail, ip)
          SELECT at, actor, action, target, detail, ip FROM live.audit WHERE at > (SELECT COALESCE(MAX(at), -1) FROM main.audit) ORDER BY id`).run().changes;
      })();
      return counts;
    } finally {
      db.exec('DETACH DATABASE live');
    }
  }

  /**
   * When the live database cannot be read: every token in the copy is taken back, so that nothing
   * revoked after the backup works again. People sign in again, devices are paired again.
   */
  revokeAllTokens(now: number): { sessions: number; devices: number } {
    return this.db.transaction(() => ({
      sessions: this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL').run(now).changes,
      devices: this.db.prepare('UPDATE devices SET revoked_at = ?, token_hash = NULL, pairing_code_hash = NULL WHERE revoked_at IS NULL').run(now).changes,
    }))();
  }

  /**
   * The highest number per prefix the live database handed out on its current business day: the
   * restored hall goes on above them that day, so no visitor's slip is given to a second person.
   */
  carryNumbers(liveFile: string): { day: string; counters: Record<string, number> } | null {
    const live = new Database(liveFile, { readonly: true, fileMustExist: true });
    try {
      const day = (live.prepare("SELECT value FROM meta WHERE key = 'day'").get() as { value: string } | undefined)?.value;
      if (!day) return null;
      const floor = { day, counters: highestNumbers(live, day) };
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(NUMBER_FLOOR, JSON.stringify(floor));
      return floor;
    } finally {
      live.close();
    }
  }

  /** The highest number per prefix the copy holds on a business day. */
  numbersOf(day: string): Record<string, number> {
    return highestNumbers(this.db, day);
  }

  /** The usernames in the copy, for the operator to check when the credentials could not be carried. */
  usernames(): string[] {
    return (this.db.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((r) => r.username);
  }

  audit(at: number, action: string, detail: unknown): void {
    this.db.prepare('INSERT INTO audit (at, actor, action, target, detail, ip) VALUES (?, ?, ?, ?, ?, NULL)').run(at, 'restore', action, 'database', JSON.stringify(detail));
  }

  /** Closes the copy, its content on disk. */
  close(): void {
    const name = this.db.name;
    this.db.close();
    const fd = openSync(name, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  }

  private sharedColumns(table: string): string {
    const names = (schema: string) => new Set((this.db.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const live = names('live');
    return [...names('main')].filter((c) => live.has(c)).join(', ');
  }
}

/**
 * Opens a database and closes it again: SQLite folds its -wal into the file and removes the -wal
 * itself once no one has it open. False when it cannot be opened (damaged).
 */
export function settle(file: string): boolean {
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    } finally {
      db.close();
    }
    return true;
  } catch {
    return false;
  }
}

/** The highest number per prefix a database's tickets hold on a business day. */
function highestNumbers(db: Db, day: string): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const r of db.prepare('SELECT number FROM tickets WHERE day = ?').all(day) as { number: string }[]) {
    const m = /^(\D*)(\d+)$/.exec(r.number);
    if (m) counters[m[1]] = Math.max(counters[m[1]] ?? 0, Number(m[2]));
  }
  return counters;
}
