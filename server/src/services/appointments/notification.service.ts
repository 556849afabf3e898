import type { HallConfig } from '@onewindow/config';
import { estimateWait, type HallState, type Ticket } from '../../engine/index.ts';
import type { AppointmentRepository } from '../../repositories/appointment.repository.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import type { Notifier } from './notifier.ts';
import { announce } from '@onewindow/protocol';
import type { ViewContext } from '../queue/views.ts';

export const DEFAULT_PLACES_AHEAD = 3;

/**
 * Tells visitors with a phone (bookings) when they are N places away and when they are called,
 * once each (recorded on the booking, so a restart does not repeat them). Runs after commits:
 * a slow or failing gateway never holds up the queue.
 */
export class NotificationService {
  constructor(
    private readonly hall: HallService,
    private readonly repo: AppointmentRepository,
    private readonly notifier: Notifier,
    private readonly config: HallConfig,
    private readonly views: () => ViewContext,
    private readonly report: (err: unknown) => void = (err) => console.error('notification failed', err),
  ) {}

  start(): () => void {
    return this.hall.onCommit((batch) => {
      try {
        this.onCommit(batch);
      } catch (err) {
        this.report(err);
      }
    });
  }

  placesAhead(): number {
    return this.config.notifications?.placesAhead ?? DEFAULT_PLACES_AHEAD;
  }

  onCommit(batch: Committed[]): void {
    const v = this.views();
    let queueChanged = false;
    for (const c of batch) {
      if (!c.event.type.startsWith('ticket.')) continue;
      queueChanged = true;
      if (c.event.type === 'ticket.called') this.called(v, c.event.ticketId, c.event.windowId, c.event.at);
    }
    if (queueChanged) this.near(v);
  }

  private called(v: ViewContext, ticketId: string, windowId: string, at: number): void {
    const t = v.state.tickets.get(ticketId);
    const a = t?.appointmentId ? this.repo.byId(t.appointmentId) : null;
    if (!t || !a?.phone || a.ticket_id !== t.id || !this.repo.markNotified(a.id, 'called', at)) return;
    const windowName = v.state.model.windows.find((w) => w.id === windowId)?.name ?? windowId;
    this.send({ ticketId: t.id, number: t.number, phone: a.phone, kind: 'called', text: `【${this.config.hall.name}】${announce(v.announcement, t.number, windowName)}` });
  }

  private near(v: ViewContext): void {
    const lead = v.state.model.appointmentLeadSec * 1000;
    for (const id of v.state.waiting.fromBookings()) {
      const t = v.state.tickets.get(id)!;
      if (!t.appointmentId || t.steps.length > 1) continue;
      // A booked visitor is not called before the slot: "almost your turn" would mislead earlier.
      if (t.appointmentAt !== null && t.appointmentAt - lead > v.now) continue;
      const ahead = aheadOf(v.state, t, v.now);
      if (ahead > this.placesAhead()) continue;
      const a = this.repo.byId(t.appointmentId);
      if (!a?.phone || a.ticket_id !== t.id || a.notified_called_at !== null || !this.repo.markNotified(a.id, 'near', v.now)) continue;
      const text = ahead === 0
        ? `【${this.config.hall.name}】${t.number}号：下一位就是您，请留意叫号。`
        : `【${this.config.hall.name}】${t.number}号：您前面还有${ahead}位，请回到大厅留意叫号。`;
      this.send({ ticketId: t.id, number: t.number, phone: a.phone, kind: 'near', text });
    }
  }

  private send(msg: Parameters<Notifier['notify']>[0]): void {
    try {
      const r = this.notifier.notify(msg);
      if (r instanceof Promise) r.catch((err: unknown) => this.report(err));
    } catch (err) {
      this.report(err);
    }
  }
}

function aheadOf(s: HallState, t: Ticket, now: number): number {
  return estimateWait(s, t, now).ahead;
}
