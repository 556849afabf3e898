import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Opens the hall's database: WAL so readers never block the writer, FULL sync because a ticket
 * handed to a visitor must survive a power cut, not only a crash.
 */
export function openDatabase(dataDir: string, file = 'onewindow.db'): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Numbered SQL files, applied in order inside one transaction each; user_version records progress. */
export function migrate(db: Db, dir = MIGRATIONS): number {
  const files = readdirSync(dir).filter((f) => /^\d{4}-.*\.sql$/.test(f)).sort();
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const f of files) {
    const n = Number(f.slice(0, 4));
    if (n <= version) continue;
    const sql = readFileSync(join(dir, f), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${n}`);
    })();
    version = n;
  }
  return version;
}
