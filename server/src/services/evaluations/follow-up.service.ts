import type { HallConfig } from '@onewindow/config';
import { isoLocal, SCORE_LABELS } from '@onewindow/protocol';
import type { FollowUpRepository, FollowUpRow, FollowUpStatus } from '../../repositories/follow-up.repository.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import { AppError } from '../app-error.ts';
import { maskContact } from '../privacy.ts';
import type { HallService } from '../hall/hall.service.ts';
import { workingDaysAfter } from '../hall/working-days.ts';

/** A supervisor must call the visitor back within one working day, and resolve within fifteen. */
export const CALL_BACK_WORKING_DAYS = 1;
export const RESOLVE_WORKING_DAYS = 15;
export const OVERDUE_ALERT = 'follow-up-overdue';

export type Overdue = 'call-back' | 'resolution';

export interface FollowUpView {
  id: string; evaluationId: string; ticketId: string; number: string; day: string;
  serviceId: string; serviceName: string; windowId: string; windowName: string; clerkId: string | null; clerkName: string | null;
  score: number; label: string; reasons: string[]; comment: string | null;
  /** Masked in lists ("138****5678"); whole only when one follow-up is opened. */
  contact: string | null;
  status: FollowUpStatus; ratedAt: string; openedAt: string; calledBackAt: string | null; resolvedAt: string | null;
  callBackDue: string | null; resolveDue: string | null; overdue: Overdue[];
  notes: { at: string; by: string; status: FollowUpStatus; note: string }[];
}

/** Follow-ups of bad reviews (1–2): list, record a call-back or a resolution, and chase overdue ones. */
export class FollowUpService {
  constructor(
    private readonly repo: FollowUpRepository,
    private readonly hall: HallService,
    private readonly alerts: AlertService,
    private readonly config: HallConfig,
    private readonly clerkName: (id: string) => string,
  ) {}

  list(all: boolean): FollowUpView[] {
    return (all ? this.repo.list() : this.repo.unresolved()).map((r) => this.view(r, true));
  }

  /** One follow-up with the visitor's contact in full, for the call-back (the route audits the access). */
  get(id: string): FollowUpView {
    return this.view(this.find(id), false);
  }

  /** Records a call-back or the resolution: kept with the follow-up and logged (follow-up.recorded) in one transaction. */
  record(id: string, status: Exclude<FollowUpStatus, 'open'>, note: string, by: { actor: string; name: string }): FollowUpView {
    const r = this.find(id);
    if (r.status === 'resolved') throw new AppError(409, 'FOLLOW_UP_RESOLVED', `follow-up of ${r.number} is already resolved`);
    const now = this.hall.now();
    const text = note.trim();
    const next = {
      ...r, status,
      calledBackAt: status === 'called-back' ? r.calledBackAt ?? now : r.calledBackAt,
      resolvedAt: status === 'resolved' ? now : null,
      notes: [...r.notes, { at: now, by: by.name, status, note: text }],
    };
    this.hall.commit([{ type: 'follow-up.recorded', at: now, ticketId: r.ticketId, windowId: r.windowId, status, note: text, by: by.name }], by.actor, () => this.repo.update(next));
    return this.view(next, false);
  }

  /** Periodic: raises one `follow-up-overdue` alert per follow-up and stage that has passed its due time. */
  checkOverdue(): number {
    let raised = 0;
    const now = this.hall.now();
    for (const r of this.repo.unresolved()) {
      for (const stage of this.overdue(r, now)) {
        const subject = `follow-up:${r.id}:${stage}`;
        if (this.repo.wasAlerted(OVERDUE_ALERT, subject)) continue;
        const what = stage === 'call-back' ? '未在 1 个工作日内回访' : '未在 15 个工作日内办结';
        this.alerts.raise(OVERDUE_ALERT, stage === 'resolution' ? 'critical' : 'warning', `差评跟进超期：${r.number}（${this.serviceName(r.serviceId)}）${what}`, subject);
        raised++;
      }
    }
    return raised;
  }

  private overdue(r: FollowUpRow, now: number): Overdue[] {
    if (r.status === 'resolved') return [];
    const { callBack, resolve } = this.dues(r);
    const out: Overdue[] = [];
    if (r.status === 'open' && callBack !== null && now > callBack) out.push('call-back');
    if (resolve !== null && now > resolve) out.push('resolution');
    return out;
  }

  private dues(r: FollowUpRow): { callBack: number | null; resolve: number | null } {
    const cal = { timezone: this.config.hall.timezone, hours: this.config.hall.hours, holidays: this.config.hall.holidays };
    return { callBack: workingDaysAfter(r.openedAt, CALL_BACK_WORKING_DAYS, cal), resolve: workingDaysAfter(r.openedAt, RESOLVE_WORKING_DAYS, cal) };
  }

  private find(id: string): FollowUpRow {
    const r = this.repo.get(id);
    if (!r) throw new AppError(404, 'UNKNOWN_FOLLOW_UP', `no follow-up ${id}`);
    return r;
  }

  private serviceName(id: string): string {
    return this.hall.model.services.find((s) => s.id === id)?.name ?? id;
  }

  private view(r: FollowUpRow, masked: boolean): FollowUpView {
    const tz = this.config.hall.timezone;
    const iso = (ms: number | null) => (ms === null ? null : isoLocal(ms, tz));
    const { callBack, resolve } = this.dues(r);
    return {
      id: r.id, evaluationId: r.evaluationId, ticketId: r.ticketId, number: r.number, day: r.day,
      serviceId: r.serviceId, serviceName: this.serviceName(r.serviceId),
      windowId: r.windowId, windowName: this.hall.model.windows.find((w) => w.id === r.windowId)?.name ?? r.windowId,
      clerkId: r.clerkId, clerkName: r.clerkId ? this.clerkName(r.clerkId) : null,
      score: r.score, label: SCORE_LABELS[r.score]?.zh ?? String(r.score), reasons: r.reasons, comment: r.comment,
      contact: masked ? maskContact(r.contact) : r.contact,
      status: r.status, ratedAt: iso(r.ratedAt)!, openedAt: iso(r.openedAt)!, calledBackAt: iso(r.calledBackAt), resolvedAt: iso(r.resolvedAt),
      callBackDue: iso(callBack), resolveDue: iso(resolve), overdue: this.overdue(r, this.hall.now()),
      notes: r.notes.map((n) => ({ ...n, at: iso(n.at)! })),
    };
  }
}
