import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/** 一次性告知: the materials a visitor must still bring, as typed at the finish. */
export interface NoticeRow {
  ticket_id: string;
  step_index: number;
  day: string;
  service_id: string;
  window_id: string;
  clerk_id: string | null;
  items: string;
  note: string | null;
  created_at: number;
}

export class NoticeRepository {
  private readonly insertRow: Statement;
  private readonly ofTicketStmt: Statement;
  private readonly countStmt: Statement;

  constructor(db: Db) {
    this.insertRow = db.prepare(`INSERT OR REPLACE INTO notices (ticket_id, step_index, day, service_id, window_id, clerk_id, items, note, created_at)
      VALUES (@ticket_id, @step_index, @day, @service_id, @window_id, @clerk_id, @items, @note, @created_at)`);
    this.ofTicketStmt = db.prepare('SELECT * FROM notices WHERE ticket_id = ? ORDER BY step_index');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM notices WHERE day = ? AND window_id = ?');
  }

  /** Called inside the transaction that finishes the matter. */
  insert(row: NoticeRow): void {
    this.insertRow.run(row);
  }

  ofTicket(ticketId: string): NoticeRow[] {
    return this.ofTicketStmt.all(ticketId) as NoticeRow[];
  }

  countAtWindow(day: string, windowId: string): number {
    return (this.countStmt.get(day, windowId) as { n: number }).n;
  }
}
