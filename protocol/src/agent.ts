import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { Nullable } from './schemas.ts';

/**
 * The device agent's socket (an extension: docs/agent.md). A device of kind `agent` connects to
 * the socket.io namespace `/agent` with `auth: { token }` and drives, for the hall, the printer and
 * the serial line of the computer it runs on. One schema per message: the server checks every
 * message the agent sends against it, and OpenAPI publishes them.
 */
export const AGENT_NAMESPACE = '/agent';

const Base64 = (maxLength: number) => Type.String({ maxLength, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'base64' });
const JobId = Type.String({ minLength: 1, maxLength: 64 });

/** What the server tells an agent when it connects: who it is and what the hall file asks of it. */
export const AgentHello = Type.Object({
  deviceId: Type.String(),
  name: Type.String(),
  kioskId: Nullable(Type.String()),
  heartbeatMs: Type.Integer({ minimum: 100, description: 'send `agent:heartbeat` this often; silence for three intervals raises an alert' }),
  printer: Nullable(Type.Object({ kioskId: Type.String(), kioskName: Type.String() }, { description: 'the kiosk whose tickets this agent prints (its printer is `{type: agent}`), or null' })),
  serial: Type.Boolean({ description: 'whether pads, LED screens or keypads of the hall file are driven through this agent\'s serial line' }),
  idcard: Type.Optional(Type.Boolean({ description: 'extension: whether an ID-card reader of the hall file (idCard.readers) hangs on this agent\'s --idcard line' })),
});

/** The agent's answer to `agent:hello`: what it runs and what it drives. */
export const AgentReady = Type.Object({
  version: Type.String({ maxLength: 32 }),
  platform: Type.String({ maxLength: 32, examples: ['linux', 'win32'] }),
  printer: Nullable(Type.String({ maxLength: 200, description: 'the local printer, e.g. lp:/dev/usb/lp0' })),
  serial: Nullable(Type.String({ maxLength: 200, description: 'the local serial line, e.g. /dev/ttyUSB1@9600' })),
  idcard: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'extension: the local ID-card reader\'s line, e.g. /dev/ttyUSB2@115200' }))),
});

/** One ticket (or test slip) to print, already laid out: ESC/POS bytes. */
export const PrintJobMessage = Type.Object({
  id: JobId,
  kioskId: Type.String(),
  number: Type.String({ description: 'the ticket number, for logs' }),
  bytes: Base64(262_144),
  ttlMs: Type.Integer({ minimum: 0, description: 'a job not printed within this time is given up (the visitor has the large number and QR)' }),
});

export const PrintOutcomes = ['printed', 'unconfirmed', 'expired'] as const;

/**
 * A job finished, sent once the agent's record of it is on disk. `printed`: the printer answered
 * DLE EOT after the bytes; `unconfirmed`: the bytes were handed over but the printer cannot answer
 * (one-way) or did not; `expired`: not printed within its ttl and never will be.
 */
export const PrintDone = Type.Object({
  id: JobId,
  outcome: Type.Enum(PrintOutcomes),
  error: Type.Optional(Type.String({ maxLength: 500 })),
});

/** The local printer's state, sent when it changes and after each (re)connection. */
export const AgentPrinterStatus = Type.Object({
  state: Type.Enum(['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error', 'unknown'] as const),
  detail: Type.String({ maxLength: 200 }),
  raw: Type.Array(Type.Integer({ minimum: 0, maximum: 255 }), { maxItems: 4, description: 'the DLE EOT 1-4 reply bytes' }),
});

export const AgentHeartbeat = Type.Object({});

/**
 * Which of the agent's local lines a serial message is about (extension): `serial`, its --serial
 * line of pads, LED screens and keypads (the contract's one line, and the default when left out);
 * `idcard`, its --idcard line of an ID-card reader (GA 467 frames, relayed alike).
 */
export const AGENT_LINES = ['serial', 'idcard'] as const;
export type AgentLine = (typeof AGENT_LINES)[number];
const LineField = Type.Optional(Type.Enum(AGENT_LINES, { description: 'extension: the agent\'s line (default serial)' }));

