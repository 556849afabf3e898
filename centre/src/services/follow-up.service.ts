import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CatalogueRepository } from '../repositories/catalogue.repository.ts';
import type { FollowUpAction, RatingExportRow, ReportRepository } from '../repositories/report.repository.ts';
import { AppError } from './app-error.ts';
import type { Clock } from './clock.ts';
import { DEFAULT_FOLLOW_UP, type FollowUpSettings } from './follow-ups/settings.ts';
import { localDate, workingDaysAfter } from './follow-ups/working-days.ts';
import type { Viewer } from './wall.service.ts';

export type FollowUpStatus = 'open' | 'called-back' | 'resolved';
export interface FollowUp {
  id: string; hallId: string; hallName: string; ticketId: string; number: string; serviceId: string; windowId: string; clerkId: string | null; clerkName: string | null;
  score: number; reasons: string[]; channel: string; ratedAt: string;
  status: FollowUpStatus; callBackDue: string | null; resolveDue: string | null; calledBackAt: string | null; resolvedAt: string | null;
  overdue: ('call-back' | 'resolution')[];
  actions: FollowUpAction[];
}

const SETTINGS_KEY = 'follow-up';
const LOOKBACK_DAYS = 92;

/**
 * The district's follow-ups of bad reviews (1–2) from every hall: each with its call-back and fix
 * deadlines in the province's working days, what the district did about it, overdue ones first.
 * The reviews come from the halls' events; the call-backs and fixes are the centre's own records
 * and the halls' (a hall's supervisor following up at the hall: follow-up.recorded), either of
 * which moves the follow-up on.
 */
export class FollowUpService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly store: CatalogueRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async settings(): Promise<FollowUpSettings> {
    return { ...DEFAULT_FOLLOW_UP, ...((await this.store.setting<FollowUpSettings>(SETTINGS_KEY)) ?? {}) };
  }

  async saveSettings(s: FollowUpSettings, by: string): Promise<FollowUpSettings> {
    try {
      new Intl.DateTimeFormat('en', { timeZone: s.timezone });
    } catch {
      throw new AppError(422, 'TIMEZONE_INVALID', `unknown time zone ${s.timezone}`);
    }
    await this.store.saveSetting(SETTINGS_KEY, s);
    await this.audit.add({ actor: by, action: 'settings.follow-up', detail: s });
    return s;
  }

  async list(viewer: Viewer, opts: { all?: boolean; from?: string; to?: string } = {}): Promise<FollowUp[]> {
    const cal = await this.settings();
    const now = this.clock();
    const to = opts.to ?? localDate(now, cal.timezone);
    const from = opts.from ?? new Date(Date.parse(to) - LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    const bad = await this.reports.ratings(from, to, viewer.role === 'hall-viewer' ? viewer.hallId : null, 2);
    const actions = await this.reports.actions(bad);
    const list = bad.map((r) => this.view(r, actions.get(`${r.hallId}/${r.ticketId}`) ?? [], cal, now)).filter((f) => opts.all || f.status !== 'resolved');
    const urgency = (f: FollowUp) => (f.overdue.includes('resolution') ? 0 : f.overdue.includes('call-back') ? 1 : 2);
    return list.sort((a, b) => urgency(a) - urgency(b) || (a.callBackDue ?? '').localeCompare(b.callBackDue ?? '') || a.id.localeCompare(b.id));
  }

  async record(id: string, status: 'called-back' | 'resolved', note: string, by: string, viewer: Viewer): Promise<FollowUp> {
    const [hallId, ticketId] = id.split('/');
    if (!hallId || !ticketId) throw new AppError(404, 'UNKNOWN_FOLLOW_UP', `no follow-up ${id}`);
    if (viewer.role === 'hall-viewer' && viewer.hallId !== hallId) throw new AppError(403, 'FORBIDDEN', 'a hall viewer sees only their own hall');
    const r = await this.reports.rating(hallId, ticketId);
    if (!r || r.score > 2) throw new AppError(404, 'UNKNOWN_FOLLOW_UP', `no follow-up ${id}`);
    const before = await this.reports.actions([r]);
    if ((before.get(id) ?? []).some((a) => a.status === 'resolved')) throw new AppError(409, 'FOLLOW_UP_RESOLVED', `the follow-up of ${r.number} is resolved already`);
    await this.reports.addAction(hallId, ticketId, status, note.trim(), by);
    await this.audit.add({ actor: by, action: `follow-up.${status}`, target: id });
    const cal = await this.settings();
    return this.view(r, (await this.reports.actions([r])).get(id) ?? [], cal, this.clock());
  }

  private view(r: RatingExportRow, actions: FollowUpAction[], cal: FollowUpSettings, now: number): FollowUp {
    const calledBack = actions.find((a) => a.status === 'called-back' || a.status === 'resolved')?.at ?? null;
    const resolved = actions.find((a) => a.status === 'resolved')?.at ?? null;
    const status: FollowUpStatus = resolved ? 'resolved' : calledBack ? 'called-back' : 'open';
    const cb = workingDaysAfter(r.at, cal.callBackWorkingDays, cal);
    const fix = workingDaysAfter(r.at, cal.resolveWorkingDays, cal);
    const overdue: FollowUp['overdue'] = [];
    if (status === 'open' && cb !== null && now > cb) overdue.push('call-back');
    if (status !== 'resolved' && fix !== null && now > fix) overdue.push('resolution');
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: `${r.hallId}/${r.ticketId}`, hallId: r.hallId, hallName: r.hallName, ticketId: r.ticketId, number: r.number, serviceId: r.serviceId, windowId: r.windowId,
      clerkId: r.clerkId, clerkName: r.clerkName, score: r.score, reasons: r.reasons, channel: r.channel, ratedAt: new Date(r.at).toISOString(),
      status, callBackDue: iso(cb), resolveDue: iso(fix), calledBackAt: calledBack, resolvedAt: resolved, overdue, actions,
    };
  }
}
