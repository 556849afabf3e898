import type { HallConfig } from '@onewindow/config';
import { announce, isoLocal } from '@onewindow/protocol';
import { estimateWait, type HallState, type Ticket } from '../../engine/index.ts';
import type { AppointmentRepository } from '../../repositories/appointment.repository.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import type { NoticeService } from '../notices/notice.service.ts';
import type { ViewContext } from '../queue/views.ts';
import type { VisitorService } from '../visitors/visitor.service.ts';
import type { Notifier, NotifyMessage } from './notifier.ts';

export const DEFAULT_PLACES_AHEAD = 3;

/** Where a ticket's phone came from, and how to record that a message was sent to it (once). */
interface Reach { phone: string; mark(kind: 'near' | 'called', at: number): boolean; sent(kind: 'near' | 'called'): boolean }

/**
 * Tells visitors who left a phone number (a booking, or the guide desk) when they are N places
 * away and when they are called, once each (recorded, so a restart does not repeat them), and
 * texts them the 一次性告知 list when a matter ends with materials missing. Runs after commits:
 * a slow or failing gateway never holds up the queue.
 */
export class NotificationService {
  constructor(
    private readonly hall: HallService,
    private readonly repo: AppointmentRepository,
    private readonly visitors: VisitorService,
    private readonly notices: NoticeService,
    private readonly notifier: Notifier,
    private readonly config: HallConfig,
    private readonly views: () => ViewContext,
    private readonly trackUrl: (token: string) => string,
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
      if (c.event.type === 'ticket.finished' && c.event.outcome === 'incomplete') this.notice(v, c.event.ticketId);
    }
    if (queueChanged) this.near(v);
  }

  /** The phone a ticket can be reached at: its booking's, else one left with the ticket. */
  private reach(t: Ticket): Reach | null {
    const a = t.appointmentId ? this.repo.byId(t.appointmentId) : null;
    if (a?.phone && a.ticket_id === t.id) {
      return {
        phone: a.phone, mark: (kind, at) => this.repo.markNotified(a.id, kind, at),
        sent: (kind) => (kind === 'near' ? a.notified_near_at : a.notified_called_at) !== null,
      };
    }
    const phone = this.visitors.phoneOf(t.id);
    if (!phone) return null;
    return { phone, mark: (kind, at) => this.visitors.markNotified(t.id, kind, at), sent: () => false };
  }

  private called(v: ViewContext, ticketId: string, windowId: string, at: number): void {
    const t = v.state.tickets.get(ticketId);
    const r = t ? this.reach(t) : null;
    if (!t || !r || !r.mark('called', at)) return;
    const windowName = v.state.model.windows.find((w) => w.id === windowId)?.name ?? windowId;
    // Called before the time the kiosk and the slip promised: said in so many words.
    const promised = t.appointmentAt !== null && t.steps.length === 1 ? t.appointmentAt - v.state.model.appointmentLeadSec * 1000 : null;
    const early = promised !== null && at < promised ? `（您预约的是${this.hhmm(t.appointmentAt!)}，现有空闲窗口提前叫号）` : '';
    this.send({
      ticketId: t.id, number: t.number, phone: r.phone, kind: 'called', windowName, dedupe: `${t.id}:called`,
      text: `【${this.config.hall.name}】${announce(v.announcement, t.number, windowName)}${early}`,
    });
  }

  private near(v: ViewContext): void {
    const lead = v.state.model.appointmentLeadSec * 1000;
    const ids = new Set([...v.state.waiting.fromBookings(), ...this.visitors.withPhones()]);
    for (const id of ids) {
      const t = v.state.tickets.get(id);
      if (!t || !v.state.waiting.has(id)) continue;
      const booked = t.appointmentId !== null && t.steps.length === 1;
      // A booked visitor is not called before the slot: "almost your turn" would mislead earlier.
      if (booked && t.appointmentAt !== null && t.appointmentAt - lead > v.now) continue;
      const ahead = aheadOf(v.state, t, v.now);
      if (ahead > this.placesAhead()) continue;
      const r = this.reach(t);
      if (!r || r.sent('called') || !r.mark('near', v.now)) continue;
      const text = ahead === 0
        ? `【${this.config.hall.name}】${t.number}号：下一位就是您，请留意叫号。`
        : `【${this.config.hall.name}】${t.number}号：您前面还有${ahead}位，请回到大厅留意叫号。`;
      this.send({ ticketId: t.id, number: t.number, phone: r.phone, kind: 'near', ahead, text, dedupe: `${t.id}:near` });
    }
  }

  /** 一次性告知 by SMS: the list the clerk typed, with the tracking page that shows it. */
  private notice(v: ViewContext, ticketId: string): void {
    if (this.config.notifications?.notice === false) return;
    const t = v.state.tickets.get(ticketId);
    const r = t ? this.reach(t) : null;
    const n = t ? this.notices.latest(t.id) : null;
    if (!t || !r || !n) return;
    const list = n.items.map((x, i) => `${i + 1}.${x}`).join('；');
    this.send({
      ticketId: t.id, number: t.number, phone: r.phone, kind: 'notice', serviceName: n.serviceName, windowName: n.windowName, items: n.items,
      trackUrl: this.trackUrl(t.trackToken), dedupe: `${t.id}:notice:${n.stepIndex}`,
      text: `【${this.config.hall.name}】一次性告知：您办理的“${n.serviceName}”尚需补齐：${list}。请备齐后再来办理，详见 ${this.trackUrl(t.trackToken)}`,
    });
  }

  private send(msg: NotifyMessage): void {
    try {
      const r = this.notifier.notify(msg);
      if (r instanceof Promise) r.catch((err: unknown) => this.report(err));
    } catch (err) {
      this.report(err);
    }
  }

  private hhmm(ms: number): string {
    return isoLocal(ms, this.config.hall.timezone).slice(11, 16);
  }
}

function aheadOf(s: HallState, t: Ticket, now: number): number {
  return estimateWait(s, t, now).ahead;
}
