import { Type, type Static } from 'typebox';

/**
 * The public contract's shapes (api.md). One source: the server validates and serialises with
 * them and publishes them as OpenAPI; the UIs take their types from them.
 */
export const Roles = ['admin', 'supervisor', 'clerk', 'guide'] as const;
export const DeviceKinds = ['kiosk', 'display', 'window-screen', 'pad', 'agent'] as const;
export const TicketStatuses = ['waiting', 'called', 'serving', 'held', 'done', 'no-show', 'transferred', 'cancelled', 'expired'] as const;
export const Outcomes = ['done', 'incomplete', 'referred'] as const;
export type Role = (typeof Roles)[number];
export type DeviceKind = (typeof DeviceKinds)[number];

const lit = <const T extends readonly string[]>(values: T) => Type.Enum(values);
/** A value or null: the one way the contract writes an optional-by-null field. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const IsoTime = Type.String({ description: 'ISO 8601 with the hall\'s offset' });

export const RoleSchema = lit(Roles);
export const DeviceKindSchema = lit(DeviceKinds);
export const PrioritySchema = Type.Union([Type.Literal('normal'), Type.Literal('green')]);
export const TicketStatusSchema = lit(TicketStatuses);
export const OutcomeSchema = lit(Outcomes);

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

export const StepView = Type.Object({
  serviceId: Type.String(),
  status: TicketStatusSchema,
  queuedAt: IsoTime,
  windowId: Nullable(Type.String()),
  clerkId: Nullable(Type.String()),
  targetWindowId: Nullable(Type.String()),
  calledAt: Nullable(IsoTime),
  startedAt: Nullable(IsoTime),
  finishedAt: Nullable(IsoTime),
  heldAt: Nullable(IsoTime),
  recalls: Type.Integer(),
  outcome: Nullable(OutcomeSchema),
  note: Nullable(Type.String()),
  reason: Nullable(Type.String({ description: 'why routing chose this ticket for its window' })),
});

/** A visitor's own data on a ticket, as staff and the visitor's kiosk see it: masked, never an ID number in full. */
export const VisitorView = Type.Object({
  name: Type.Optional(Type.String({ description: 'masked: 张*' })),
  idMasked: Type.Optional(Type.String({ examples: ['110***********1234'] })),
  phone: Type.Optional(Type.String({ description: 'masked: 138****5678' })),
}, { description: 'extension: a real-name ticket\'s holder and a phone left for notices (staff and the visitor\'s own kiosk only)' });

export const TicketView = Type.Object({
  id: Type.String(),
  number: Type.String({ examples: ['A012'] }),
  serviceId: Type.String(),
  priority: PrioritySchema,
  status: TicketStatusSchema,
  issuedAt: IsoTime,
  ahead: Type.Integer({ minimum: 0 }),
  estimatedWaitSec: Type.Integer({ minimum: 0 }),
  noWindow: Type.Optional(Type.Boolean({ description: 'extension: true while no open window can serve the ticket (all closed or paused); estimatedWaitSec is then 0 and means nothing' })),
  estimatedWaitRange: Type.Optional(Type.Object({ lowSec: Type.Integer({ minimum: 0 }), highSec: Type.Integer({ minimum: 0 }) }, {
    description: 'extension: where the estimate is uncertain, the range the wait will likely fall in (about 8 in 10 times), to show as "约 15–25 分钟"; absent when the estimate is tight',
  })),
  trackToken: Type.Optional(Type.String({ description: 'omitted on public screens' })),
  windowId: Nullable(Type.String()),
  calledAt: Nullable(IsoTime),
  appointmentAt: Nullable(IsoTime),
  callFrom: Type.Optional(IsoTime),
  channel: Type.String(),
  steps: Type.Optional(Type.Array(StepView, { description: 'the visit\'s timeline; staff only' })),
  language: Type.Optional(Type.Enum(['zh-CN', 'en'] as const, { description: 'extension: the language the visitor chose (the slip is printed in it); absent: zh-CN' })),
  visitor: Type.Optional(VisitorView),
  reinstated: Type.Optional(Type.Boolean({ description: 'extension: a no-show put back in the queue at the guide desk' })),
});

export const ServiceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.Optional(Type.String()),
  prefix: Type.String(),
  category: Type.Optional(Type.String()),
  targetWaitSec: Type.Integer(),
  waiting: Type.Integer({ minimum: 0 }),
  longestWaitSec: Type.Integer({ minimum: 0 }),
  estimatedWaitSec: Type.Integer({ minimum: 0, description: 'for a ticket taken now' }),
  noWindow: Type.Optional(Type.Boolean({ description: 'extension: true while no open window can serve this service (all closed or paused); estimatedWaitSec is then 0 and means nothing' })),
  windowIds: Type.Array(Type.String()),
  openWindows: Type.Integer({ minimum: 0 }),
  realName: Type.Optional(Type.Enum(['required', 'optional'] as const, { description: 'extension: real-name tickets (实名取号): an ID card must (required) or may (optional) be read; absent: off' })),
});

