import { EventEmitter } from 'node:events';
import { serialPortFactory, type PortFactory, type SerialPortLike } from '../serial/port.ts';
import { PATH_CHECK_MS, pathGoneError, watchPath } from '../serial/path-watch.ts';
import { realTimers, type Timers } from '../serial/timers.ts';
import { asResponse, encodeCommand, statusOf, type CommandName, type Response, type StatusCode } from './frame.ts';
import { IdFrameParser } from './frame-parser.ts';
import { decodeText, TEXT_BYTES, type IdCardText } from './text.ts';

export interface IdCardReaderOptions {
  /** The serial line: a local port path, or whatever the port factory understands (an agent's line). */
  path: string;
  /** 115200 for most USB readers; some older ones run at 9600. */
  baudRate?: number;
  portFactory?: PortFactory;
  /** How long the reader may take to answer find, select or status. */
  commandTimeoutMs?: number;
  /** How long the read itself may take (1 295 bytes: 1.4 s at 9600 baud). */
  readTimeoutMs?: number;
  /** While open, how often to check that the device's path still exists (serial/path-watch.ts; default 1 s, 0: never). */
  pathCheckMs?: number;
  timers?: Timers;
}

/** One swipe's outcome: the card's text (and its photo, still WLT-encoded), or nothing on the reader. */
export type ReadResult =
  | { kind: 'card'; text: IdCardText; photo: Buffer }
  | { kind: 'no-card' };

/** A reader that answered with a fault, did not answer, or whose line is gone. */
export class IdCardReaderError extends Error {
  constructor(readonly code: StatusCode | 'timeout' | 'closed' | 'bad-answer', message: string) {
    super(message);
    this.name = 'IdCardReaderError';
  }
}

export type ReaderLineState = 'closed' | 'open' | 'lost';

/**
 * A second-generation ID-card reader on a serial line (GA 467): find, select, read the basic
 * information. One command at a time (the protocol has no request ids: an answer belongs to the
 * last command sent); frames that come unasked are dropped before each command. The transport is
 * passed in: a local serial port in the hall, a pty in tests, an agent's line through its relay.
 */
export class IdCardReader extends EventEmitter<{ line: [ReaderLineState, Error | undefined] }> {
  private port: SerialPortLike | null = null;
  private parser: IdFrameParser | null = null;
  /** Frames that came when no command waited (a late answer to one that timed out): dropped. */
  unasked = 0;
  private waiter: ((body: Buffer) => void) | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private state: ReaderLineState = 'closed';
  private stopWatch: () => void = () => {};

  constructor(private readonly o: IdCardReaderOptions) {
    super();
  }

  get line(): ReaderLineState {
    return this.state;
  }

  /** Opens the line (again, after it was lost); a no-op while open. */
  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const port = (this.o.portFactory ?? serialPortFactory)({ path: this.o.path, baudRate: this.o.baudRate ?? 115200 });
    const parser = new IdFrameParser();
    parser.on('data', (body: Buffer) => {
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w(body);
      } else {
        this.unasked++;
      }
    });
    port.on('data', (chunk) => { if (!parser.destroyed) parser.write(chunk); });
    const lose = (err: Error | undefined) => {
      if (this.port !== port) return;
      this.port = null;
      this.stopWatch();
      parser.destroy();
      this.setState('lost', err);
    };
    port.on('error', () => {});
    port.on('close', (err) => lose(err ?? undefined));
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    this.port = port;
    this.parser = parser;
    this.setState('open');
    this.stopWatch = watchPath(this.o.path, this.o.pathCheckMs ?? PATH_CHECK_MS, this.o.timers ?? realTimers, () => this.port === port, () => {
      lose(pathGoneError(this.o.path));
      if (port.isOpen) port.close(() => undefined);
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.stopWatch();
    this.parser?.destroy();
    this.parser = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setState('closed');
  }

  /** One try at reading the card on the reader: find, select, read. */
  read(): Promise<ReadResult> {
    return this.serial(async () => {
      const found = await this.command('find');
      if (found.status === 'no-card') return { kind: 'no-card' } as const;
      this.expect(found, 'found', 'find');
      const selected = await this.command('select');
      if (selected.status === 'not-selected' || selected.status === 'no-card') return { kind: 'no-card' } as const;
      this.expect(selected, 'ok', 'select');
      const r = await this.command('readBasic', this.o.readTimeoutMs ?? 4000);
      this.expect(r, 'ok', 'read');
      return { kind: 'card', ...splitBasic(r.data) } as const;
    });
  }

  /** The secure module's state: `ok` when the reader can read cards at all. */
  samStatus(): Promise<StatusCode> {
    return this.serial(async () => (await this.command('samStatus')).status);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async command(name: CommandName, timeoutMs = this.o.commandTimeoutMs ?? 1500): Promise<Response> {
    if (!this.port?.isOpen) await this.open();
    const port = this.port!;
    const body = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new IdCardReaderError('timeout', `the ID-card reader did not answer ${name} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (b) => { clearTimeout(timer); resolve(b); };
      port.write(encodeCommand(name), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.waiter = null;
        reject(new IdCardReaderError('closed', `writing to the ID-card reader failed: ${err.message}`));
      });
    });
    const r = asResponse(body);
    if (!r) throw new IdCardReaderError('bad-answer', `the reader's answer to ${name} is too short`);
    return r;
  }

  private expect(r: Response, want: StatusCode, what: string): void {
    if (r.status !== want) throw new IdCardReaderError(r.status, `${what}: ${statusOf(r.sw3).zh} (0x${r.sw3.toString(16)})`);
  }

  private setState(s: ReaderLineState, err?: Error): void {
    if (this.state === s) return;
    this.state = s;
    this.emit('line', s, err);
  }
}

/** The data of a basic read: text length, photo length (both big-endian), text, photo. */
export function splitBasic(data: Buffer): { text: IdCardText; photo: Buffer } {
  if (data.length < 4) throw new IdCardReaderError('bad-answer', 'the read carries no lengths');
  const textLen = data.readUInt16BE(0);
  const photoLen = data.readUInt16BE(2);
  if (textLen !== TEXT_BYTES || data.length < 4 + textLen + photoLen) {
    throw new IdCardReaderError('bad-answer', `the read's lengths do not add up (text ${textLen}, photo ${photoLen}, ${data.length} bytes)`);
  }
  return { text: decodeText(data.subarray(4, 4 + textLen)), photo: Buffer.from(data.subarray(4 + textLen, 4 + textLen + photoLen)) };
}

/** The data of a basic read as a reader sends it (the emulator's side). */
export function joinBasic(text: Buffer, photo: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(text.length, 0);
  head.writeUInt16BE(photo.length, 2);
  return Buffer.concat([head, text, photo]);
}
