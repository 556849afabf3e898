import { Type, type Static } from 'typebox';
import { AppointmentView } from './appointments.ts';
import { IsoTime, Nullable, TicketView } from './schemas.ts';

/**
 * The front of the hall (issue 21, extensions of api.md): ID-card readers and real-name tickets,
 * the guide desk's look-ups, the 一次性告知 notice, and the outbox of messages to phones. An ID
 * number never appears in any of these shapes: only its masked form (110***********1234).
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const LanguageSchema = Type.Enum(LANGUAGES, { description: 'the language the visitor chose: the slip is printed in it' });
export type Language = (typeof LANGUAGES)[number];

export const REAL_NAME_MODES = ['required', 'optional', 'off'] as const;
export type RealNameMode = (typeof REAL_NAME_MODES)[number];

/** A card just read on a reader, as the kiosk or the guide desk sees it: masked, with a one-time token to issue with. */
export const CardRead = Type.Object({
  token: Type.String({ description: 'give it as `idCard` to POST /api/tickets within `expiresAt`; good for one ticket' }),
  readerId: Type.String(),
  name: Type.String({ description: 'masked: 张*' }),
  idMasked: Type.String({ examples: ['110***********1234'] }),
  sex: Type.Enum(['male', 'female', 'unknown'] as const),
  age: Nullable(Type.Integer({ minimum: 0 })),
  expiresAt: IsoTime,
  booking: Nullable(Type.Object({
    serviceId: Type.String(), serviceName: Type.String(), slotStart: IsoTime, status: Type.String(),
  }, { description: 'today\'s booking made with this ID number, if any: it checks in with the card alone' })),
  tickets: Type.Array(Type.Object({ number: Type.String(), serviceId: Type.String(), status: Type.String() }), {
    description: 'today\'s tickets of this person, not yet ended',
  }),
});

export const ReaderStates = ['ok', 'no-line', 'fault', 'unknown'] as const;
export const IdReaderView = Type.Object({
  id: Type.String(), name: Type.String(), kioskId: Nullable(Type.String()), desk: Type.Boolean(),
  state: Type.Enum(ReaderStates), detail: Nullable(Type.String()), lastReadAt: Nullable(IsoTime),
});

/** 一次性告知书: what the visitor must still bring for one matter. */
export const NoticeView = Type.Object({
  ticketId: Type.String(), number: Type.String(), stepIndex: Type.Integer(),
  hallName: Type.String(), serviceId: Type.String(), serviceName: Type.String(), serviceNameEn: Nullable(Type.String()),
  windowId: Type.String(), windowName: Type.String(), clerkName: Nullable(Type.String()),
  items: Type.Array(Type.String(), { minItems: 1 }), note: Nullable(Type.String()),
  at: IsoTime, trackUrl: Nullable(Type.String({ description: 'the visitor\'s tracking page (staff only): the QR on the printed notice' })),
});

export const GuideLookup = Type.Object({
  query: Type.String(),
  kind: Type.Enum(['number', 'code', 'phone', 'none'] as const),
  tickets: Type.Array(TicketView),
  bookings: Type.Array(AppointmentView),
});

export const OutboxEntry = Type.Object({
  id: Type.String(), kind: Type.String(), ticketId: Nullable(Type.String()), number: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'masked' })), text: Nullable(Type.String()),
  status: Type.Enum(['pending', 'sent', 'dead'] as const), attempts: Type.Integer(),
  nextAt: Nullable(IsoTime), lastError: Nullable(Type.String()), createdAt: IsoTime, sentAt: Nullable(IsoTime),
});

/** The webhook notifier's messages of one status, newest first, with the totals of each status. */
export const NotificationList = Type.Object({
  notifier: Type.String(), totals: Type.Object({ pending: Type.Integer(), sent: Type.Integer(), dead: Type.Integer() }), messages: Type.Array(OutboxEntry),
});
export const NotificationStatus = Type.Enum(['pending', 'sent', 'dead'] as const);

export const PrintAnswer = Type.Object({
  job: Type.Object({
    kioskId: Type.String(), jobId: Type.String(),
    status: Type.Enum(['printed', 'failed', 'skipped', 'queued'] as const), error: Nullable(Type.String()),
  }),
});

export type CardRead = Static<typeof CardRead>;
export type IdReaderView = Static<typeof IdReaderView>;
export type NoticeView = Static<typeof NoticeView>;
export type GuideLookup = Static<typeof GuideLookup>;
export type OutboxEntry = Static<typeof OutboxEntry>;
export type NotificationList = Static<typeof NotificationList>;
export type PrintAnswer = Static<typeof PrintAnswer>;
