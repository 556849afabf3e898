import type { Db } from './db.ts';

/** Columns that hold visitors' personal data, by table: blanked after the retention period. */
const PERSONAL: { table: string; columns: string[]; day: string }[] = [
  { table: 'appointments', columns: ['name', 'phone', 'id_hash'], day: 'day' },
  { table: 'evaluations', columns: ['contact'], day: 'day' },
  { table: 'ticket_contacts', columns: ['phone', 'name', 'id_masked', 'id_hash'], day: 'day' },
  { table: 'outbox', columns: ['phone', 'body'], day: 'day' },
];

/** Visitors' names, phone numbers and card hashes, blanked in place: the rows stay, so figures still add up. */
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** Blanks personal data of days before `beforeDay`, in one transaction; rows changed per table. */
  purgeBefore(beforeDay: string): Record<string, number> {
    const purged: Record<string, number> = {};
    const tables = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    this.db.transaction(() => {
      for (const p of PERSONAL) {
        if (!tables.has(p.table)) continue;
        const set = p.columns.map((c) => `${c} = NULL`).join(', ');
        const any = p.columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
        purged[p.table] = this.db.prepare(`UPDATE ${p.table} SET ${set} WHERE ${p.day} < ? AND (${any})`).run(beforeDay).changes;
      }
    })();
    return purged;
  }
}
