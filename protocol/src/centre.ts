import { Type, type Static } from 'typebox';
import { Nullable } from './schemas.ts';

/**
 * The wire between a hall and its district centre (centre.md): what the hall ships, what the centre
 * answers, and what the centre's own clients see. The centre imports only this, never the hall's code.
 */

const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const Seq = Type.Integer({ minimum: 1 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const HallLevels = ['centre', 'street', 'community'] as const;
export const HallLevel = Type.Union([Type.Literal('centre'), Type.Literal('street'), Type.Literal('community')]);

/** One row of a hall's event log as it is shipped: the hall's own row, plus facts its log keeps beside the event. */
export const ShippedEvent = Type.Object({
  seq: Seq,
  day: Day,
  at: Type.Integer({ minimum: 0, description: 'epoch milliseconds' }),
  type: Type.String({ minLength: 1, maxLength: 64 }),
  ticketId: Nullable(Type.String({ maxLength: 64 })),
  windowId: Nullable(Type.String({ maxLength: 64 })),
  actor: Nullable(Type.String({ maxLength: 200 })),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'the event exactly as the hall logged it' }),
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown(), {
    description: 'evaluation.recorded: the rating as the hall stored it beside the event (serviceId, clerkId, clerkName, reasons, aspects, source, day); no contact',
  })),
});

/**
 * Free text that people type about a visitor, by event type: a finish, transfer or hold note, a
 * flag, a cancellation's reason, a follow-up's note. It ships with the events; the hall's retention
 * blanks it in its log, and the centre's in its copy, once the retention period is over.
 */
export const EVENT_FREE_TEXT: readonly { type: string; field: string }[] = [
  { type: 'ticket.finished', field: 'note' }, { type: 'ticket.transferred', field: 'note' }, { type: 'ticket.held', field: 'note' },
  { type: 'ticket.flagged', field: 'note' }, { type: 'ticket.cancelled', field: 'reason' }, { type: 'follow-up.recorded', field: 'note' },
];

export const EventBatch = Type.Object({
  events: Type.Array(ShippedEvent, { minItems: 1, maxItems: 2000 }),
});

/** GET /api/halls/:id/events on the centre (extension): a hall's own log back, to recover what a restore lost. */
export const ShippedEvents = Type.Object({
  events: Type.Array(ShippedEvent, { description: 'in seq order, as the hall shipped them' }),
  shippedSeq: Type.Integer({ minimum: 0, description: 'the last seq the centre holds of this hall' }),
});

export const IngestReply = Type.Object({
  stored: Type.Integer({ minimum: 0, description: 'events stored by this batch' }),
  duplicates: Type.Integer({ minimum: 0, description: 'events already stored, ignored' }),
  shippedSeq: Type.Integer({ minimum: 0, description: 'the last seq the centre holds for this hall' }),
  expectedSeq: Type.Integer({ minimum: 1 }),
});

/** One service as the hall runs it now, with its live queue. */
export const SummaryService = Type.Object({
  id: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()),
  targetWaitSec: Type.Integer({ minimum: 0 }),
  waiting: Type.Integer({ minimum: 0 }), longestWaitSec: Type.Integer({ minimum: 0 }),
  estimatedWaitSec: Type.Integer({ minimum: 0, description: 'for a ticket taken now' }),
  openWindows: Type.Integer({ minimum: 0 }),
});

export const SummaryWindow = Type.Object({ id: Type.String(), name: Type.String(), skills: Type.Array(Type.String()) });

/** The heartbeat: the hall's live summary, every few seconds. */
export const Heartbeat = Type.Object({
  at: Type.Integer({ minimum: 0 }),
  day: Day,
  localSeq: Type.Integer({ minimum: 0, description: 'the last seq of the hall\'s own log' }),
  open: Type.Boolean({ description: 'kiosks issue tickets now' }),
  timezone: Type.String(),
  catalogueVersion: Nullable(Type.Integer({ minimum: 0, description: 'the district catalogue version the hall runs; null if it does not follow it' })),
  services: Type.Array(SummaryService, { maxItems: 200 }),
  windows: Type.Array(SummaryWindow, { maxItems: 500 }),
});

export const NearbyOffer = Type.Object({
  serviceId: Type.String(), hallId: Type.String(), hallName: Type.String(),
  estimatedWaitSec: Type.Integer({ minimum: 0 }), waiting: Type.Integer({ minimum: 0 }),
});

export const HeartbeatReply = Type.Object({
  expectedSeq: Type.Integer({ minimum: 1, description: 'the next seq the centre wants from this hall' }),
  catalogueVersion: Nullable(Type.Integer({ minimum: 1, description: 'the newest published catalogue' })),
  nearby: Type.Array(NearbyOffer, { description: 'for each of this hall\'s services, the quickest other online hall that serves it' }),
});