/** Open or close one of the agent's local lines. */
export const SerialLineRef = Type.Object({ line: LineField });
/** Bytes of a line, either way (serial.md or GA 467 frames, relayed as they come). */
export const SerialBytes = Type.Object({ data: Base64(8192), line: LineField });
export const SerialClosed = Type.Object({ error: Type.Optional(Type.String({ maxLength: 500 })), line: LineField });
export const AgentAck = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });

/** `GET /api/agents`: each paired agent, whether it is here, and what it drives. */
export const AgentView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kioskId: Nullable(Type.String({ description: 'the kiosk whose tickets it prints, if any' })),
  connected: Type.Boolean(),
  version: Nullable(Type.String()),
  platform: Nullable(Type.String()),
  printer: Nullable(Type.String({ description: 'its --printer, e.g. lp:/dev/usb/lp0' })),
  serial: Nullable(Type.String({ description: 'its --serial, e.g. /dev/ttyUSB1@9600' })),
  idcard: Nullable(Type.String({ description: 'extension: its --idcard, e.g. /dev/ttyUSB2@115200' })),
  lastHeardAt: Nullable(Type.String({ description: 'ISO 8601 with the hall\'s offset' })),
  silent: Type.Boolean({ description: 'not heard from for longer than the silence limit: an alert is open' }),
});

export type AgentView = Static<typeof AgentView>;
export type AgentHello = Static<typeof AgentHello>;
export type AgentReady = Static<typeof AgentReady>;
export type PrintJobMessage = Static<typeof PrintJobMessage>;
export type PrintDone = Static<typeof PrintDone>;
export type PrintOutcome = (typeof PrintOutcomes)[number];
export type AgentPrinterStatus = Static<typeof AgentPrinterStatus>;
export type SerialBytes = Static<typeof SerialBytes>;
export type SerialClosed = Static<typeof SerialClosed>;
export type SerialLineRef = Static<typeof SerialLineRef>;
export type AgentAck = Static<typeof AgentAck>;

export interface AgentServerToClientEvents {
  'agent:hello': (m: AgentHello) => void;
  'print:job': (m: PrintJobMessage) => void;
  /** Open a local line; answered once it is open or could not be. */
  'serial:open': (m: SerialLineRef, ack: (r: AgentAck) => void) => void;
  /** Write these bytes to the line; answered once they are drained. */
  'serial:write': (m: SerialBytes, ack: (r: AgentAck) => void) => void;
  'serial:close': (m: SerialLineRef, ack: (r: AgentAck) => void) => void;
}

export interface AgentClientToServerEvents {
  'agent:ready': (m: AgentReady, ack: (r: AgentAck) => void) => void;
  'agent:heartbeat': (m: Static<typeof AgentHeartbeat>) => void;
  'printer:status': (m: AgentPrinterStatus) => void;
  'print:done': (m: PrintDone, ack: (r: AgentAck) => void) => void;
  'serial:data': (m: SerialBytes) => void;
  'serial:closed': (m: SerialClosed) => void;
}

/** The agent → server messages by name, with their schemas: what the server checks. */
export const AGENT_MESSAGES = {
  'agent:ready': AgentReady,
  'agent:heartbeat': AgentHeartbeat,
  'printer:status': AgentPrinterStatus,
  'print:done': PrintDone,
  'serial:data': SerialBytes,
  'serial:closed': SerialClosed,
} as const;

/** The server → agent messages by name, with their schemas (published in OpenAPI). */
export const AGENT_COMMANDS = {
  'agent:hello': AgentHello,
  'print:job': PrintJobMessage,
  'serial:open': SerialLineRef,
  'serial:write': SerialBytes,
  'serial:close': SerialLineRef,
} as const;

export type AgentMessageName = keyof typeof AGENT_MESSAGES;

/** Whether a message from an agent has the shape of its schema (the server drops one that has not). */
export function isAgentMessage(event: AgentMessageName, m: unknown): boolean {
  return Value.Check(AGENT_MESSAGES[event], m);
}

/** Whether a message from the server has the shape of its schema (the agent ignores one that has not). */
export function isAgentCommand(event: keyof typeof AGENT_COMMANDS, m: unknown): boolean {
  return Value.Check(AGENT_COMMANDS[event], m);
}
