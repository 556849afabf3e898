import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Opens the hall's database: WAL so readers never block the writer, FULL sync because a ticket
 * handed to a visitor must survive a power cut, not only a crash.
 */
export function openDatabase(dataDir: string, file = 'onewindow.db'): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, file);
  privateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * The hall's files hold visitors' names and phones and people's session hashes: readable by the
 * server's user only. A new file is created 0600 before SQLite opens it (SQLite gives its -wal and
 * -shm the database's mode); one left more open by an older version is narrowed.
 */
export function privateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if ((statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
    } catch {
      // not there (yet)
    }
  }
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
