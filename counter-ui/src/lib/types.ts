/** Shapes of the counter's own server answers (the window summary, a visit's timeline). */
export interface WaitingGroup { serviceId: string; waiting: number; longestWaitSec: number; oldestAt: string | null; targetWaitSec: number }

export interface RecentStep {
  ticketId: string; number: string; serviceId: string; stepIndex: number; status: string; outcome: string | null;
  note: string | null; calledAt: string | null; finishedAt: string; serviceSec: number | null; score: number | null; flagged: boolean;
}

export interface WindowSummary {
  windowId: string; at: string;
  waiting: WaitingGroup[];
  targeted: { waiting: number; longestWaitSec: number; oldestAt: string | null };
  servedToday: number; noShowToday: number; transferredToday: number;
  meanServiceSec: number | null;
  recent: RecentStep[];
}

export interface Named { windowId: string | null; windowName: string | null; clerkId: string | null; clerkName: string | null }
export interface TimelineEntry extends Named {
  seq: number; at: string; type: string; matter: number; serviceId: string | null;
  actor: { kind: string; id: string | null; name: string }; detail: Record<string, unknown>;
}
export interface TimelinePhase extends Named {
  matter: number; serviceId: string; phase: 'waiting' | 'called' | 'serving' | 'held'; from: string; to: string | null; sec: number;
}
export interface Timeline { ticketId: string; number: string; entries: TimelineEntry[]; phases: TimelinePhase[] }
