import { Type, type Static } from 'typebox';
import { Nullable } from './schemas.ts';

/**
 * The counter terminal's own server answers: GET /api/windows/:id/summary (what waits for the
 * window, today's figures, the last tickets) and GET /api/tickets/:id/timeline (a visit's timeline).
 */
const Wait = { waiting: Type.Integer({ minimum: 0 }), longestWaitSec: Type.Integer({ minimum: 0 }), oldestAt: Nullable(Type.String()) };

export const WaitingGroup = Type.Object({ serviceId: Type.String(), ...Wait, targetWaitSec: Type.Integer() });

export const RecentStep = Type.Object({
  ticketId: Type.String(), number: Type.String(), serviceId: Type.String(), stepIndex: Type.Integer(), status: Type.String(),
  outcome: Nullable(Type.String()), note: Nullable(Type.String()), calledAt: Nullable(Type.String()), finishedAt: Type.String(),
  serviceSec: Nullable(Type.Integer()), score: Nullable(Type.Integer()), flagged: Type.Boolean(),
});

export const WindowSummary = Type.Object({
  windowId: Type.String(), at: Type.String(),
  waiting: Type.Array(WaitingGroup, { description: 'per skill of the window, in skill order' }),
  targeted: Type.Object(Wait, { description: 'transferred to this window by name' }),
  servedToday: Type.Integer({ description: 'matters finished here today as 办结 (done or referred); those finished with materials missing are counted apart' }),
  incompleteToday: Type.Optional(Type.Integer({ description: 'extension: matters finished here today with materials missing (一次性告知)' })),
  noShowToday: Type.Integer(), transferredToday: Type.Integer(),
  meanServiceSec: Nullable(Type.Integer({ description: 'mean seconds of service of today\'s finished matters here; flagged times left out; null before the first' })),
  recent: Type.Array(RecentStep),
});

const Named = { windowId: Nullable(Type.String()), windowName: Nullable(Type.String()), clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()) };

export const TimelineEntry = Type.Object({
  seq: Type.Integer(), at: Type.String(), type: Type.String({ examples: ['ticket.called'] }), matter: Type.Integer(), serviceId: Nullable(Type.String()),
  ...Named, actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const TimelinePhase = Type.Object({
  matter: Type.Integer(), serviceId: Type.String(), phase: Type.Enum(['waiting', 'called', 'serving', 'held']),
  from: Type.String(), to: Nullable(Type.String()), sec: Type.Integer(), ...Named,
});

export const Timeline = Type.Object({
  ticketId: Type.String(), number: Type.String(),
  entries: Type.Array(TimelineEntry),
  phases: Type.Array(TimelinePhase),
});

export type WaitingGroup = Static<typeof WaitingGroup>;
export type RecentStep = Static<typeof RecentStep>;
export type WindowSummary = Static<typeof WindowSummary>;
export type TimelineEntry = Static<typeof TimelineEntry>;
export type TimelinePhase = Static<typeof TimelinePhase>;
export type Timeline = Static<typeof Timeline>;
