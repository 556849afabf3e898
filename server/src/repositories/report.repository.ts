import type { Ticket } from '../engine/index.ts';
import type { Db } from './db.ts';

/** One row of the event log, as reports read it. */
export interface LogEntry {
  seq: number;
  at: number;
  type: string;
  ticketId: string | null;
  windowId: string | null;
  data: Record<string, unknown>;
}

/** A rating (好差评) as reports use it. */
export interface Rating {
  ticketId: string;
  number: string;
  serviceId: string;
  windowId: string;
  clerkId: string | null;
  score: number;
  /** Why, for a bad review: as the pad sent them (codes or free text). */
  reasons: string[];
  at: number;
}


/** Read side of reports: the event log and ratings of a day, stored tickets of past days, the archive. */
export class ReportRepository {
  private readonly log;
  private readonly rated;
  private readonly ticketsOfDay;
  private readonly archived;
  private readonly archive;
  private readonly before;

  constructor(db: Db) {
    this.log = db.prepare(`SELECT seq, at, type, ticket_id, window_id, data FROM events
      WHERE day = ? AND (type LIKE 'ticket.%' OR type LIKE 'window.%') ORDER BY seq`);
    this.rated = db.prepare('SELECT ticket_id, number, service_id, window_id, clerk_id, score, reasons, at FROM evaluations WHERE day = ? ORDER BY at, id');
    this.ticketsOfDay = db.prepare('SELECT data FROM tickets WHERE day = ? ORDER BY issued_at, id');
    this.archived = db.prepare('SELECT json FROM report_archive WHERE day = ?');
    this.archive = db.prepare(`INSERT INTO report_archive (day, json, created_at) VALUES (?, ?, ?)
      ON CONFLICT(day) DO UPDATE SET json = excluded.json, created_at = excluded.created_at`);
    this.before = db.prepare('SELECT MAX(day) AS day FROM events WHERE day < ?');
  }

  /** The day's ticket and window events, in log order. */
  dayLog(day: string): LogEntry[] {
    return (this.log.all(day) as { seq: number; at: number; type: string; ticket_id: string | null; window_id: string | null; data: string }[])
      .map((r) => ({ seq: r.seq, at: r.at, type: r.type, ticketId: r.ticket_id, windowId: r.window_id, data: JSON.parse(r.data) }));
  }

  ratings(day: string): Rating[] {
    return (this.rated.all(day) as { ticket_id: string; number: string; service_id: string; window_id: string; clerk_id: string | null; score: number; reasons: string | null; at: number }[])
      .map((r) => ({
        ticketId: r.ticket_id, number: r.number, serviceId: r.service_id, windowId: r.window_id, clerkId: r.clerk_id, score: r.score,
        reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : [], at: r.at,
      }));
  }

  /** Tickets as stored at the end of a past day (every matter with its times). */
  tickets(day: string): Ticket[] {
    return (this.ticketsOfDay.all(day) as { data: string }[]).map((r) => JSON.parse(r.data) as Ticket);
  }

  archivedReport(day: string): unknown | null {
    const r = this.archived.get(day) as { json: string } | undefined;
    return r ? JSON.parse(r.json) : null;
  }

  saveArchive(day: string, report: unknown, at: number): void {
    this.archive.run(day, JSON.stringify(report), at);
  }

  /** The last business day with any logged event before `day`. */
  lastDayBefore(day: string): string | null {
    return (this.before.get(day) as { day: string | null }).day;
  }
}
