import type { Db } from './db.ts';

export interface LogRow {
  seq: number;
  day: string;
  at: number;
  type: string;
  ticketId: string | null;
  windowId: string | null;
  actor: string | null;
  data: unknown;
}

/** The append-only event log. Its autoincrement key is the `seq` clients see. */
export class EventRepository {
  private readonly insert;
  private readonly after;
  private readonly last;
  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO events (day, at, type, ticket_id, window_id, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.after = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
  }

  append(e: { type: string; at: number; ticketId?: string | null; windowId?: string | null }, day: string, actor: string | null): number {
    const r = this.insert.run(day, e.at, e.type, e.ticketId ?? null, e.windowId ?? null, actor, JSON.stringify(e));
    return Number(r.lastInsertRowid);
  }

  lastSeq(): number {
    return (this.last.get() as { seq: number }).seq;
  }

  /** The moment of the log's last event (null for an empty log): the hall clock never starts far behind it. */
  lastAt(): number | null {
    const r = this.db.prepare('SELECT at FROM events ORDER BY seq DESC LIMIT 1').get() as { at: number } | undefined;
    return r?.at ?? null;
  }

  since(seq: number, limit = 10_000): LogRow[] {
    return (this.after.all(seq, limit) as Record<string, unknown>[]).map((r) => ({
      seq: r.seq as number, day: r.day as string, at: r.at as number, type: r.type as string,
      ticketId: r.ticket_id as string | null, windowId: r.window_id as string | null,
      actor: r.actor as string | null, data: JSON.parse(r.data as string),
    }));
  }
}
