import Database from 'better-sqlite3';
import type { Db } from './db.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One business day's event log, read from the hall's SQLite file opened read-only: for the "what
 * if" replay (sim/what-if.ts), which may run beside the live server (WAL lets a reader in while
 * the hall writes) and must never change the hall's data.
 */
export function readDayLog(dataDir: string, day: string, file = 'onewindow.db'): Array<{ type: string; at: number }> {
  const path = join(dataDir, file);
  if (!existsSync(path)) throw new Error(`no hall database at ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT data FROM events WHERE day = ? ORDER BY seq').all(day) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as { type: string; at: number });
  } finally {
    db.close();
  }
}

/** The business days the hall kept, for the "what if" console: each day with its number of tickets, newest first. */
export class DayLogRepository {
  private readonly daysQuery;
  constructor(db: Db) {
    this.daysQuery = db.prepare('SELECT day, COUNT(*) AS tickets FROM tickets GROUP BY day ORDER BY day DESC LIMIT ?');
  }

  days(limit = 90): Array<{ day: string; tickets: number }> {
    return this.daysQuery.all(limit) as Array<{ day: string; tickets: number }>;
  }
}
