// The RS-485 frame of serial.md: 0x02 | ADDR | CMD | LEN | PAYLOAD | CHK | 0x03.
// Encoding lives here; decoding is the parser's job (frame-parser.ts).

export const STX = 0x02;
export const ETX = 0x03;
export const MIN_ADDRESS = 1;
export const MAX_ADDRESS = 247;
export const MAX_PAYLOAD = 200;
/** STX, ADDR, CMD, LEN before the payload; CHK, ETX after it. */
export const FRAME_OVERHEAD = 6;
export const MAX_FRAME = MAX_PAYLOAD + FRAME_OVERHEAD;

export type Direction = 'toHost' | 'toDevice';

/** Every command of the protocol and who sends it. */
export const COMMANDS = {
  H: { direction: 'toHost', meaning: 'heartbeat' },
  R: { direction: 'toHost', meaning: 'rating 1-5' },
  K: { direction: 'toHost', meaning: 'keypad key 1-6' },
  A: { direction: 'toDevice', meaning: 'ask for a rating (ticket number, ASCII)' },
  T: { direction: 'toDevice', meaning: 'thank the visitor' },
  I: { direction: 'toDevice', meaning: 'idle' },
  S: { direction: 'toDevice', meaning: 'show text (GB18030)' },
  B: { direction: 'toDevice', meaning: 'blink n times' },
  D: { direction: 'toDevice', meaning: 'keypad display (ASCII)' },
} as const satisfies Record<string, { direction: Direction; meaning: string }>;

export type Command = keyof typeof COMMANDS;

export interface Frame {
  addr: number;
  cmd: Command;
  payload: Buffer;
}

const COMMAND_BYTES = new Set(Object.keys(COMMANDS).map((c) => c.charCodeAt(0)));

export function isCommandByte(byte: number): boolean {
  return COMMAND_BYTES.has(byte);
}

export function isValidAddress(addr: number): boolean {
  return Number.isInteger(addr) && addr >= MIN_ADDRESS && addr <= MAX_ADDRESS;
}

export function directionOf(cmd: Command): Direction {
  return COMMANDS[cmd].direction;
}

/** XOR of ADDR, CMD, LEN and the payload: `bytes` is the frame from ADDR up to the payload's end. */
export function checksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let chk = 0;
  for (let i = start; i < end; i++) chk ^= bytes[i];
  return chk;
}

/** Builds one frame. Throws RangeError on anything the wire cannot carry, so bad input fails at the caller. */
export function encodeFrame(addr: number, cmd: Command, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  if (!isValidAddress(addr)) throw new RangeError(`serial address must be ${MIN_ADDRESS}-${MAX_ADDRESS}, got ${addr}`);
  if (!Object.hasOwn(COMMANDS, cmd)) throw new RangeError(`unknown serial command ${JSON.stringify(cmd)}`);
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`serial payload is ${payload.length} bytes, at most ${MAX_PAYLOAD}`);
  const out = Buffer.alloc(payload.length + FRAME_OVERHEAD);
  out[0] = STX;
  out[1] = addr;
  out[2] = cmd.charCodeAt(0);
  out[3] = payload.length;
  out.set(payload, 4);
  out[4 + payload.length] = checksum(out, 1, 4 + payload.length);
  out[5 + payload.length] = ETX;
  return out;
}

/** ASCII payloads (ticket numbers, keypad text): printable 0x20-0x7E only, so a typo cannot smuggle STX/ETX. */
export function asciiPayload(text: string): Buffer {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError(`expected printable ASCII, got ${JSON.stringify(text)}`);
  return Buffer.from(text, 'latin1');
}
