import type { HallConfig } from '@onewindow/config';
import { isoLocal } from '@onewindow/protocol';
import type { ReportRepository } from '../../repositories/report.repository.ts';
import { AppError } from '../app-error.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { AggregateOptions } from './aggregate.ts';
import { reportCsv } from './csv.ts';
import { buildReport, csvSections, type Report } from './build-report.ts';
import { businessDayBounds, datesBetween } from '@onewindow/protocol/time';
import type { DayFacts } from './types.ts';
import { foldVisits } from './visits.ts';
import { foldWindowTime } from './window-time.ts';

/** Whose figures: the whole hall (supervisors), or one clerk's own. */
export interface ReportScope { clerkId: string | null }

export const MAX_RANGE_DAYS = 93;

/**
 * The day and range reports, computed from the event log and the ratings; a finished day's report
 * is archived at the daily reset and served from the archive afterwards.
 */
export class ReportService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly hall: HallService,
    private readonly config: HallConfig,
    private readonly clerkName: (id: string) => string,
  ) {}

  /** Archives the finished day whenever a new business day starts. Returns the unsubscribe. */
  archiveAtReset(onError: (err: unknown) => void = () => {}): () => void {
    return this.hall.onCommit((batch) => {
      const started = batch.find((b) => b.event.type === 'day.started');
      if (!started) return;
      try {
        const day = this.repo.lastDayBefore((started.event as { day: string }).day);
        if (day) this.archive(day);
      } catch (err) {
        onError(err);
      }
    });
  }

  archive(day: string): Report {
    const report = this.compute('day', day, day, { clerkId: null });
    this.repo.saveArchive(day, report, this.hall.now());
    return report;
  }

  /** A business day's report (today when no date is given). */
  day(date: string | undefined, scope: ReportScope): Report {
    date ??= this.hall.state.day;
    this.refuseFuture(date);
    if (!scope.clerkId && date < this.hall.state.day) {
      const stored = this.repo.archivedReport(date) as Report | null;
      if (stored) return { ...stored, archived: true };
      return { ...this.archive(date), archived: true };
    }
    return this.compute('day', date, date, scope);
  }

  range(from: string, to: string, scope: ReportScope): Report {
    if (from > to) throw new AppError(422, 'RANGE_INVALID', `the range starts (${from}) after it ends (${to})`);
    if (datesBetween(from, to).length > MAX_RANGE_DAYS) throw new AppError(422, 'RANGE_TOO_LONG', `a range report covers at most ${MAX_RANGE_DAYS} days`);
    this.refuseFuture(to);
    return this.compute('range', from, to, scope);
  }

  csv(r: Report): string {
    return reportCsv(csvSections(r), r.reviewReasons ?? []);
  }

  private compute(kind: Report['kind'], from: string, to: string, scope: ReportScope): Report {
    const now = this.hall.now();
    const today = this.hall.state.day;
    const tz = this.config.hall.timezone;
    const days: DayFacts[] = datesBetween(from, to).map((day) => {
      const log = this.repo.dayLog(day);
      const { start, end } = businessDayBounds(day, this.config.hall.dailyReset, tz);
      return { day, visits: foldVisits(log), segments: foldWindowTime(log, start, day === today ? Math.min(now, end) : end), ratings: this.repo.ratings(day) };
    });
    const model = this.hall.model;
    const services = new Map(model.services.map((s) => [s.id, s]));
    const windows = new Map(model.windows.map((w) => [w.id, w]));
    const o: AggregateOptions = {
      timezone: tz,
      targets: new Map(model.services.map((s) => [s.id, s.targetWaitSec])),
      clerkId: scope.clerkId,
      names: {
        service: (id) => services.get(id)?.name ?? id,
        window: (id) => windows.get(id)?.name ?? id,
        clerk: (id) => this.clerkName(id),
        serviceOrder: model.services.map((s) => s.id),
        windowOrder: model.windows.map((w) => w.id),
      },
    };
    return buildReport(days, o, {
      kind, from, to, generatedAt: isoLocal(now, tz), complete: to < today,
      clerkName: scope.clerkId ? this.clerkName(scope.clerkId) : null, iso: (ms) => isoLocal(ms, tz),
    }, model.services.map((s) => ({ serviceId: s.id, name: s.name, targetWaitSec: s.targetWaitSec })));
  }

  private refuseFuture(date: string): void {
    if (date > this.hall.state.day) throw new AppError(422, 'DATE_IN_FUTURE', `${date} has not happened yet`);
  }
}
