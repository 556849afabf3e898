import { Type, type Static, type TSchema } from 'typebox';
import { AppointmentView, BookingCalendar, CheckInInfo, FlaggedBooking, SlotsView } from './appointments.ts';
import { Timeline, WindowSummary } from './counter.ts';
import { Report } from './reports.ts';
import { CardRead, GuideLookup, IdReaderView, LanguageSchema, NoticeView, NotificationList, NotificationStatus, OutboxEntry, PrintAnswer } from './front-desk.ts';
import {
  AlertView, DeviceKindSchema, DeviceView, HallInfo, IsoTime, Nullable, OutcomeSchema, PrioritySchema, RoleSchema, ServiceView,
  TicketView, UserView, WindowView,
} from './schemas.ts';
import { TodayStats } from './stats.ts';
import { WhatIfDays, WhatIfJob, WhatIfRequest } from './what-if.ts';

/**
 * The HTTP calls the hall's own UIs make, each with its request and answer shapes: the typed client
 * (`@onewindow/protocol/client`) takes its types from here, and a contract test checks every answer
 * of a running server against these schemas. Keyed "METHOD /path/:param", as the routes are written.
 */
const Score = Type.Integer({ minimum: 1, maximum: 5 });
const Aspects = Type.Object({ efficiency: Score, competence: Score, attitude: Score });
const Empty = Type.Object({});
const FollowUpStatus = Type.Union([Type.Literal('open'), Type.Literal('called-back'), Type.Literal('resolved')]);

export const MeAnswer = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('device')]), user: Type.Optional(UserView), device: Type.Optional(DeviceView),
  windowId: Nullable(Type.String()), windows: Nullable(Type.Array(Type.String())),
});

export const WindowResult = Type.Object({ ticket: Nullable(TicketView), window: WindowView });
export const IssueAnswer = Type.Object({ ticket: TicketView, checkIn: Type.Optional(CheckInInfo) });
export const TrackAnswer = Type.Intersect([TicketView, Type.Object({
  serviceName: Type.String(), windowName: Nullable(Type.String()), hallName: Type.String(), notice: Type.Optional(NoticeView),
})]);
export const HallAnswer = Type.Object({
  hall: HallInfo, services: Type.Array(ServiceView), windows: Type.Array(WindowView),
  kiosks: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), services: Type.Array(Type.String()) })),
});

export const EvaluationView = Type.Object({
  id: Type.String(), ticketId: Type.String(), number: Type.String(), serviceId: Type.String(), windowId: Type.String(),
  clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()), score: Score, label: Type.String({ examples: ['满意'] }),
  aspects: Nullable(Aspects),
  reasons: Type.Array(Type.String(), { description: 'as the pad sent them (codes or free text)' }),
  reasonCodes: Type.Array(Nullable(Type.String()), { description: 'extension: the review-reason code each reason matched, null where none did' }),
  comment: Nullable(Type.String()), contact: Nullable(Type.String({ description: 'masked in lists' })),
  source: Type.String({ examples: ['pad-web', 'pad-serial'] }), at: Type.String(),
  followUp: Type.Boolean({ description: 'a bad review (1–2) opened a follow-up' }),
});

export const FollowUpView = Type.Object({
  id: Type.String(), evaluationId: Type.String(), ticketId: Type.String(), number: Type.String(), day: Type.String(),
  serviceId: Type.String(), serviceName: Type.String(), windowId: Type.String(), windowName: Type.String(),
  clerkId: Nullable(Type.String()), clerkName: Nullable(Type.String()),
  score: Score, label: Type.String(), reasons: Type.Array(Type.String()), comment: Nullable(Type.String()), contact: Nullable(Type.String()),
  status: FollowUpStatus, ratedAt: Type.String(), openedAt: Type.String(), calledBackAt: Nullable(Type.String()), resolvedAt: Nullable(Type.String()),
  callBackDue: Nullable(Type.String()), resolveDue: Nullable(Type.String()),
  overdue: Type.Array(Type.Union([Type.Literal('call-back'), Type.Literal('resolution')])),
  notes: Type.Array(Type.Object({ at: Type.String(), by: Type.String(), status: FollowUpStatus, note: Type.String() })),
});

