import { Type, type Static } from 'typebox';

/**
 * The hall file's schema (config.md). It is the single source: the loader validates with it, the
 * server takes its types from it, and `config/hall.schema.json` is generated from it.
 */
const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'letters, digits, _ and -' });
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, 24 h' });
const Day = Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const strict = { additionalProperties: false } as const;

export const SerialPortSchema = Type.Object({
  path: Type.String({ minLength: 1 }),
  baudRate: Type.Optional(Type.Integer({ minimum: 1200, maximum: 921600, default: 9600 })),
}, strict);

/** Extension: a line on the computer of a device agent (docs/agent.md), named by the agent's device id. */
const agentLine = (whose: string) => Type.Object({
  agent: Type.String({ minLength: 1, maxLength: 64, description: `extension: the id of the device agent ${whose}` }),
}, strict);
export const AgentLineSchema = agentLine('whose serial line (its --serial) these devices hang on');

export const PrinterSchema = Type.Object({
  type: Type.Union([
    Type.Literal('network'), Type.Literal('serial'), Type.Literal('usb'), Type.Literal('file'), Type.Literal('none'),
    Type.Literal('lp', { description: 'extension: a Linux printer device file on the server\'s own computer (lp.path)' }),
    Type.Literal('agent', { description: 'extension: printed by the device agent paired for this kiosk (docs/agent.md)' }),
  ]),
  host: Type.Optional(Type.String({ minLength: 1 })),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  serial: Type.Optional(SerialPortSchema),
  usb: Type.Optional(Type.Object({ vendorId: Type.Integer(), productId: Type.Integer() }, strict)),
  file: Type.Optional(Type.Object({ path: Type.String({ minLength: 1 }) }, strict)),
  lp: Type.Optional(Type.Object({ path: Type.String({ minLength: 1, examples: ['/dev/usb/lp0'] }) }, { ...strict, description: 'extension: for type lp' })),
  encoding: Type.Optional(Type.Literal('GB18030')),
  width: Type.Optional(Type.Integer({ minimum: 24, maximum: 64, description: 'characters per line: 32 for 58 mm, 48 for 80 mm' })),
  jobTtlMin: Type.Optional(Type.Integer({
    minimum: 1, maximum: 24 * 60,
    description: 'extension: for type agent: minutes a ticket\'s print job waits for the kiosk\'s agent before it is given up (default 10); the visitor has the large number and QR meanwhile',
  })),
}, strict);

const WebhookSchema = Type.Object({
  url: Type.String({ pattern: '^https?://', description: 'where each message is POSTed as JSON' }),
  secret: Type.Optional(Type.String({ minLength: 16, description: 'the HMAC-SHA256 key of the X-OneWindow-Signature header' })),
  secretFile: Type.Optional(Type.String({ minLength: 1, description: 'or a file holding it (kept out of the hall file)' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 500, maximum: 60000, description: 'one try\'s limit (default 5000)' })),
  maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'tries before a message is dead-lettered for supervisors (default 8)' })),
}, { ...strict, description: 'extension: the webhook notifier (docs/api.md, "Notices to visitors\' phones")' });

const SerialDevice = Type.Object({
  windowId: Id,
  serial: Type.Union([SerialPortSchema, AgentLineSchema]),
  address: Type.Integer({ minimum: 1, maximum: 247 }),
}, strict);

