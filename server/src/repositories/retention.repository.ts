import { EVENT_FREE_TEXT } from '@onewindow/protocol/centre';
import type { Db } from './db.ts';

/** Columns that hold visitors' personal data, by table: blanked after the retention period. */
const PERSONAL: { table: string; columns: string[]; day: string }[] = [
  { table: 'appointments', columns: ['name', 'phone', 'id_hash', 'ip'], day: 'day' },
  { table: 'evaluations', columns: ['contact', 'comment'], day: 'day' },
  { table: 'ticket_contacts', columns: ['phone', 'name', 'id_masked', 'id_hash'], day: 'day' },
  { table: 'outbox', columns: ['phone', 'body'], day: 'day' },
];

/**
 * Visitors' names, phone numbers and whatever people wrote about them (comments, notes, audit
 * details and addresses), blanked in place: the rows stay, so figures still add up.
 */
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /**
   * Blanks personal data of days before `beforeDay` (audit lines before `beforeMs`), in one
   * transaction; rows changed per table. `secure_delete` overwrites the old text in the file's
   * pages too, instead of leaving it in free space.
   */
  purgeBefore(beforeDay: string, beforeMs: number): Record<string, number> {
    const purged: Record<string, number> = {};
    const tables = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const columnsOf = (table: string) => new Set((this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const secure = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db.transaction(() => {
        for (const p of PERSONAL) {
          if (!tables.has(p.table)) continue;
          const present = columnsOf(p.table);
          const columns = p.columns.filter((c) => present.has(c));
          const set = columns.map((c) => `${c} = NULL`).join(', ');
          const any = columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
          purged[p.table] = this.db.prepare(`UPDATE ${p.table} SET ${set} WHERE ${p.day} < ? AND (${any})`).run(beforeDay).changes;
        }
        purged.follow_ups = this.rewriteJson('follow_ups', 'id', 'notes', beforeDay, `notes LIKE '%"note":"%'`, (notes: { note: string }[]) => {
          const had = notes.some((n) => n.note !== '');
          for (const n of notes) n.note = '';
          return had;
        });
        purged.tickets = this.rewriteJson('tickets', 'id', 'data', beforeDay, `data LIKE '%"note":"%'`, (t: { steps: { note: string | null }[] }) => {
          const had = t.steps.some((s) => s.note !== null);
          for (const s of t.steps) s.note = null;
          return had;
        });
        purged.events = 0;
        for (const { type, field } of EVENT_FREE_TEXT) {
          purged.events += this.db.prepare(`UPDATE events SET data = json_set(data, '$.${field}', NULL)
            WHERE day < ? AND type = ? AND json_extract(data, '$.${field}') IS NOT NULL`).run(beforeDay, type).changes;
        }
        purged.audit = this.db.prepare('UPDATE audit SET detail = NULL, ip = NULL WHERE at < ? AND (detail IS NOT NULL OR ip IS NOT NULL)').run(beforeMs).changes;
        if (tables.has('phone_codes')) this.db.prepare('DELETE FROM phone_codes WHERE expires_at < ?').run(beforeMs);
      })();
    } finally {
      this.db.pragma(`secure_delete = ${secure}`);
    }
    return purged;
  }

  /** Rewrites a JSON column of old rows through `blank` (true when it changed something); the rows changed. */
  private rewriteJson<T>(table: string, key: string, column: string, beforeDay: string, candidates: string, blank: (value: T) => boolean): number {
    const rows = this.db.prepare(`SELECT ${key} AS k, ${column} AS v FROM ${table} WHERE day < ? AND ${candidates}`).all(beforeDay) as { k: string; v: string }[];
    const update = this.db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
    let n = 0;
    for (const r of rows) {
      const value = JSON.parse(r.v) as T;
      if (!blank(value)) continue;
      update.run(JSON.stringify(value), r.k);
      n++;
    }
    return n;
  }
}
