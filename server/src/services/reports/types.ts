/** The facts reports are computed from: the event log folded into visits, window time and ratings. */

/** One row of the event log, as reports read it. */
export interface LogEntry {
  seq: number;
  at: number;
  type: string;
  ticketId: string | null;
  windowId: string | null;
  data: Record<string, unknown>;
}

export type VisitEnd = 'done' | 'no-show' | 'transferred' | 'cancelled' | 'expired';
export type OutcomeName = 'done' | 'incomplete' | 'referred';

/** One matter (step) of a ticket: from joining its queue to its end. */
export interface Visit {
  ticketId: string;
  number: string;
  priority: string;
  step: number;
  serviceId: string;
  issuedAt: number;
  queuedAt: number;
  /** Where the wait is measured from: the queue time, or for a booked first matter the slot if later. */
  waitFrom: number;
  calledAt: number | null;
  windowId: string | null;
  clerkId: string | null;
  startedAt: number | null;
  endedAt: number | null;
  end: VisitEnd | null;
  outcome: OutcomeName | null;
  /** Why it was cancelled or expired. */
  reason: string | null;
  /** Marked by staff as an inaccurate service time: left out of mean service time. */
  flagged: boolean;
}

export type TimeKind = 'idle' | 'serving' | 'paused';

/** A stretch of a staffed window's time: with a ticket (serving), paused, or free (idle). */
export interface TimeSegment {
  windowId: string;
  clerkId: string | null;
  kind: TimeKind;
  from: number;
  to: number;
}

/** A rating (好差评) as reports use it. */
export interface Rating {
  ticketId: string;
  number: string;
  serviceId: string;
  windowId: string;
  clerkId: string | null;
  score: number;
  /** Why, for a bad review: as the pad sent them (codes or free text). */
  reasons: string[];
  at: number;
}

/** Everything a report needs of one business day. */
export interface DayFacts {
  day: string;
  visits: Visit[];
  segments: TimeSegment[];
  ratings: Rating[];
}
