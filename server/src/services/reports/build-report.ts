import { countReviewReasons, REPORT_FORMAT, type Report } from '@onewindow/protocol';
import { aggregate, type AggregateOptions } from './aggregate.ts';
import type { ReportRow } from './report-row.ts';
import type { DayFacts } from './types.ts';
import type { CsvSection } from './csv.ts';

export { REPORT_FORMAT, type Report };

export interface ReportMeta {
  kind: 'day' | 'range';
  from: string;
  to: string;
  generatedAt: string;
  complete: boolean;
  clerkName: string | null;
  /** Instants as the API writes them (ISO with the hall's offset). */
  iso(ms: number): string;
}

/** A report from the facts of its days. Pure. */
export function buildReport(days: readonly DayFacts[], o: AggregateOptions, meta: ReportMeta, serviceTargets: Report['targets']): Report {
  const f = aggregate(days, o);
  const mine = (clerkId: string | null) => !o.clerkId || clerkId === o.clerkId;
  const bad = days.flatMap((d) => d.ratings.filter((r) => r.score <= 2 && mine(r.clerkId)));
  return {
    format: REPORT_FORMAT, kind: meta.kind, from: meta.from, to: meta.to, generatedAt: meta.generatedAt,
    complete: meta.complete, archived: false,
    scope: { clerkId: o.clerkId ?? null, clerkName: meta.clerkName },
    targets: serviceTargets,
    ...f,
    unserved: o.clerkId ? [] : days.flatMap((d) => d.visits.filter((v) => v.end === 'expired' || (v.end === 'cancelled' && v.calledAt === null))
      .map((v) => ({ ticketId: v.ticketId, number: v.number, serviceId: v.serviceId, end: v.end as 'expired' | 'cancelled', reason: v.reason, at: meta.iso(v.endedAt!) }))),
    badReviews: bad.map((r) => ({
      ticketId: r.ticketId, number: r.number, serviceId: r.serviceId, windowId: r.windowId, clerkId: r.clerkId, score: r.score, at: meta.iso(r.at), reasons: r.reasons,
    })),
    reviewReasons: countReviewReasons(bad.flatMap((r) => r.reasons)),
  };
}

/** The CSV's sections: the whole, then by service, window, clerk, (day), hour. */
export function csvSections(r: Report): CsvSection[] {
  return [
    { label: '合计', rows: [r.totals] },
    { label: '服务', rows: r.byService },
    { label: '窗口', rows: r.byWindow },
    { label: '人员', rows: r.byClerk },
    ...(r.kind === 'range' ? [{ label: '日期', rows: r.byDay }] : []),
    { label: '时段', rows: r.byHour },
  ];
}
