import type { Db } from './db.ts';

export interface AlertRow {
  id: string; kind: string; level: string; subject: string | null; message: string;
  raised_at: number; acknowledged_at: number | null; acknowledged_by: string | null;
}

/** Supervisors' alerts: one open alert per kind and subject. */
export class AlertRepository {
  private readonly openRows;
  private readonly openFor;
  private readonly insertRow;
  private readonly byId;
  private readonly ack;
  constructor(db: Db) {
    this.openRows = db.prepare('SELECT * FROM alerts WHERE acknowledged_at IS NULL ORDER BY raised_at DESC LIMIT 200');
    this.openFor = db.prepare('SELECT id FROM alerts WHERE kind = ? AND subject IS ? AND acknowledged_at IS NULL');
    this.insertRow = db.prepare('INSERT INTO alerts (id, kind, level, subject, message, raised_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.byId = db.prepare('SELECT * FROM alerts WHERE id = ?');
    this.ack = db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?');
  }
  open(): AlertRow[] { return this.openRows.all() as AlertRow[]; }
  isOpen(kind: string, subject: string | null): boolean { return this.openFor.get(kind, subject) !== undefined; }
  insert(r: AlertRow): void { this.insertRow.run(r.id, r.kind, r.level, r.subject, r.message, r.raised_at); }
  get(id: string): AlertRow | null { return (this.byId.get(id) as AlertRow | undefined) ?? null; }
  acknowledge(id: string, at: number, by: string): void { this.ack.run(at, by, id); }
}
