/** How the kiosk tells a refusal: which words (i18n key under `kiosk.errors.`) and which look. */
export type ErrorTone = 'closed' | 'full' | 'booking' | 'network' | 'idcard' | 'generic';

/** code → [message key, tone] */
const KNOWN: Record<string, [string, ErrorTone]> = {
  HALL_CLOSED: ['HALL_CLOSED', 'closed'],
  DAY_FULL: ['DAY_FULL', 'full'],
  APPOINTMENT_UNKNOWN: ['APPOINTMENT_NOT_FOUND', 'booking'],
  APPOINTMENT_NOT_FOUND: ['APPOINTMENT_NOT_FOUND', 'booking'],
  TOO_EARLY: ['TOO_EARLY', 'booking'],
  APPOINTMENT_EXPIRED: ['APPOINTMENT_EXPIRED', 'booking'],
  APPOINTMENT_CANCELLED: ['APPOINTMENT_CANCELLED', 'booking'],
  ALREADY_CHECKED_IN: ['ALREADY_CHECKED_IN', 'booking'],
  APPOINTMENT_CODE_MISTYPED: ['APPOINTMENT_CODE_MISTYPED', 'booking'],
  TOO_MANY_ATTEMPTS: ['TOO_MANY_ATTEMPTS', 'generic'],
  OFFLINE: ['OFFLINE', 'network'],
  NETWORK: ['NETWORK', 'network'],
  STORE_UNAVAILABLE: ['NETWORK', 'network'],
  FST_ERR_RATE_LIMITED: ['RATE_LIMITED', 'generic'],
};

/** Real-name tickets (实名取号): their words live in idcard.<locale>.ts, under `idcard.errors.`. */
const ID_CARD: Record<string, string> = {
  REAL_NAME_REQUIRED: 'REAL_NAME_REQUIRED',
  ONE_TICKET_PER_PERSON: 'ONE_TICKET_PER_PERSON',
  ID_CARD_EXPIRED: 'ID_CARD_EXPIRED',
  ID_CARD_ELSEWHERE: 'ID_CARD_EXPIRED',
  ID_CARD_UNREADABLE: 'ID_CARD_UNREADABLE',
  READER_OFFLINE: 'READER_OFFLINE',
  READER_FAULT: 'READER_OFFLINE',
  NO_ID_READER: 'READER_OFFLINE',
  REAL_NAME_OFF: 'READER_OFFLINE',
};

export interface KioskError {
  code: string;
  /** where the words are: `<ns>.<key>.title` and `.body` */
  ns: 'kiosk.errors' | 'idcard.errors';
  key: string;
  tone: ErrorTone;
  /** values for the message: `from` (HH:MM check-in opens), `number` (the ticket a booking already has) */
  params: Record<string, string>;
}

/** "2026-11-23T10:30:00.000+08:00" → "10:30": the API writes times in the hall's own zone. */
const wallClock = (iso: unknown) => (typeof iso === 'string' && /T\d\d:\d\d/.test(iso) ? iso.slice(11, 16) : '');

/** An ApiError code (and its details) → the words to show; unknown booking codes still read as a booking problem. */
export function kioskError(code: string, details?: unknown): KioskError {
  const d = (details && typeof details === 'object' ? details : {}) as { checkInFrom?: unknown; ticketNumber?: unknown; number?: unknown };
  if (ID_CARD[code]) {
    return { code, ns: 'idcard.errors', key: ID_CARD[code], tone: 'idcard', params: typeof d.number === 'string' ? { number: d.number } : {} };
  }
  const known = KNOWN[code];
  const [key, tone]: [string, ErrorTone] = known
    ?? (code.startsWith('APPOINTMENT_') ? ['APPOINTMENT_OTHER', 'booking'] : code.startsWith('HTTP_5') ? ['NETWORK', 'network'] : ['GENERIC', 'generic']);
  const params: Record<string, string> = {};
  const from = wallClock(d.checkInFrom);
  if (from) params.from = from;
  if (typeof d.ticketNumber === 'string') params.number = d.ticketNumber;
  return { code, ns: 'kiosk.errors', key, tone, params };
}
