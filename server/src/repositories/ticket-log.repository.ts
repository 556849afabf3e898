import type { Db } from './db.ts';

/** One row of the event log about a ticket. */
export interface TicketLogRow {
  seq: number;
  at: number;
  type: string;
  windowId: string | null;
  actor: string | null;
  data: Record<string, unknown>;
}

export interface FlagRow { ticketId: string; stepIndex: number; windowId: string | null; note: string; at: number; actor: string | null }

/** Read-only views of the event log, by ticket: a visit's timeline and the flags on its service times. */
export class TicketLogRepository {
  private readonly ofTicket;
  private readonly flagsByTicket;
  private readonly flagsOfWindowDay;

  constructor(db: Db) {
    this.ofTicket = db.prepare('SELECT seq, at, type, window_id, actor, data FROM events WHERE ticket_id = ? ORDER BY seq');
    this.flagsByTicket = db.prepare(`SELECT at, actor, data FROM events WHERE ticket_id = ? AND type = 'ticket.flagged' ORDER BY seq`);
    this.flagsOfWindowDay = db.prepare(`SELECT at, actor, data FROM events WHERE day = ? AND window_id = ? AND type = 'ticket.flagged' ORDER BY seq`);
  }

  events(ticketId: string): TicketLogRow[] {
    return (this.ofTicket.all(ticketId) as { seq: number; at: number; type: string; window_id: string | null; actor: string | null; data: string }[])
      .map((r) => ({ seq: r.seq, at: r.at, type: r.type, windowId: r.window_id, actor: r.actor, data: JSON.parse(r.data) }));
  }

  flagsOfTicket(ticketId: string): FlagRow[] {
    return (this.flagsByTicket.all(ticketId) as FlagSource[]).map(toFlag);
  }

  flagsAtWindow(day: string, windowId: string): FlagRow[] {
    return (this.flagsOfWindowDay.all(day, windowId) as FlagSource[]).map(toFlag);
  }
}

interface FlagSource { at: number; actor: string | null; data: string }
function toFlag(r: FlagSource): FlagRow {
  const e = JSON.parse(r.data) as { ticketId: string; stepIndex: number; windowId: string | null; note: string };
  return { ticketId: e.ticketId, stepIndex: e.stepIndex, windowId: e.windowId, note: e.note, at: r.at, actor: r.actor };
}
