import type { Db } from './db.ts';

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled' | 'expired';

export interface AppointmentRow {
  id: string;
  code: string;
  service_id: string;
  day: string;
  slot_start: number;
  slot_end: number;
  name: string | null;
  phone: string | null;
  status: AppointmentStatus;
  ticket_id: string | null;
  channel: string;
  created_by: string | null;
  created_at: number;
  checked_in_at: number | null;
  cancelled_at: number | null;
  id_hash?: string | null;
  notified_near_at: number | null;
  notified_called_at: number | null;
}

export type NewAppointment = Pick<AppointmentRow, 'id' | 'code' | 'service_id' | 'day' | 'slot_start' | 'slot_end' | 'name' | 'phone' | 'channel' | 'created_by' | 'created_at'> & { id_hash?: string | null };

/** Why a booking was refused inside its transaction. */
export class BookingConflict extends Error {
  constructor(readonly reason: 'SLOT_FULL' | 'DUPLICATE_BOOKING' | 'CODE_TAKEN') { super(reason); }
}

const ACTIVE = "status IN ('booked', 'checked-in')";

/** Bookings on real SQLite: capacity and the one-per-phone rule are decided inside one transaction. */
export class AppointmentRepository {
  private readonly insertRow;
  private readonly countSlot;
  private readonly bookedOfDay;
  private readonly byCodeStmt;
  private readonly byIdStmt;
  private readonly byPhoneDay;
  private readonly ofDay;
  private readonly expireStmt;
  private readonly checkInStmt;
  private readonly cancelStmt;
  private readonly book;
  private readonly notified;
  private readonly ticketStmt;
  private readonly byIdHashStmt;

  constructor(db: Db) {
    this.insertRow = db.prepare(`INSERT INTO appointments (id, code, service_id, day, slot_start, slot_end, name, phone, id_hash, status, channel, created_by, created_at)
      VALUES (@id, @code, @service_id, @day, @slot_start, @slot_end, @name, @phone, @id_hash, 'booked', @channel, @created_by, @created_at)`);
    this.byIdHashStmt = db.prepare('SELECT * FROM appointments WHERE day = ? AND id_hash = ? ORDER BY slot_start');
    this.countSlot = db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE service_id = ? AND slot_start = ? AND ${ACTIVE}`);
    this.bookedOfDay = db.prepare(`SELECT slot_start, COUNT(*) AS n FROM appointments WHERE service_id = ? AND day = ? AND ${ACTIVE} GROUP BY slot_start`);
    this.byCodeStmt = db.prepare('SELECT * FROM appointments WHERE code = ?');
    this.byIdStmt = db.prepare('SELECT * FROM appointments WHERE id = ?');
    this.byPhoneDay = db.prepare('SELECT * FROM appointments WHERE phone = ? AND day = ? ORDER BY slot_start');
    this.ofDay = db.prepare('SELECT * FROM appointments WHERE day = ? ORDER BY slot_start, created_at');
    this.expireStmt = db.prepare("UPDATE appointments SET status = 'expired' WHERE status = 'booked' AND day < ?");
    this.checkInStmt = db.prepare("UPDATE appointments SET status = 'checked-in', ticket_id = ?, checked_in_at = ? WHERE id = ? AND status = 'booked'");
    this.cancelStmt = db.prepare("UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'booked'");
    this.notified = {
      near: db.prepare('UPDATE appointments SET notified_near_at = ? WHERE id = ? AND notified_near_at IS NULL'),
      called: db.prepare('UPDATE appointments SET notified_called_at = ? WHERE id = ? AND notified_called_at IS NULL'),
    };
    this.ticketStmt = db.prepare('SELECT number, status, track_token FROM tickets WHERE id = ?');
    // IMMEDIATE: the write lock is taken before counting, so two processes cannot both see a free place.
    this.book = db.transaction((a: NewAppointment, capacity: number) => {
      const { n } = this.countSlot.get(a.service_id, a.slot_start) as { n: number };
      if (n >= capacity) throw new BookingConflict('SLOT_FULL');
      try {
        this.insertRow.run(a);
      } catch (e) {
        const msg = (e as Error).message;
        if (/appointments\.code/.test(msg)) throw new BookingConflict('CODE_TAKEN');
        if (/UNIQUE constraint failed/.test(msg)) throw new BookingConflict('DUPLICATE_BOOKING');
        throw e;
      }
    });
  }

  /** Inserts a booking unless its slot is full or the phone already holds one that day. */
  insert(a: NewAppointment, capacity: number): void {
    this.book.immediate({ id_hash: null, ...a }, capacity);
  }

  /** A day's bookings made with this ID number's keyed hash. */
  byIdHash(day: string, idHash: string): AppointmentRow[] {
    return this.byIdHashStmt.all(day, idHash) as AppointmentRow[];
  }

  /** Active bookings per slot start of a service's day. */
  bookedBySlot(serviceId: string, day: string): Map<number, number> {
    const rows = this.bookedOfDay.all(serviceId, day) as { slot_start: number; n: number }[];
    return new Map(rows.map((r) => [r.slot_start, r.n]));
  }

  byCode(code: string): AppointmentRow | null {
    return (this.byCodeStmt.get(code) as AppointmentRow | undefined) ?? null;
  }

  byId(id: string): AppointmentRow | null {
    return (this.byIdStmt.get(id) as AppointmentRow | undefined) ?? null;
  }

  forPhone(phone: string, day: string): AppointmentRow[] {
    return this.byPhoneDay.all(phone, day) as AppointmentRow[];
  }

  ofDate(day: string): AppointmentRow[] {
    return this.ofDay.all(day) as AppointmentRow[];
  }

  /** Bookings never checked in on a day gone by. */
  expireBefore(day: string): number {
    return this.expireStmt.run(day).changes;
  }

  /** Marks the check-in; false when the booking was no longer 'booked'. Call inside the ticket's transaction. */
  checkIn(id: string, ticketId: string, at: number): boolean {
    return this.checkInStmt.run(ticketId, at, id).changes === 1;
  }

  cancel(id: string, at: number): boolean {
    return this.cancelStmt.run(at, id).changes === 1;
  }

  /** Records a message as sent; false when it had been sent already. */
  markNotified(id: string, kind: 'near' | 'called', at: number): boolean {
    return this.notified[kind].run(at, id).changes === 1;
  }

  /** The ticket a check-in issued (any day): number, status and track token. */
  ticket(id: string): { number: string; status: string; trackToken: string } | null {
    const r = this.ticketStmt.get(id) as { number: string; status: string; track_token: string } | undefined;
    return r ? { number: r.number, status: r.status, trackToken: r.track_token } : null;
  }
}
