import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

/** What a visitor left with a ticket: a phone, the card of a real-name ticket (never the ID number itself). */
export interface ContactRow {
  ticket_id: string;
  day: string;
  service_id: string;
  phone: string | null;
  name: string | null;
  id_masked: string | null;
  id_hash: string | null;
  created_at: number;
  notified_near_at: number | null;
  notified_called_at: number | null;
}

export type NewContact = Pick<ContactRow, 'ticket_id' | 'day' | 'service_id' | 'phone' | 'name' | 'id_masked' | 'id_hash' | 'created_at'>;

export class TicketContactRepository {
  private readonly insertRow: Statement;
  private readonly byTicketStmt: Statement;
  private readonly ofDayStmt: Statement;
  private readonly personStmt: Statement;
  private readonly phoneStmt: Statement;
  private readonly setPhoneStmt: Statement;
  private readonly notified: Record<'near' | 'called', Statement>;

  constructor(db: Db) {
    this.insertRow = db.prepare(`INSERT INTO ticket_contacts (ticket_id, day, service_id, phone, name, id_masked, id_hash, created_at)
      VALUES (@ticket_id, @day, @service_id, @phone, @name, @id_masked, @id_hash, @created_at)`);
    this.byTicketStmt = db.prepare('SELECT * FROM ticket_contacts WHERE ticket_id = ?');
    this.ofDayStmt = db.prepare('SELECT * FROM ticket_contacts WHERE day = ?');
    this.personStmt = db.prepare('SELECT ticket_id FROM ticket_contacts WHERE day = ? AND service_id = ? AND id_hash = ?');
    this.phoneStmt = db.prepare('SELECT * FROM ticket_contacts WHERE day = ? AND phone = ?');
    this.setPhoneStmt = db.prepare(`INSERT INTO ticket_contacts (ticket_id, day, service_id, phone, created_at) VALUES (@ticket_id, @day, @service_id, @phone, @created_at)
      ON CONFLICT(ticket_id) DO UPDATE SET phone = excluded.phone`);
    this.notified = {
      near: db.prepare('UPDATE ticket_contacts SET notified_near_at = ? WHERE ticket_id = ? AND notified_near_at IS NULL'),
      called: db.prepare('UPDATE ticket_contacts SET notified_called_at = ? WHERE ticket_id = ? AND notified_called_at IS NULL'),
    };
  }

  /** Called inside the transaction that issues the ticket. */
  insert(row: NewContact): void {
    this.insertRow.run(row);
  }

  /** A phone left later (the guide desk): added to the ticket's row, or a row of its own. */
  setPhone(row: Pick<ContactRow, 'ticket_id' | 'day' | 'service_id' | 'phone' | 'created_at'>): void {
    this.setPhoneStmt.run(row);
  }

  byTicket(ticketId: string): ContactRow | null {
    return (this.byTicketStmt.get(ticketId) as ContactRow | undefined) ?? null;
  }

  ofDay(day: string): ContactRow[] {
    return this.ofDayStmt.all(day) as ContactRow[];
  }

  /** Today's tickets of one person for one matter, by the keyed hash of their ID number. */
  ticketsOfPerson(day: string, serviceId: string, idHash: string): string[] {
    return (this.personStmt.all(day, serviceId, idHash) as { ticket_id: string }[]).map((r) => r.ticket_id);
  }

  byPhone(day: string, phone: string): ContactRow[] {
    return this.phoneStmt.all(day, phone) as ContactRow[];
  }

  /** Records a message as sent; false when it had been sent already. */
  markNotified(ticketId: string, kind: 'near' | 'called', at: number): boolean {
    return this.notified[kind].run(at, ticketId).changes === 1;
  }
}
