import type { Db } from '../repositories/db.ts';

/** Columns that hold visitors' personal data, by table: blanked after the retention period. */
const PERSONAL: { table: string; columns: string[]; day: string }[] = [
  { table: 'appointments', columns: ['name', 'phone'], day: 'day' },
  { table: 'evaluations', columns: ['contact'], day: 'day' },
];

/**
 * Purges names and phone numbers older than the retention period (config `retention`), keeping the
 * rows so that figures and follow-ups still add up. Runs at start-up and after each daily reset.
 */
export function purgePersonalData(db: Db, beforeDay: string): Record<string, number> {
  const purged: Record<string, number> = {};
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  db.transaction(() => {
    for (const p of PERSONAL) {
      if (!tables.has(p.table)) continue;
      const set = p.columns.map((c) => `${c} = NULL`).join(', ');
      const any = p.columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
      purged[p.table] = db.prepare(`UPDATE ${p.table} SET ${set} WHERE ${p.day} < ? AND (${any})`).run(beforeDay).changes;
    }
  })();
  return purged;
}

/** The first day whose personal data is kept: `day` less `days`. */
export function retentionCutoff(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** "13812345678" → "138****5678"; names keep their first character: "张**". */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
}
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return name.slice(0, 1) + '*'.repeat(Math.max(1, [...name].length - 1));
}
