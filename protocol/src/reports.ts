import { Type, type Static } from 'typebox';

/**
 * GET /api/reports/day and /range (and the archive written at the daily reset): one report, its
 * rows by service, window, clerk, hour and day. The server builds it; the supervisors' console reads it.
 */
export const REPORT_FORMAT = 'onewindow-report/1';

const N = Type.Integer({ minimum: 0 });
const Sec = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

/** One line of a report: a service, a window, a clerk, an hour, a day, or the whole. */
export const ReportRow = Type.Object({
  key: Type.String({ description: 'service id, window id, clerk id, hour (9 = 09:00–10:00; 24+ after midnight), date, or "all"' }),
  name: Type.String(),
  issued: Type.Union([N, Type.Null()], { description: 'tickets issued (first matters); null for windows, clerks and a clerk\'s own report' }),
  called: N,
  served: Type.Integer({ minimum: 0, description: '办件量: matters finished at a window, any outcome' }),
  noShows: N, transfers: N, cancelled: N,
  expired: Type.Integer({ minimum: 0, description: 'left unserved at the daily reset' }),
  outcomes: Type.Object({
    done: Type.Integer({ minimum: 0, description: '办结' }),
    incomplete: Type.Integer({ minimum: 0, description: '一次性告知 (documents missing)' }),
    referred: Type.Integer({ minimum: 0, description: 'referred elsewhere' }),
  }),
  waitMeanSec: Sec, waitP90Sec: Sec, waitMaxSec: Sec,
  targetBase: Type.Integer({ minimum: 0, description: 'matters whose service level is decided: called, or ended uncalled after waiting past the target' }),
  withinTarget: N,
  withinTargetShare: Share,
  serviceMeanSec: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: 'start (or call) to finish; flagged matters left out' }),
  idleSec: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: 'staffed window time; null for services' }),
  servingSec: Sec, pausedSec: Sec,
  ratings: Type.Array(N, { minItems: 5, maxItems: 5, description: 'counts of scores 1..5 (index 0 = 非常不满意)' }),
  rated: N,
  satisfaction: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: '满意率: share of 4–5' }),
  badReviews: N,
});

export const Report = Type.Object({
  format: Type.Literal(REPORT_FORMAT),
  kind: Type.Union([Type.Literal('day'), Type.Literal('range')]),
  from: Type.String(), to: Type.String(), generatedAt: Type.String(),
  complete: Type.Boolean({ description: 'every day of it has passed its daily reset' }),
  archived: Type.Boolean({ description: 'served from the archive written at the daily reset' }),
  scope: Type.Object({ clerkId: Type.Union([Type.String(), Type.Null()]), clerkName: Type.Union([Type.String(), Type.Null()]) }),
  targets: Type.Array(Type.Object({ serviceId: Type.String(), name: Type.String(), targetWaitSec: Type.Number() })),
  totals: ReportRow,
  byService: Type.Array(ReportRow),
  byWindow: Type.Array(ReportRow),
  byClerk: Type.Array(ReportRow),
  byHour: Type.Array(ReportRow),
  byDay: Type.Array(ReportRow),
  unserved: Type.Array(Type.Object({
    ticketId: Type.String(), number: Type.String(), serviceId: Type.String(),
    end: Type.Union([Type.Literal('expired'), Type.Literal('cancelled')]), reason: Type.Union([Type.String(), Type.Null()]), at: Type.String(),
  })),
  badReviews: Type.Array(Type.Object({
    ticketId: Type.String(), number: Type.String(), serviceId: Type.String(), windowId: Type.String(),
    clerkId: Type.Union([Type.String(), Type.Null()]), score: Type.Integer({ minimum: 1, maximum: 2 }), at: Type.String(),
    reasons: Type.Optional(Type.Array(Type.String(), { description: 'extension: the reasons as the pad sent them' })),
  })),
  reviewReasons: Type.Optional(Type.Array(Type.Object({
    code: Type.Union([Type.String(), Type.Null()], { description: 'a review-reason code (REVIEW_REASONS); null for text no code matched' }),
    text: Type.String({ description: 'the code\'s Chinese text, or the reason as given' }),
    count: Type.Integer({ minimum: 1 }),
  }), { description: 'extension: why the bad reviews were bad, counted by reason code, unmatched text as given; most frequent first' })),
});

export type ReportRow = Static<typeof ReportRow>;
export type Report = Static<typeof Report>;