export const HallConfigSchema = Type.Object({
  hall: Type.Object({
    name: Type.String({ minLength: 1 }),
    nameEn: Type.Optional(Type.String()),
    timezone: Type.String({ minLength: 1 }),
    hours: Type.Array(Type.Object({ days: Type.Array(Day, { minItems: 1 }), open: Clock, close: Clock }, strict), { minItems: 1 }),
    dailyReset: Clock,
    holidays: Type.Optional(Type.Array(IsoDate, { description: 'extension: closed days' })),
    notice: Type.Optional(Type.String({ description: 'extension: scrolling notice on the caller screen' })),
    noticeEn: Type.Optional(Type.String({ description: 'extension: the notice in English, for caller screens switched to English (else they scroll the Chinese one)' })),
    publicUrl: Type.Optional(Type.String({ description: 'extension: base URL printed in the tracking QR' })),
    greenStreakCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'extension: green calls in a row per window' })),
    maxTicketsPerDay: Type.Optional(Type.Integer({ minimum: 1, description: 'extension: the day is full after this many' })),
    autoCallSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 600, description: 'extension: auto-call (自动叫号) waits this many seconds after a visitor before calling the next, when a clerk turns it on without choosing (default 10)' })),
    kioskTicketsPerMinute: Type.Optional(Type.Integer({ minimum: 1, description: 'extension: tickets one kiosk or guide may issue a minute (default 30), so nobody can empty the day\'s numbers' })),
  }, strict),
  services: Type.Array(Type.Object({
    id: Id,
    name: Type.String({ minLength: 1 }),
    nameEn: Type.Optional(Type.String()),
    prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
    targetWaitSec: Type.Integer({ minimum: 1 }),
    category: Type.Optional(Type.String({ description: 'extension: kiosk menu group' })),
    realName: Type.Optional(Type.Enum(['required', 'optional', 'off'] as const, {
      description: 'extension: real-name tickets (实名取号) — required: a ticket only with an ID card read (or typed at the guide desk); optional: a card may be read; off (default)',
    })),
    appointment: Type.Optional(Type.Object({
      slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
      capacity: Type.Integer({ minimum: 1 }),
    }, strict)),
  }, strict), { minItems: 1 }),
  windows: Type.Array(Type.Object({
    id: Id,
    name: Type.String({ minLength: 1 }),
    nameEn: Type.Optional(Type.String()),
    skills: Type.Array(Id, { minItems: 1 }),
  }, strict), { minItems: 1 }),
  kiosks: Type.Optional(Type.Array(Type.Object({
    id: Id,
    name: Type.String({ minLength: 1 }),
    services: Type.Optional(Type.Array(Id, { minItems: 1 })),
    printer: Type.Optional(PrinterSchema),
  }, strict))),
  pads: Type.Optional(Type.Array(SerialDevice)),
  windowScreens: Type.Optional(Type.Array(SerialDevice)),
  keypads: Type.Optional(Type.Array(SerialDevice)),
  announcement: Type.Optional(Type.Object({
    template: Type.String({ minLength: 1 }),
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    templateEn: Type.Optional(Type.String({ minLength: 1, description: 'extension: what English screens say, {number} and {window} (the window\'s nameEn) filled in; default "Number {number}, please go to {window}"' })),
  }, strict)),
  voice: Type.Optional(Type.Object({
    source: Type.Optional(Type.Union([Type.Literal('synthesiser'), Type.Literal('pack'), Type.Literal('browser')], {
      description: 'synthesiser: the built-in Mandarin synthesiser (default); pack: the hall\'s recorded clips (default when `pack` is given); browser: no server audio, the screens\' own voice',
    })),
    pack: Type.Optional(Type.String({ minLength: 1, description: 'the voice pack\'s folder: absolute, or relative to the installation folder' })),
    speed: Type.Optional(Type.Integer({ minimum: 80, maximum: 260, description: 'the synthesiser\'s speed in words a minute (default 150)' })),
  }, { ...strict, description: 'extension: the caller screens\' voice rendered by the server (docs/config.md)' })),
  appointments: Type.Optional(Type.Object({
    graceMin: Type.Optional(Type.Integer({ minimum: 0, description: 'late beyond this → a normal ticket' })),
    earlyMin: Type.Optional(Type.Integer({ minimum: 0, description: 'check-in opens this long before the slot' })),
    daysAhead: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    earlyCallMaxMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: 'extension: a booked visitor may be called at most this many minutes before the time the kiosk and slip promised (slot less 5 min), when windows are free; such a call says so on the visitor\'s phone tracking page and to the clerk (routing reason booked-early), not on the caller screen (default 10)' })),
    perPhonePerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'extension: active bookings one phone may hold for one day, over all services (default 2; one per service always); public bookings' })),
    perAddressPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'extension: active public bookings for one day made from one client address (default 10)' })),
    flagFromAddress: Type.Optional(Type.Integer({ minimum: 2, description: 'extension: supervisors see the bookings of an address holding this many for a day as suspicious (default 4), and of a phone holding more than one' })),
    verifyPhone: Type.Optional(Type.Boolean({ description: 'extension: a public booking needs a one-time code sent to the phone through the notifier (default: on when notifications.kind is a notifier that reaches phones, off with log)' })),
  }, strict)),
  notifications: Type.Optional(Type.Object({
    placesAhead: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'tell a visitor with a phone when this many or fewer are ahead' })),
    kind: Type.Optional(Type.Enum(['log', 'webhook'] as const, { description: 'the notifier: log (default), or webhook (an HTTP POST, signed, to the hall\'s SMS gateway or WeChat service account)' })),
    webhook: Type.Optional(WebhookSchema),
    notice: Type.Optional(Type.Boolean({ description: 'text the 一次性告知 list of missing materials to a visitor who left a phone number (default true)' })),
  }, { ...strict, description: 'extension: messages to visitors who left a phone number (bookings, the guide desk)' })),
  noShow: Type.Optional(Type.Object({
    afterCalls: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'a called visitor may be marked not come once called this many times (the call and its recalls; default 3) …' })),
    afterSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600, description: '… or this many seconds after the first call, whichever comes first (default 180)' })),
    reinstateWithinMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 480, description: 'the guide desk may put a no-show back in the queue within this many minutes (default 30; 0: never)' })),
    reinstateBehind: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, description: 'a reinstated visitor goes behind this many of those waiting for the matter (顺延, default 3)' })),
  }, { ...strict, description: 'extension: no-show (过号) only after a real call; reinstating at the guide desk' })),
  idCard: Type.Optional(Type.Object({
    readers: Type.Array(Type.Object({
      id: Id,
      name: Type.String({ minLength: 1 }),
      kioskId: Type.Optional(Id),
      desk: Type.Optional(Type.Boolean({ description: 'a reader at the guide desk (导服台)' })),
      serial: Type.Union([SerialPortSchema, agentLine('on whose computer the reader hangs (its --idcard line)')]),
    }, strict), { description: 'second-generation ID-card readers (GA 467) on the server\'s serial ports, or on a device agent\'s computer (serial: {agent: ID}): on a kiosk (kioskId) or at the guide desk (desk: true)' }),
    onePerPersonPerService: Type.Optional(Type.Boolean({ description: 'one ticket per person per service per day, by the card (default true): stops number touts' })),
  }, { ...strict, description: 'extension: real-name tickets (实名取号)' })),
  network: Type.Optional(Type.Object({
    trustProxy: Type.Optional(Type.Array(Type.String({
      pattern: '^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(/\\d{1,3})?)$',
      description: 'an address or CIDR range (or loopback, linklocal, uniquelocal)',
    }), { minItems: 1, description: 'the reverse proxies in front of the server (nginx for TLS): from these only, X-Forwarded-For gives the client\'s address that rate limits and connection limits count by. Never every address. ONEWINDOW_TRUST_PROXY (comma-separated) adds to it. Applies at the next start' })),
    limits: Type.Optional(Type.Object({
      connections: Type.Optional(Type.Integer({ minimum: 16, description: 'open TCP connections in all (default 2048)' })),
      connectionsPerAddress: Type.Optional(Type.Integer({ minimum: 4, description: 'open TCP connections from one address (default 256); a trusted proxy\'s own address is not limited so' })),
      handshakesPerAddress: Type.Optional(Type.Integer({ minimum: 1, description: 'sockets from one address that have not yet said who they are (default 16): a real client says so within milliseconds' })),
      sockets: Type.Optional(Type.Integer({ minimum: 16, description: 'realtime sockets in all (default 1500); signed-in devices and staff may use what handshakes and phones may not' })),
      phoneSockets: Type.Optional(Type.Integer({ minimum: 1, description: 'sockets without a token (phones following their ticket) in all (default 600)' })),
      phoneSocketsPerAddress: Type.Optional(Type.Integer({ minimum: 1, description: 'phones\' sockets from one address (default 64; raise it where phones reach the server through one NAT)' })),
      handshakeTimeoutSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'a socket that has not said who it is by then is closed (default 10)' })),
      stateRequestsPerMinute: Type.Optional(Type.Integer({ minimum: 1, description: 'full snapshots one socket may ask for a minute, after a burst of 5 (default 30)' })),
    }, strict)),
  }, { ...strict, description: 'extension: the network in front of the server (reverse proxy) and connection limits against floods; applies at the next start' })),
  retention: Type.Optional(Type.Object({
    personalDataDays: Type.Integer({ minimum: 1, description: 'names and phones are purged after this' }),
  }, strict)),
  centre: Type.Optional(Type.Object({
    url: Type.String({ pattern: '^https?://', description: 'the district centre, http(s)://host:port' }),
    hallId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'this hall\'s id at the centre' }),
    key: Type.String({ minLength: 8, description: 'given once by the centre when the hall was registered' }),
    followCatalogue: Type.Optional(Type.Boolean({ description: 'take service names, prefixes and targets from the district\'s catalogue' })),
    caFile: Type.Optional(Type.String({ minLength: 1, description: 'extension: a PEM file of the CA that signed the centre\'s certificate (https with a private CA)' })),
  }, { ...strict, description: 'the district centre this hall reports to (centre.md); ONEWINDOW_CENTRE_URL, _HALL_ID, _KEY and _CA_FILE override it' })),
}, { ...strict, $id: 'https://onewindow.local/schemas/hall.json', title: 'OneWindow hall configuration' });

export type HallConfig = Static<typeof HallConfigSchema>;
export type PrinterConfig = Static<typeof PrinterSchema>;
export type SerialDeviceConfig = Static<typeof SerialDevice>;
export type SerialLineConfig = SerialDeviceConfig['serial'];

/** The line a serial device hangs on, as one key: its port path, or `agent:<device id>` for an agent's line. */
export function serialLineKey(serial: SerialLineConfig): string {
  return 'agent' in serial ? `agent:${serial.agent}` : serial.path;
}

export type IdCardLineConfig = NonNullable<HallConfig['idCard']>['readers'][number]['serial'];

/** The line an ID-card reader hangs on, as one key: its port path, or `agent:<device id>#idcard` for an agent's --idcard line. */
export function idCardLineKey(serial: IdCardLineConfig): string {
  return 'agent' in serial ? `agent:${serial.agent}#idcard` : serial.path;
}