export const StaffingView = Type.Object({
  date: Type.String(), weekday: Type.String(), historyDays: Type.Array(Type.String()), serviceSec: Type.Number(), mattersPerTicket: Type.Number(),
  targetSec: Type.Number(), openNow: Nullable(Type.Integer()), totalWindows: Type.Integer(), trend: Type.Number(),
  hours: Type.Array(Type.Object({
    hour: Type.Integer(), label: Type.String(), when: Type.Union([Type.Literal('past'), Type.Literal('now'), Type.Literal('future')]),
    seen: Nullable(Type.Integer()), expected: Nullable(Type.Number()), forecast: Type.Number(), windowsNeeded: Type.Integer(), meanWaitSec: Type.Number(),
  })),
  advice: Type.Object({
    kind: Type.Union([Type.Literal('open-more'), Type.Literal('enough'), Type.Literal('short'), Type.Literal('none')]),
    extra: Type.Integer(), byHour: Nullable(Type.Integer()), zh: Type.String(), en: Type.String(),
  }),
  unservable: Type.Optional(Type.Array(Type.Object({ serviceId: Type.String(), waiting: Type.Integer({ minimum: 0 }) }), {
    description: 'extension, today only: services no open window can serve now (every window able to is closed or paused), and how many wait for each; the advice asks to open a window for them while anybody waits',
  })),
});

export const AuditEntry = Type.Object({
  at: Type.String(), actor: Nullable(Type.String()), action: Type.String(), target: Nullable(Type.String()), detail: Type.Unknown(), ip: Nullable(Type.String()),
});

export const ConfigAnswer = Type.Object({
  config: Type.Unknown({ description: 'hall.yaml as JSON (config.md)' }), version: Type.String(), file: Nullable(Type.String()), writable: Type.Boolean(),
});

const PrinterInfo = Type.Object({
  kioskId: Type.String(), name: Type.String(), type: Type.String(), description: Type.String(),
  state: Type.Union(['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error', 'disabled', 'unknown'].map((s) => Type.Literal(s))),
});

const One = Type.Object({ appointment: AppointmentView });
const Language = Type.Optional(LanguageSchema);
const TicketBody = Type.Union([
  Type.Object({
    serviceId: Type.String(), priority: Type.Optional(PrioritySchema), language: Language, idCard: Type.Optional(Type.String()),
    greenReason: Type.Optional(Type.String()), phone: Type.Optional(Type.String()), printAt: Type.Optional(Type.String()),
    idNumber: Type.Optional(Type.String()), name: Type.Optional(Type.String()),
  }),
  Type.Object({ appointmentCode: Type.String(), language: Language, printAt: Type.Optional(Type.String()) }),
  Type.Object({ idCard: Type.String(), checkIn: Type.Literal(true), language: Language, printAt: Type.Optional(Type.String()) }),
]);
const OneTicket = Type.Object({ ticket: TicketView });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

interface Endpoint { body?: TSchema; query?: TSchema; response: TSchema }

