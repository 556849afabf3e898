/** GET /api/reports/day and /range, as the console reads them (server: reports.schemas.ts). */
export interface ReportRow {
  key: string;
  name: string;
  issued: number | null;
  called: number;
  served: number;
  noShows: number;
  transfers: number;
  cancelled: number;
  expired: number;
  outcomes: { done: number; incomplete: number; referred: number };
  waitMeanSec: number | null;
  waitP90Sec: number | null;
  waitMaxSec: number | null;
  targetBase: number;
  withinTarget: number;
  withinTargetShare: number | null;
  serviceMeanSec: number | null;
  idleSec: number | null;
  servingSec: number | null;
  pausedSec: number | null;
  ratings: number[];
  rated: number;
  satisfaction: number | null;
  badReviews: number;
}

export interface Report {
  format: 'onewindow-report/1';
  kind: 'day' | 'range';
  from: string;
  to: string;
  generatedAt: string;
  complete: boolean;
  archived: boolean;
  scope: { clerkId: string | null; clerkName: string | null };
  targets: { serviceId: string; name: string; targetWaitSec: number }[];
  totals: ReportRow;
  byService: ReportRow[];
  byWindow: ReportRow[];
  byClerk: ReportRow[];
  byHour: ReportRow[];
  byDay: ReportRow[];
  unserved: { ticketId: string; number: string; serviceId: string; end: 'expired' | 'cancelled'; reason: string | null; at: string }[];
  badReviews: { ticketId: string; number: string; serviceId: string; windowId: string; clerkId: string | null; score: number; at: string }[];
}

export type Dimension = 'service' | 'window' | 'clerk' | 'hour' | 'day';
