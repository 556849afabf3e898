import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export interface AuditRow { at: number; actor: string | null; action: string; target: string | null; detail: string | null; ip: string | null }

/** Who did what: sign-ins, users, devices, configuration, follow-ups. Append-only. */
export class AuditRepository {
  private readonly insert: Statement;
  private readonly latest: Statement;
  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO audit (at, actor, action, target, detail, ip) VALUES (?, ?, ?, ?, ?, ?)');
    this.latest = db.prepare('SELECT at, actor, action, target, detail, ip FROM audit ORDER BY id DESC LIMIT ?');
  }

  append(at: number, actor: string | null, action: string, target: string | null, detail: unknown, ip: string | null): void {
    this.insert.run(at, actor, action, target, detail === undefined ? null : JSON.stringify(detail), ip);
  }

  /** The newest entries first. */
  newest(limit = 200): AuditRow[] {
    return this.latest.all(limit) as AuditRow[];
  }
}
