import { Transform, type TransformCallback } from 'node:stream';
import { realTimers, type TimerHandle, type Timers } from '../serial/timers.ts';
import { FRAME_OVERHEAD, MAX_LEN, PREAMBLE, xor } from './frame.ts';

/** Why bytes that began like a frame were thrown away. */
export type IdFrameDropReason = 'checksum' | 'length' | 'incomplete';
export const ID_FRAME_DROP_REASONS: readonly IdFrameDropReason[] = ['checksum', 'length', 'incomplete'];

export interface IdFrameParserOptions {
  /**
   * Drop a started frame when no byte has come for this long (0: never). A reader sends a frame in
   * one go: the 1 295 bytes of a read take about 1.4 s at 9600 baud, 0.11 s at 115200.
   */
  stallTimeoutMs?: number;
  timers?: Timers;
  onDrop?: (reason: IdFrameDropReason) => void;
}

const EMPTY = Buffer.alloc(0);
/** The shortest body either side sends: a host's CMD PARA. */
const MIN_LEN = 3;

/**
 * Bytes in, frame bodies out (the bytes between the length and the checksum: a host's CMD PARA
 * DATA or a reader's SW1 SW2 SW3 DATA). Resynchronises on the next preamble after junk, a wrong
 * length or a wrong checksum; never errors on input.
 */
export class IdFrameParser extends Transform {
  readonly dropped: Record<IdFrameDropReason, number> = { checksum: 0, length: 0, incomplete: 0 };
  frames = 0;
  junkBytes = 0;

  private buf: Buffer = EMPTY;
  private stallTimer: TimerHandle | undefined;
  private readonly stallTimeoutMs: number;
  private readonly timers: Timers;
  private readonly onDrop?: (reason: IdFrameDropReason) => void;

  constructor(options: IdFrameParserOptions = {}) {
    super({ readableObjectMode: true });
    this.stallTimeoutMs = options.stallTimeoutMs ?? 2000;
    this.timers = options.timers ?? realTimers;
    this.onDrop = options.onDrop;
  }

  get bufferedBytes(): number {
    return this.buf.length;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.parse();
    if (this.buf.length > 0) this.buf = Buffer.from(this.buf);
    this.arm();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.stale();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.disarm();
    this.buf = EMPTY;
    callback(error);
  }

  private parse(): void {
    for (;;) {
      const start = this.findPreamble();
      if (start < 0) return;
      if (start > 0) this.skip(start);
      const b = this.buf;
      if (b.length < PREAMBLE.length + 2) return;
      const len = b.readUInt16BE(PREAMBLE.length);
      if (len < MIN_LEN || len > MAX_LEN) { this.discard('length'); continue; }
      const total = PREAMBLE.length + 2 + len;
      if (b.length < total) return;
      // A wrong checksum: the length may be the damaged byte, so look again from just after the start.
      if (xor(b, PREAMBLE.length, total - 1) !== b[total - 1]) { this.discard('checksum'); continue; }
      const body = Buffer.from(b.subarray(PREAMBLE.length + 2, total - 1));
      this.buf = b.subarray(total);
      this.frames++;
      this.push(body);
    }
  }

  /**
   * Where the next preamble starts; -1 when there is none. Bytes that may be the start of one
   * (a trailing AA, AA AA …) stay buffered, everything before them is junk.
   */
  private findPreamble(): number {
    const i = this.buf.indexOf(PREAMBLE);
    if (i >= 0) return i;
    let keep = 0;
    for (let n = Math.min(PREAMBLE.length - 1, this.buf.length); n > 0; n--) {
      if (this.buf.subarray(this.buf.length - n).equals(PREAMBLE.subarray(0, n))) { keep = n; break; }
    }
    this.skip(this.buf.length - keep);
    return -1;
  }

  private discard(reason: IdFrameDropReason): void {
    this.dropped[reason]++;
    this.onDrop?.(reason);
    // One byte past the start: the next preamble, if one lies inside, is found again.
    this.buf = this.buf.length <= 1 ? EMPTY : this.buf.subarray(1);
  }

  private skip(n: number): void {
    if (n <= 0) return;
    this.junkBytes += n;
    this.buf = n >= this.buf.length ? EMPTY : this.buf.subarray(n);
  }

  private stale(): void {
    this.disarm();
    if (this.buf.length === 0) return;
    const started = this.buf.indexOf(PREAMBLE) === 0;
    if (started) this.discard('incomplete');
    else this.skip(this.buf.length);
    this.parse();
    if (this.buf.length > 0) this.stale();
  }

  private arm(): void {
    this.disarm();
    if (this.buf.length === 0 || this.stallTimeoutMs <= 0) return;
    this.stallTimer = this.timers.setTimeout(() => {
      this.stallTimer = undefined;
      this.stale();
    }, this.stallTimeoutMs);
  }

  private disarm(): void {
    if (this.stallTimer === undefined) return;
    this.timers.clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }
}

/** The smallest frame on the wire: for tests and buffer sizing. */
export const MIN_FRAME = FRAME_OVERHEAD + MIN_LEN - 1;
