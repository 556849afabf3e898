import type { VisitorView } from '@onewindow/protocol';
import type { ContactRow, TicketContactRepository } from '../../repositories/ticket-contact.repository.ts';
import type { HallService } from '../hall/hall.service.ts';
import { maskContact } from '../privacy.ts';

/** A real-name ticket's holder as kept: the keyed hash of the ID number, its masked form, the masked name. */
export interface Identity {
  idHash: string;
  idMasked: string;
  name: string;
}

/**
 * What visitors leave with their tickets: a phone for notices, the card of a real-name ticket.
 * Kept in SQLite (`ticket_contacts`, purged with the retention period) and today's rows in memory
 * for the views. No ID number is kept: a keyed hash for the one-per-person match, a masked form
 * and a masked name to show.
 */
export class VisitorService {
  private cache: { day: string; rows: Map<string, ContactRow> } | null = null;

  constructor(private readonly repo: TicketContactRepository, private readonly hall: HallService) {}

  private today(): Map<string, ContactRow> {
    const day = this.hall.state.day;
    if (this.cache?.day !== day) this.cache = { day, rows: new Map(this.repo.ofDay(day).map((r) => [r.ticket_id, r])) };
    return this.cache.rows;
  }

  /** Kept with the ticket, inside the transaction that issues it. */
  record(ticketId: string, serviceId: string, left: { phone?: string | null; identity?: Identity | null }, at: number): void {
    if (!left.phone && !left.identity) return;
    const row: ContactRow = {
      ticket_id: ticketId, day: this.hall.state.day, service_id: serviceId, phone: left.phone ?? null,
      name: left.identity?.name ?? null, id_masked: left.identity?.idMasked ?? null, id_hash: left.identity?.idHash ?? null,
      created_at: at, notified_near_at: null, notified_called_at: null,
    };
    this.repo.insert(row);
    this.today().set(ticketId, row);
  }

  /** A phone left after the ticket was taken (the guide desk). */
  setPhone(ticketId: string, serviceId: string, phone: string, at: number): void {
    this.repo.setPhone({ ticket_id: ticketId, day: this.hall.state.day, service_id: serviceId, phone, created_at: at });
    const rows = this.today();
    const row = this.repo.byTicket(ticketId);
    if (row) rows.set(ticketId, row);
  }

  /** Masked, for staff and the visitor's own kiosk. */
  view(ticketId: string): VisitorView | null {
    const r = this.today().get(ticketId);
    if (!r) return null;
    const v: VisitorView = {};
    if (r.name) v.name = r.name;
    if (r.id_masked) v.idMasked = r.id_masked;
    if (r.phone) v.phone = maskContact(r.phone)!;
    return Object.keys(v).length ? v : null;
  }

  phoneOf(ticketId: string): string | null {
    return this.today().get(ticketId)?.phone ?? this.repo.byTicket(ticketId)?.phone ?? null;
  }

  /** Today's tickets with a phone left at the guide desk, for the "还有 3 位" messages. */
  withPhones(): string[] {
    return [...this.today().values()].filter((r) => r.phone).map((r) => r.ticket_id);
  }

  ticketsOfPerson(serviceId: string, idHash: string): string[] {
    return this.repo.ticketsOfPerson(this.hall.state.day, serviceId, idHash);
  }

  /** Today's tickets of any matter of one person. */
  ticketsOfHash(idHash: string): string[] {
    return [...this.today().values()].filter((r) => r.id_hash === idHash).map((r) => r.ticket_id);
  }

  ticketsByPhone(phone: string): string[] {
    return this.repo.byPhone(this.hall.state.day, phone).map((r) => r.ticket_id);
  }

  markNotified(ticketId: string, kind: 'near' | 'called', at: number): boolean {
    const ok = this.repo.markNotified(ticketId, kind, at);
    const row = this.today().get(ticketId);
    if (ok && row) row[kind === 'near' ? 'notified_near_at' : 'notified_called_at'] = at;
    return ok;
  }
}
