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
export const AgentLineSchema = Type.Object({
  agent: Type.String({ minLength: 1, maxLength: 64, description: 'extension: the id of the device agent whose serial line (its --serial) these devices hang on' }),
}, strict);

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
}, strict);

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
    publicUrl: Type.Optional(Type.String({ description: 'extension: base URL printed in the tracking QR' })),
    greenStreakCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'extension: green calls in a row per window' })),
    maxTicketsPerDay: Type.Optional(Type.Integer({ minimum: 1, description: 'extension: the day is full after this many' })),
    kioskTicketsPerMinute: Type.Optional(Type.Integer({ minimum: 1, description: 'extension: tickets one kiosk or guide may issue a minute (default 30), so nobody can empty the day\'s numbers' })),
  }, strict),
  services: Type.Array(Type.Object({
    id: Id,
    name: Type.String({ minLength: 1 }),
    nameEn: Type.Optional(Type.String()),
    prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
    targetWaitSec: Type.Integer({ minimum: 1 }),
    category: Type.Optional(Type.String({ description: 'extension: kiosk menu group' })),
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
  }, strict)),
  notifications: Type.Optional(Type.Object({
    placesAhead: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'tell a booked visitor when this many or fewer are ahead' })),
    kind: Type.Optional(Type.Literal('log', { description: 'the notifier: log (default) until an SMS or messaging gateway is configured' })),
  }, { ...strict, description: 'extension: messages to visitors with a phone (bookings)' })),
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
