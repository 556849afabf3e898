import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface OutboxRow {
  id: string;
  dedupe: string;
  kind: string;
  day: string;
  ticket_id: string | null;
  phone: string | null;
  body: string | null;
  status: OutboxStatus;
  attempts: number;
  next_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'dedupe' | 'kind' | 'day' | 'ticket_id' | 'phone' | 'body' | 'next_at' | 'created_at'>;

/** Messages to visitors' phones waiting for the webhook: a row per message, kept until it was taken or given up. */
export class OutboxRepository {
  private readonly insertRow: Statement;
  private readonly dueRows: Statement;
  private readonly nextDue: Statement;
  private readonly sentStmt: Statement;
  private readonly retryStmt: Statement;
  private readonly deadStmt: Statement;
  private readonly reviveStmt: Statement;
  private readonly byIdStmt: Statement;
  private readonly byStatus: Statement;
  private readonly counts: Statement;

  constructor(db: Db) {
    this.insertRow = db.prepare(`INSERT OR IGNORE INTO outbox (id, dedupe, kind, day, ticket_id, phone, body, status, attempts, next_at, created_at)
      VALUES (@id, @dedupe, @kind, @day, @ticket_id, @phone, @body, 'pending', 0, @next_at, @created_at)`);
    this.dueRows = db.prepare("SELECT * FROM outbox WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, created_at LIMIT ?");
    this.nextDue = db.prepare("SELECT MIN(next_at) AS at FROM outbox WHERE status = 'pending'");
    this.sentStmt = db.prepare("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ? AND status = 'pending'");
    this.retryStmt = db.prepare("UPDATE outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ? AND status = 'pending'");
    this.deadStmt = db.prepare("UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'");
    this.reviveStmt = db.prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_at = ?, last_error = NULL WHERE id = ? AND status = 'dead' AND body IS NOT NULL");
    this.byIdStmt = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.byStatus = db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY created_at DESC LIMIT ?');
    this.counts = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
  }

  /** Keeps a message; false when one for the same occasion is already kept. */
  add(row: NewOutboxRow): boolean {
    return this.insertRow.run(row).changes === 1;
  }

  due(now: number, limit: number): OutboxRow[] {
    return this.dueRows.all(now, limit) as OutboxRow[];
  }

  /** When the next pending message is due; null when none waits. */
  nextDueAt(): number | null {
    return (this.nextDue.get() as { at: number | null }).at;
  }

  markSent(id: string, at: number): void {
    this.sentStmt.run(at, id);
  }

  markRetry(id: string, nextAt: number, error: string): void {
    this.retryStmt.run(nextAt, error.slice(0, 500), id);
  }

  markDead(id: string, error: string): void {
    this.deadStmt.run(error.slice(0, 500), id);
  }

  /** A dead message tried again from scratch; false when it is not dead (or was purged). */
  revive(id: string, at: number): boolean {
    return this.reviveStmt.run(at, id).changes === 1;
  }

  byId(id: string): OutboxRow | null {
    return (this.byIdStmt.get(id) as OutboxRow | undefined) ?? null;
  }

  list(status: OutboxStatus, limit = 200): OutboxRow[] {
    return this.byStatus.all(status, limit) as OutboxRow[];
  }

  totals(): Record<OutboxStatus, number> {
    const out: Record<OutboxStatus, number> = { pending: 0, sent: 0, dead: 0 };
    for (const r of this.counts.all() as { status: OutboxStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }
}