export const ENDPOINTS = {
  'POST /api/auth/login': { body: Type.Object({ username: Type.String(), password: Type.String() }), response: Type.Object({ token: Type.String(), user: UserView }) },
  'POST /api/auth/logout': { body: Empty, response: Type.Object({ ok: Type.Boolean() }) },
  'GET /api/auth/me': { response: MeAnswer },
  'POST /api/auth/password': { body: Type.Object({ currentPassword: Type.String(), newPassword: Type.String() }), response: Type.Object({ user: UserView }) },

  'GET /api/users': { response: Type.Object({ users: Type.Array(UserView) }) },
  'POST /api/users': {
    body: Type.Object({ username: Type.String(), password: Type.String(), name: Type.String(), role: RoleSchema, windows: Type.Optional(Type.Array(Type.String())) }),
    response: UserView,
  },
  'PATCH /api/users/:id': {
    body: Type.Object({
      name: Type.Optional(Type.String()), role: Type.Optional(RoleSchema), password: Type.Optional(Type.String()),
      disabled: Type.Optional(Type.Boolean()), windows: Type.Optional(Nullable(Type.Array(Type.String()))),
    }),
    response: UserView,
  },
  'POST /api/users/:id/sign-out-everywhere': { body: Empty, response: Type.Object({ revoked: Type.Integer() }) },

  'GET /api/devices': { response: Type.Object({ devices: Type.Array(DeviceView) }) },
  'POST /api/devices': {
    body: Type.Object({ kind: DeviceKindSchema, name: Type.String(), windowId: Type.Optional(Type.String()), kioskId: Type.Optional(Type.String()) }),
    response: Type.Object({ id: Type.String(), pairingCode: Type.String(), device: DeviceView }),
  },
  'PATCH /api/devices/:id': {
    body: Type.Object({ name: Type.Optional(Type.String()), windowId: Type.Optional(Nullable(Type.String())), kioskId: Type.Optional(Nullable(Type.String())) }),
    response: DeviceView,
  },
  'DELETE /api/devices/:id': { response: DeviceView },
  'POST /api/devices/:id/pairing-code': { body: Empty, response: Type.Object({ id: Type.String(), pairingCode: Type.String() }) },
  'POST /api/devices/pair': { body: Type.Object({ pairingCode: Type.String() }), response: Type.Object({ token: Type.String(), device: DeviceView }) },

  'GET /api/hall': { response: HallAnswer },
  'POST /api/alerts/:id/acknowledge': { body: Empty, response: AlertView },

  'POST /api/tickets': { body: TicketBody, response: IssueAnswer },
  'GET /api/tickets': { query: Type.Object({ open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }), response: Type.Object({ tickets: Type.Array(TicketView) }) },
  'POST /api/tickets/:id/cancel': { body: Type.Object({ reason: Type.String() }), response: OneTicket },
  'POST /api/tickets/:id/reinstate': { body: Empty, response: OneTicket },
  'POST /api/tickets/:id/print': { body: Type.Object({ kioskId: Type.String() }), response: PrintAnswer },
  'POST /api/tickets/:id/phone': { body: Type.Object({ phone: Type.String() }), response: OneTicket },
  'GET /api/tickets/:id/notice': { query: Type.Object({ step: Type.Optional(Type.String()) }), response: Type.Object({ notice: NoticeView }) },
  'GET /api/guide/lookup': { query: Type.Object({ q: Type.String() }), response: GuideLookup },
  'GET /api/id-cards/readers': { response: Type.Object({ readers: Type.Array(IdReaderView) }) },
  'POST /api/id-cards/read': { body: Type.Object({ readerId: Type.Optional(Type.String()), waitSec: Type.Optional(Type.Integer()) }), response: Type.Object({ card: Nullable(CardRead) }) },
  'GET /api/tickets/track/:token': { response: TrackAnswer },
  'GET /api/tickets/:id/timeline': { response: Timeline },
  'POST /api/tickets/:id/flag': {
    body: Type.Object({ note: Type.String(), stepIndex: Type.Optional(Type.Integer()) }),
    response: Type.Object({ flag: Type.Object({
      ticketId: Type.String(), number: Type.String(), stepIndex: Type.Integer(), serviceId: Type.String(), windowId: Nullable(Type.String()), note: Type.String(), at: Type.String(),
    }) }),
  },

  'GET /api/windows/:id/summary': { response: WindowSummary },
  'POST /api/windows/:id/sign-in': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/sign-out': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/call-next': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/call': { body: Type.Object({ ticketId: Type.Optional(Type.String()), number: Type.Optional(Type.String()) }), response: WindowResult },
  'POST /api/windows/:id/recall': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/start': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/finish': {
    body: Type.Object({ outcome: OutcomeSchema, note: Type.Optional(Type.String()), nextServiceId: Type.Optional(Type.String()), missing: Type.Optional(Type.Array(Type.String())) }), response: WindowResult,
  },
  'POST /api/windows/:id/no-show': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/transfer': {
    body: Type.Object({
      serviceId: Type.Optional(Type.String()), windowId: Type.Optional(Type.String()),
      position: Type.Optional(Type.Union([Type.Literal('front'), Type.Literal('end')])), note: Type.Optional(Type.String()),
    }),
    response: WindowResult,
  },
  'POST /api/windows/:id/pause': { body: Type.Object({ reason: Type.String() }), response: WindowResult },
  'POST /api/windows/:id/resume': { body: Empty, response: WindowResult },
  'POST /api/windows/:id/auto-call': { body: Type.Object({ afterSec: Nullable(Type.Integer({ minimum: 0, maximum: 600 })) }), response: WindowResult },
  'POST /api/windows/:id/hold': { body: Type.Object({ note: Type.Optional(Type.String()) }), response: WindowResult },

  'POST /api/evaluations': {
    body: Type.Object({
      ticketId: Type.String(), score: Score,
      reasons: Type.Optional(Type.Array(Type.String(), { description: 'review-reason codes or free text, stored as given' })),
      aspects: Type.Optional(Aspects), comment: Type.Optional(Type.String()), contact: Type.Optional(Type.String()),
    }),
    response: Type.Object({ evaluation: EvaluationView }),
  },

  'GET /api/follow-ups': { query: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')])) }), response: Type.Object({ followUps: Type.Array(FollowUpView) }) },
  'GET /api/follow-ups/:id': { response: Type.Object({ followUp: FollowUpView }) },
  'POST /api/follow-ups/:id': {
    body: Type.Object({ status: Type.Union([Type.Literal('called-back'), Type.Literal('resolved')]), note: Type.String() }),
    response: Type.Object({ followUp: FollowUpView }),
  },

  'GET /api/notifications': { query: Type.Object({ status: Type.Optional(NotificationStatus) }), response: NotificationList },
  'POST /api/notifications/:id/retry': { body: Empty, response: Type.Object({ message: OutboxEntry }) },

  'GET /api/stats/today': { response: TodayStats },
  'GET /api/stats/staffing': { query: Type.Object({ date: Type.Optional(Day) }), response: StaffingView },
  'GET /api/reports/day': { query: Type.Object({ date: Type.Optional(Day) }), response: Report },
  'GET /api/reports/range': { query: Type.Object({ from: Day, to: Day }), response: Report },

  'GET /api/what-if/days': { response: WhatIfDays },
  'POST /api/what-if': { body: WhatIfRequest, response: WhatIfJob },
  'GET /api/what-if/:id': { response: WhatIfJob },

  'GET /api/admin/config': { response: ConfigAnswer },
  'PUT /api/admin/config': {
    body: Type.Object({ config: Type.Unknown(), version: Type.Optional(Type.String()) }),
    response: Type.Object({ version: Type.String(), changes: Type.Array(Type.String()), restartRequired: Type.Array(Type.String()) }),
  },
  'GET /api/audit': { query: Type.Object({ limit: Type.Optional(Type.String()) }), response: Type.Object({ entries: Type.Array(AuditEntry) }) },
  'POST /api/printers/:kioskId/test': {
    body: Empty,
    response: Type.Object({
      job: Type.Object({ jobId: Type.String(), status: Type.Union(['printed', 'failed', 'skipped', 'queued'].map((s) => Type.Literal(s))), error: Nullable(Type.String()) }),
      printer: PrinterInfo,
    }),
  },

  'GET /api/appointments/calendar': { response: BookingCalendar },
  'GET /api/appointments/slots': { query: Type.Object({ serviceId: Type.String(), date: Day }), response: SlotsView },
  'POST /api/appointments': {
    body: Type.Object({ serviceId: Type.String(), slotStart: IsoTime, name: Type.Optional(Type.String()), phone: Type.Optional(Type.String()), phoneCode: Type.Optional(Type.String()) }),
    response: One,
  },
  'POST /api/appointments/phone-code': { body: Type.Object({ phone: Type.String() }), response: Type.Object({ sent: Type.Literal(true), expiresInSec: Type.Integer() }) },
  'GET /api/appointments/flagged': {
    query: Type.Object({ date: Type.Optional(Day) }),
    response: Type.Object({ date: Type.String(), flagFromAddress: Type.Integer(), bookings: Type.Array(FlaggedBooking) }),
  },
  'POST /api/appointments/:code/release': { body: Empty, response: One },
  'GET /api/appointments/:code': { response: One },
  'POST /api/appointments/:code/cancel': { body: Type.Optional(Empty), response: One },
  'POST /api/appointments/check-in': { body: Type.Object({ phone: Type.String(), codeSuffix: Type.String() }), response: IssueAnswer },
} satisfies Record<string, Endpoint>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointKey = keyof Endpoints;
/** What a call answers (its 2xx body). */
export type Answer<K extends EndpointKey> = Static<Endpoints[K]['response']>;
/** What a call sends. */
export type BodyOf<K extends EndpointKey> = Endpoints[K] extends { body: infer B extends TSchema } ? Static<B> : never;
export type QueryOf<K extends EndpointKey> = Endpoints[K] extends { query: infer Q extends TSchema } ? Static<Q> : never;

export type MeAnswer = Static<typeof MeAnswer>;
export type WindowResult = Static<typeof WindowResult>;
export type IssueAnswer = Static<typeof IssueAnswer>;
export type TrackAnswer = Static<typeof TrackAnswer>;
export type HallAnswer = Static<typeof HallAnswer>;
export type EvaluationView = Static<typeof EvaluationView>;
export type FollowUpView = Static<typeof FollowUpView>;
export type StaffingView = Static<typeof StaffingView>;
export type AuditEntry = Static<typeof AuditEntry>;
export type ConfigAnswer = Static<typeof ConfigAnswer>;
