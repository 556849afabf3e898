/** The projections' rows, as the projector reads and writes them (one file per table in SQL). */

export interface ProjectedEvent {
  seq: number;
  day: string;
  at: number;
  type: string;
  ticketId: string | null;
  windowId: string | null;
  actor?: string | null;
  data: Record<string, unknown>;
  detail?: Record<string, unknown> | null;
}

export interface HallRow { hallId: string; projectedSeq: number; day: string | null; lastEventAt: number | null }

export type EndKind = 'done' | 'no-show' | 'transferred' | 'cancelled' | 'expired';

export interface VisitRow {
  hallId: string; ticketId: string; step: number; day: string; number: string; priority: string; serviceId: string;
  issuedAt: number; queuedAt: number; waitFrom: number; calledAt: number | null; windowId: string | null; clerkId: string | null;
  startedAt: number | null; endedAt: number | null; endKind: EndKind | null; outcome: string | null; reason: string | null;
  flagged: boolean; current: boolean;
}

export interface WindowRow {
  hallId: string; windowId: string; status: 'closed' | 'open' | 'paused'; clerkId: string | null; pauseReason: string | null;
  since: number; currentTicketId: string | null;
}

export interface RatingRow {
  hallId: string; ticketId: string; day: string; number: string; serviceId: string; windowId: string;
  clerkId: string | null; clerkName: string | null; score: number; reasons: string[]; aspects: unknown; channel: string; at: number; seq: number;
}

/** A hall's own call-back or resolution of a bad review (follow-up.recorded). */
export interface HallFollowUpRow { hallId: string; seq: number; ticketId: string; status: 'called-back' | 'resolved'; note: string; byName: string; at: number }

export interface PrinterRow { hallId: string; kioskId: string; state: string; detail: string | null; at: number }

export interface AlertRow {
  hallId: string; alertId: string; kind: string; level: string; message: string; subject: string | null;
  raisedAt: number; acknowledgedAt: number | null;
}

export interface DayCounts { issued: number; served: number; rated: number; good: number; bad: number }

/** What the projector needs of the store before a batch: the touched tickets' matters and the hall's windows. */
export interface Loaded {
  hall: HallRow;
  /** Every matter of each ticket the batch touches, in step order. */
  visits: Map<string, VisitRow[]>;
  windows: Map<string, WindowRow>;
}

/** What a batch changed: rows to upsert and counters to add. */
export interface Changes {
  hall: HallRow;
  visits: VisitRow[];
  windows: WindowRow[];
  ratings: RatingRow[];
  followUps: HallFollowUpRow[];
  printers: PrinterRow[];
  alerts: AlertRow[];
  days: Map<string, DayCounts>;
}