export const CatalogueService = Type.Object({
  id: Id,
  code: Type.String({ minLength: 1, maxLength: 64, description: 'the catalogue code of the provincial 事项 list' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
  targetWaitSec: Type.Integer({ minimum: 1, maximum: 86_400 }),
});

export const CatalogueInput = Type.Object({ services: Type.Array(CatalogueService, { minItems: 1, maxItems: 500 }) });
export const Catalogue = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  publishedAt: Type.String(),
  services: Type.Array(CatalogueService),
});

/** GET /api/centre/status on the hall. */
export const CentreLinkStatus = Type.Object({
  configured: Type.Boolean(),
  url: Nullable(Type.String()),
  hallId: Nullable(Type.String()),
  connected: Type.Boolean({ description: 'the last exchange with the centre succeeded' }),
  shippedSeq: Type.Integer({ minimum: 0 }),
  localSeq: Type.Integer({ minimum: 0 }),
  pending: Type.Integer({ minimum: 0, description: 'events not yet at the centre' }),
  lastError: Nullable(Type.String()),
  lastShippedAt: Nullable(Type.String()),
  lastContactAt: Nullable(Type.String()),
  downSince: Nullable(Type.String({ description: 'when the link was lost, while it is down' })),
  catalogue: Type.Object({
    follows: Type.Boolean(),
    published: Nullable(Type.Integer()),
    applied: Nullable(Type.Integer()),
    error: Nullable(Type.String()),
  }),
});

/** GET /api/centre/nearby on the hall: what it last heard from its centre, while that is fresh. */
export const NearbyAnswer = Type.Object({
  available: Type.Boolean({ description: 'false when the centre has not been heard from recently' }),
  offers: Type.Array(NearbyOffer),
});

/** One hall as the district wall and GET /api/district/halls show it. */
export const HallCard = Type.Object({
  id: Type.String(), name: Type.String(), level: HallLevel, parentId: Nullable(Type.String()), regionCode: Nullable(Type.String()),
  online: Type.Boolean({ description: 'heard from within the last 30 s' }),
  lastSeenAt: Nullable(Type.String()),
  shippedSeq: Type.Integer({ minimum: 0 }),
  behind: Type.Integer({ minimum: 0, description: 'events the hall has logged that the centre does not hold yet (from its last heartbeat)' }),
  day: Nullable(Type.String()),
  open: Type.Boolean(),
  waiting: Type.Integer({ minimum: 0 }),
  longestWaitSec: Type.Integer({ minimum: 0 }),
  openWindows: Type.Integer({ minimum: 0 }),
  windows: Type.Integer({ minimum: 0 }),
  issuedToday: Type.Integer({ minimum: 0 }),
  servedToday: Type.Integer({ minimum: 0 }),
  satisfaction: Nullable(Type.Number({ description: '满意率 today: share of 4–5' })),
  catalogueVersion: Nullable(Type.Integer()),
  troubles: Type.Array(Type.Object({
    kind: Type.String({ examples: ['offline', 'wait-over-target', 'no-window-open', 'printer', 'alert', 'behind', 'diverged'] }),
    level: Type.Union([Type.Literal('warning'), Type.Literal('critical')]),
    text: Type.String(), textEn: Type.String(),
  })),
  rank: Type.Integer({ description: 'trouble first: higher is worse' }),
});

export const DistrictSnapshot = Type.Object({
  at: Type.String(),
  halls: Type.Array(HallCard),
  catalogueVersion: Nullable(Type.Integer()),
});

export interface CentreServerToClient {
  /** Sent once after the handshake: every hall the user may see. */
  snapshot: (s: DistrictSnapshot) => void;
  /** A hall changed (events stored, heartbeat, gone offline). */
  'hall:changed': (m: { hall: HallCard }) => void;
}
export interface CentreClientToServer {
  'snapshot:request': (ack?: (s: DistrictSnapshot) => void) => void;
}

export type ShippedEvent = Static<typeof ShippedEvent>;
export type EventBatch = Static<typeof EventBatch>;
export type IngestReply = Static<typeof IngestReply>;
export type ShippedEvents = Static<typeof ShippedEvents>;
export type Heartbeat = Static<typeof Heartbeat>;
export type HeartbeatReply = Static<typeof HeartbeatReply>;
export type NearbyOffer = Static<typeof NearbyOffer>;
export type CatalogueService = Static<typeof CatalogueService>;
export type Catalogue = Static<typeof Catalogue>;
export type CentreLinkStatus = Static<typeof CentreLinkStatus>;
export type NearbyAnswer = Static<typeof NearbyAnswer>;
export type HallCard = Static<typeof HallCard>;
export type DistrictSnapshot = Static<typeof DistrictSnapshot>;
export type HallLevelName = (typeof HallLevels)[number];
