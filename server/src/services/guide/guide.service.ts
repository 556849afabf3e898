import { CODE_LENGTH, cleanBookingCode, isDigitCode, type AppointmentView, type GuideLookup, type TicketView } from '@onewindow/protocol';
import type { AppointmentService } from '../appointments/appointment.service.ts';
import { normalizeCode } from '../appointments/appointment.service.ts';
import type { AppError } from '../app-error.ts';
import type { QueueService } from '../queue/queue.service.ts';
import type { VisitorService } from '../visitors/visitor.service.ts';

/** What the guide typed: a ticket number (A012), a mobile number, or a booking code (ten digits, or an older letter code). */
export function queryKind(q: string): GuideLookup['kind'] {
  const s = q.trim().toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d{1,4}$/.test(s)) return 'number';
  if (/^1[3-9]\d{9}$/.test(s)) return 'phone';
  if (isDigitCode(cleanBookingCode(s))) return 'code';
  if (normalizeCode(s).length === CODE_LENGTH && /^[A-Z0-9]+$/.test(normalizeCode(s))) return 'code';
  return 'none';
}

/**
 * The guide desk's look-up: a visitor at the desk is found by the number on their slip, the code
 * of their booking, or the phone they booked or left with. Today's tickets and bookings only.
 */
export class GuideService {
  constructor(private readonly queue: QueueService, private readonly appointments: AppointmentService, private readonly visitors: VisitorService) {}

  lookup(query: string): GuideLookup {
    const kind = queryKind(query);
    const s = query.trim().toUpperCase().replace(/\s+/g, '');
    const tickets = new Map<string, TicketView>();
    const bookings: AppointmentView[] = [];
    const add = (id: string | null | undefined) => {
      if (!id || tickets.has(id)) return;
      try {
        tickets.set(id, this.queue.ticket(id));
      } catch {
        // a booking's ticket of another day
      }
    };
    if (kind === 'number') {
      for (const t of this.queue.tickets(false)) if (stripZeros(t.number) === stripZeros(s)) add(t.id);
    } else if (kind === 'phone') {
      for (const id of this.visitors.ticketsByPhone(s)) add(id);
      for (const a of this.appointments.forPhoneToday(s)) {
        bookings.push(a.view);
        add(a.ticketId);
      }
    } else if (kind === 'code') {
      try {
        const a = this.appointments.get(s);
        bookings.push(a);
        add(this.appointments.ticketIdOf(s));
      } catch (e) {
        if ((e as AppError).code !== 'APPOINTMENT_NOT_FOUND') throw e;
      }
    }
    return { query, kind, tickets: [...tickets.values()], bookings };
  }
}

/** "A012" and "a12" are the same ticket. */
function stripZeros(n: string): string {
  return n.replace(/^([A-Z]+)0*(\d)/, '$1$2');
}
