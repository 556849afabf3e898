// The public serial protocol of second-generation ID-card readers (二代证阅读器, GA 467):
//
//   AA AA AA 96 69 | LEN (2 bytes, big-endian) | BODY (LEN - 1 bytes) | CHK
//
// LEN counts the body and the checksum; CHK is the XOR of the two LEN bytes and every body byte.
// The host's body is CMD PARA DATA; the reader's is SW1 SW2 SW3 DATA, SW3 the status code.

export const PREAMBLE: Readonly<Buffer> = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** Preamble, two length bytes, checksum. */
export const FRAME_OVERHEAD = PREAMBLE.length + 3;
/**
 * The longest LEN a reader sends: the read with fingerprints (0x30 0x10) is 256 + 1024 + 1024
 * bytes of data with its headers, 0x0D0A; anything longer is junk that only looks like a header.
 */
export const MAX_LEN = 0x0d10;

/** Commands a host sends, as [CMD, PARA]. */
export const COMMAND = {
  /** 寻找证/卡: is a card on the reader? */
  find: [0x20, 0x01],
  /** 选取证/卡: take the card found for reading. */
  select: [0x20, 0x02],
  /** 读基本信息: the text block and the photo. */
  readBasic: [0x30, 0x01],
  /** 读安全模块状态: is the reader's secure module (SAM) working? */
  samStatus: [0x11, 0xff],
  /** 复位安全模块 */
  samReset: [0x10, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export type CommandName = keyof typeof COMMAND;

/**
 * SW3, the reader's answer (GA 467 table of status codes). `ok` and `found` are success; `no-card`
 * and `not-selected` are the ordinary "nothing on the reader" answers; the rest are faults.
 */
export const STATUS = {
  0x90: { code: 'ok', zh: '操作成功' },
  0x9f: { code: 'found', zh: '寻找证/卡成功' },
  0x80: { code: 'no-card', zh: '寻找证/卡失败' },
  0x81: { code: 'not-selected', zh: '选取证/卡失败' },
  0x91: { code: 'no-content', zh: '证/卡中此项无内容' },
  0x41: { code: 'read-failed', zh: '读证/卡操作失败' },
  0x10: { code: 'checksum-error', zh: '接收业务终端数据的校验和错' },
  0x11: { code: 'length-error', zh: '接收业务终端数据的长度错' },
  0x21: { code: 'command-error', zh: '接收业务终端的命令错误' },
  0x23: { code: 'unauthorised', zh: '越权操作' },
  0x24: { code: 'unknown-error', zh: '无法识别的错误' },
  0x31: { code: 'card-auth-failed', zh: '证/卡认证安全模块失败' },
  0x32: { code: 'sam-auth-failed', zh: '安全模块认证证/卡失败' },
  0x33: { code: 'verify-failed', zh: '信息验证错误' },
  0x40: { code: 'unknown-card', zh: '无法识别的证/卡类型' },
  0x47: { code: 'key-error', zh: '与证/卡执行操作时出错' },
  0x60: { code: 'sam-fault', zh: '安全模块自检失败' },
  0x66: { code: 'sam-unauthorised', zh: '安全模块没经过授权' },
} as const;

export type StatusCode = (typeof STATUS)[keyof typeof STATUS]['code'] | 'unknown-status';

export function statusOf(sw3: number): { code: StatusCode; zh: string } {
  return (STATUS as Record<number, { code: StatusCode; zh: string }>)[sw3] ?? { code: 'unknown-status', zh: `未知状态 0x${sw3.toString(16).padStart(2, '0')}` };
}

/** XOR of `bytes[from..to)`. */
export function xor(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let c = 0;
  for (let i = from; i < to; i++) c ^= bytes[i];
  return c;
}

/** A whole frame around a body (a host's CMD PARA DATA, or a reader's SW1 SW2 SW3 DATA). */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`body of ${body.length} bytes is longer than a reader frame`);
  const out = Buffer.alloc(FRAME_OVERHEAD + body.length);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(len, 5);
  Buffer.from(body).copy(out, 7);
  out[out.length - 1] = xor(out, 5, out.length - 1);
  return out;
}

export function encodeCommand(name: CommandName, data: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from(COMMAND[name]), Buffer.from(data)]));
}

/** A reader's answer: SW3 and the data after it. */
export interface Response {
  sw1: number;
  sw2: number;
  sw3: number;
  status: StatusCode;
  data: Buffer;
}

export function encodeResponse(sw3: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([0x00, 0x00, sw3]), Buffer.from(data)]));
}

/** A reader's body read as a response; null when it is too short to be one. */
export function asResponse(body: Buffer): Response | null {
  if (body.length < 3) return null;
  return { sw1: body[0], sw2: body[1], sw3: body[2], status: statusOf(body[2]).code, data: body.subarray(3) };
}

/** A host's body read as a command: its name when known. */
export function asCommand(body: Buffer): { cmd: number; para: number; name: CommandName | null; data: Buffer } | null {
  if (body.length < 2) return null;
  const name = (Object.keys(COMMAND) as CommandName[]).find((k) => COMMAND[k][0] === body[0] && COMMAND[k][1] === body[1]) ?? null;
  return { cmd: body[0], para: body[1], name, data: body.subarray(2) };
}
