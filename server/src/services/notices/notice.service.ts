import type { HallConfig } from '@onewindow/config';
import { isoLocal, type NoticeView } from '@onewindow/protocol';
import type { NoticeRepository, NoticeRow } from '../../repositories/notice.repository.ts';
import { AppError } from '../app-error.ts';
import type { HallService } from '../hall/hall.service.ts';

/** Items as a clerk may type them: trimmed, none empty, at most 30 of 200 characters. */
export function cleanItems(items: readonly string[]): string[] {
  return items.map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean).slice(0, 30).map((s) => s.slice(0, 200));
}

/**
 * 一次性告知 (the one-time notice of missing materials): when a clerk finishes a matter as
 * incomplete, the list they typed is kept with the ticket, printed as an A4 notice from the
 * terminal, shown on the visitor's tracking page and texted to a phone they left.
 */
export class NoticeService {
  constructor(
    private readonly repo: NoticeRepository,
    private readonly hall: HallService,
    private readonly config: HallConfig,
    private readonly names: { clerk(id: string): string; trackUrl(token: string): string },
  ) {}

  /** Kept inside the transaction that finishes the matter. */
  record(ticketId: string, stepIndex: number, windowId: string, clerkId: string | null, items: string[], note: string | null, at: number): void {
    const t = this.hall.state.tickets.get(ticketId);
    if (!t || items.length === 0) return;
    this.repo.insert({
      ticket_id: ticketId, step_index: stepIndex, day: t.day, service_id: t.steps[stepIndex].serviceId, window_id: windowId, clerk_id: clerkId,
      items: JSON.stringify(items), note, created_at: at,
    });
  }

  /** The ticket's latest notice, or null; for staff with the tracking URL and the clerk, for the visitor's phone without. */
  latest(ticketId: string, forStaff = false, number?: string): NoticeView | null {
    const rows = this.repo.ofTicket(ticketId);
    return rows.length ? this.view(rows[rows.length - 1], forStaff, number) : null;
  }

  /** For the terminal's print: a ticket's notice of one matter (the latest by default). */
  get(ticketId: string, stepIndex?: number): NoticeView {
    const rows = this.repo.ofTicket(ticketId);
    const row = stepIndex === undefined ? rows[rows.length - 1] : rows.find((r) => r.step_index === stepIndex);
    if (!row) throw new AppError(404, 'NO_NOTICE', 'this ticket has no 一次性告知: it was not finished with materials missing');
    return this.view(row, true);
  }

  countAtWindow(day: string, windowId: string): number {
    return this.repo.countAtWindow(day, windowId);
  }

  private view(r: NoticeRow, forStaff: boolean, number?: string): NoticeView {
    const model = this.hall.model;
    const svc = model.services.find((s) => s.id === r.service_id);
    const win = model.windows.find((w) => w.id === r.window_id);
    const t = this.hall.state.tickets.get(r.ticket_id);
    return {
      ticketId: r.ticket_id, number: t?.number ?? number ?? '', stepIndex: r.step_index, hallName: this.config.hall.name,
      serviceId: r.service_id, serviceName: svc?.name ?? r.service_id, serviceNameEn: svc?.nameEn ?? null,
      windowId: r.window_id, windowName: win?.name ?? r.window_id, clerkName: forStaff && r.clerk_id ? this.names.clerk(r.clerk_id) : null,
      items: JSON.parse(r.items) as string[], note: r.note, at: isoLocal(r.created_at, this.config.hall.timezone),
      trackUrl: forStaff && t ? this.names.trackUrl(t.trackToken) : null,
    };
  }
}