export const WindowPhaseSchema = lit(['closed', 'paused', 'idle', 'calling', 'serving'] as const);
export const WindowView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.Optional(Type.String()),
  skills: Type.Array(Type.String()),
  status: lit(['closed', 'open', 'paused'] as const),
  phase: WindowPhaseSchema,
  clerk: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  pauseReason: Nullable(Type.String()),
  since: IsoTime,
  freeSince: IsoTime,
  currentTicket: Nullable(Type.Object({
    id: Type.String(), number: Type.String(), serviceId: Type.String(), priority: PrioritySchema,
    status: TicketStatusSchema, calledAt: Nullable(IsoTime), startedAt: Nullable(IsoTime), reason: Nullable(Type.String()),
  })),
  servedToday: Type.Integer({ minimum: 0 }),
  held: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
  autoCallSec: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 600, description: 'extension: auto-call (自动叫号) is on: the window calls its next visitor this many seconds after each; null: off' }))),
  autoCallAt: Type.Optional(Nullable(Type.String({ description: 'extension: ISO 8601 with the hall\'s offset: when auto-call asks for the next visitor (the countdown\'s end); null while it is not counting down' }))),
  ready: Type.Optional(Nullable(Type.Object({
    since: IsoTime,
    reason: Type.String({ description: 'an idle reason code (IDLE_REASONS): why the last ask got nobody' }),
  }, { description: 'extension: the window asked for its next visitor and got nobody; it is handed the next ticket routing gives it' }))),
});

/** One language's words of a call and, where the server renders its voice, where to fetch them as audio. */
const Spoken = {
  text: Type.String({ description: 'what is said, from the configured template' }),
  audioUrl: Type.Optional(Type.String({ description: 'GET it for the spoken words as audio/wav (cached, immutable); absent when the hall has no server voice (voice.source: browser)' })),
};
export const CallAnnouncement = Type.Object({
  ...Spoken,
  en: Type.Optional(Type.Object(Spoken, { description: 'the same call in English, for screens shown in English' })),
}, { description: 'extension: the call as the caller screens say it, in Mandarin (text, audioUrl) and English (en)' });

export const CallView = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  windowId: Type.String(),
  windowName: Type.String(),
  text: Type.String({ description: 'the announcement, from the configured template' }),
  at: IsoTime,
  recall: Type.Boolean(),
  announcement: Type.Optional(CallAnnouncement),
  mark: Type.Optional(Type.Union([Type.Literal('green'), Type.Literal('booked')], {
    description: 'extension: why this number may come before earlier ones, for the screens to say so: the green channel (绿色通道), or a booking called at its slot (预约)',
  })),
});

export const HallInfo = Type.Object({
  name: Type.String(),
  nameEn: Type.Optional(Type.String()),
  timezone: Type.String(),
  day: Type.String(),
  open: Type.Boolean({ description: 'kiosks issue tickets now' }),
  notice: Type.Optional(Type.String()),
  noticeEn: Type.Optional(Type.String({ description: 'extension: the notice in English (the hall file\'s hall.noticeEn)' })),
  publicUrl: Type.Optional(Type.String({ description: 'base URL of the tracking page in ticket QR codes' })),
  announcement: Type.Object({
    template: Type.String(), repeat: Type.Integer(),
    audio: Type.Optional(Type.Boolean({ description: 'extension: the server renders each call as audio (`announcement.audioUrl` of a call); false when the hall uses the screens\' own voice' })),
  }),
  now: IsoTime,
  noShow: Type.Optional(Type.Object({
    afterCalls: Type.Integer({ minimum: 1 }), afterSec: Type.Integer({ minimum: 0 }), reinstateWithinMin: Type.Integer({ minimum: 0 }), reinstateBehind: Type.Integer({ minimum: 0 }),
  }, { description: 'extension: a called visitor may be marked not come after this many calls or seconds; the guide desk reinstates within so many minutes, behind so many waiting' })),
  autoCallSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 600, description: 'extension: the seconds auto-call waits when a clerk turns it on without choosing' })),
});

export const UserView = Type.Object({
  id: Type.String(), username: Type.String(), name: Type.String(), role: RoleSchema, disabled: Type.Boolean(),
  mustChangePassword: Type.Optional(Type.Boolean({ description: 'extension: true until the user sets a password of their own (POST /api/auth/password); meanwhile the token reaches only /api/auth' })),
});

export const DeviceView = Type.Object({
  id: Type.String(), kind: DeviceKindSchema, name: Type.String(),
  windowId: Nullable(Type.String()), kioskId: Nullable(Type.String()),
  paired: Type.Boolean(), revoked: Type.Boolean(),
  online: Type.Optional(Type.Boolean({ description: 'extension (device list): connected to the hall now' })),
  /** extension (device list): when it was last connected, or went; null: never */
  lastSeenAt: Type.Optional(Nullable(IsoTime)),
  pairingCode: Type.Optional(Type.String({ description: 'extension (device list, admins only): the code of a device still waiting to pair, until it is used or expires' })),
  pairingCodeExpiresAt: Type.Optional(IsoTime),
});

export const AlertView = Type.Object({
  id: Type.String(),
  kind: Type.String({ examples: ['wait-over-target', 'no-window', 'printer', 'device-offline', 'bad-review', 'follow-up-overdue'] }),
  level: lit(['info', 'warning', 'critical'] as const),
  message: Type.String(),
  subject: Type.Optional(Type.String({ description: 'what it is about: a service, window, printer or ticket id' })),
  raisedAt: IsoTime,
  acknowledgedAt: Nullable(IsoTime),
  acknowledgedBy: Nullable(Type.String()),
});

export type TicketView = Static<typeof TicketView>;
export type VisitorView = Static<typeof VisitorView>;
export type StepView = Static<typeof StepView>;
export type ServiceView = Static<typeof ServiceView>;
export type WindowView = Static<typeof WindowView>;
export type CallView = Static<typeof CallView>;
export type CallAnnouncement = Static<typeof CallAnnouncement>;
export type HallInfo = Static<typeof HallInfo>;
export type UserView = Static<typeof UserView>;
export type DeviceView = Static<typeof DeviceView>;
export type AlertView = Static<typeof AlertView>;
export type ErrorBody = Static<typeof ErrorBody>;
