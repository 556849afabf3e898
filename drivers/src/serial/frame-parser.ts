import { Transform, type TransformCallback } from 'node:stream';
import { checksum, ETX, FRAME_OVERHEAD, isCommandByte, isValidAddress, MAX_PAYLOAD, STX, type Command, type Frame } from './frame.ts';
import { realTimers, type TimerHandle, type Timers } from './timers.ts';

/** Why a frame was thrown away. `incomplete`: a frame started but its bytes stopped coming. */
export type DropReason = 'checksum' | 'missing-etx' | 'length' | 'unknown-command' | 'bad-address' | 'incomplete';

export const DROP_REASONS: readonly DropReason[] = ['checksum', 'missing-etx', 'length', 'unknown-command', 'bad-address', 'incomplete'];

export interface FrameParserOptions {
  /**
   * Drop a started frame when no byte has arrived for this long (0 disables). Without it a torn
   * frame whose LEN says 200 would hold the following frames hostage until 200 more bytes came in.
   * At 9600 baud a whole frame takes ~215 ms, and devices send a frame in one go.
   */
  stallTimeoutMs?: number;
  timers?: Timers;
  onDrop?: (reason: DropReason) => void;
  onJunk?: (bytes: number) => void;
}

const EMPTY = Buffer.alloc(0);

/**
 * Bytes in, whole frames out ({addr, cmd, payload}). Keeps at most one frame's worth of bytes
 * (< MAX_FRAME): anything longer is either emitted or dropped as soon as it arrives.
 * Never errors on input: whatever a device sends is a frame, a counted drop, or junk.
 */
export class FrameParser extends Transform {
  readonly dropped: Record<DropReason, number> = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  frames = 0;
  /** Bytes skipped while looking for an STX (this includes the tail of a frame dropped for its header or ETX). */
  junkBytes = 0;

  private buf: Buffer = EMPTY;
  private stallTimer: TimerHandle | undefined;
  private readonly stallTimeoutMs: number;
  private readonly timers: Timers;
  private readonly onDrop?: (reason: DropReason) => void;
  private readonly onJunk?: (bytes: number) => void;

  constructor(options: FrameParserOptions = {}) {
    super({ readableObjectMode: true });
    this.stallTimeoutMs = options.stallTimeoutMs ?? 500;
    this.timers = options.timers ?? realTimers;
    this.onDrop = options.onDrop;
    this.onJunk = options.onJunk;
  }

  get bufferedBytes(): number {
    return this.buf.length;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.parse();
    // Copy the partial frame left over (< MAX_FRAME bytes) so it does not pin a large read chunk.
    if (this.buf.length > 0) this.buf = Buffer.from(this.buf);
    this.armStallTimer();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.discardStale();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearStallTimer();
    this.buf = EMPTY;
    callback(error);
  }

  private parse(): void {
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) return this.skip(this.buf.length);
      if (start > 0) this.skip(start);
      const b = this.buf;
      // Check each header byte as soon as it arrives, so junk that merely contains 0x02 is
      // rejected without waiting for a length's worth of bytes.
      if (b.length >= 2 && !isValidAddress(b[1])) { this.discard('bad-address'); continue; }
      if (b.length >= 3 && !isCommandByte(b[2])) { this.discard('unknown-command'); continue; }
      if (b.length >= 4 && b[3] > MAX_PAYLOAD) { this.discard('length'); continue; }
      if (b.length < 4) return;
      const total = b[3] + FRAME_OVERHEAD;
      if (b.length < total) return;
      // Missing ETX means the framing is lost: retry from the next STX, which may be inside.
      if (b[total - 1] !== ETX) { this.discard('missing-etx'); continue; }
      // A bad checksum with ETX in place is a whole frame with damaged contents: skip all of it,
      // since payload bytes (a score of 2, say) would otherwise look like new frames.
      if (checksum(b, 1, total - 2) !== b[total - 2]) { this.discard('checksum', total); continue; }
      const frame: Frame = {
        addr: b[1],
        cmd: String.fromCharCode(b[2]) as Command,
        payload: Buffer.from(b.subarray(4, total - 2)), // a copy: don't pin the read chunk
      };
      this.buf = b.subarray(total);
      this.frames++;
      this.push(frame);
    }
  }

  private discard(reason: DropReason, bytes = 1): void {
    this.dropped[reason]++;
    this.onDrop?.(reason);
    this.buf = bytes >= this.buf.length ? EMPTY : this.buf.subarray(bytes);
  }

  private skip(bytes: number): void {
    if (bytes === 0) return;
    this.junkBytes += bytes;
    this.onJunk?.(bytes);
    this.buf = bytes >= this.buf.length ? EMPTY : this.buf.subarray(bytes);
  }

  /** Everything still buffered is older than the stall timeout: no part of it will be completed. */
  private discardStale(): void {
    this.clearStallTimer();
    while (this.buf.length > 0) {
      this.discard('incomplete');
      this.parse();
    }
  }

  private armStallTimer(): void {
    this.clearStallTimer();
    if (this.buf.length === 0 || this.stallTimeoutMs <= 0) return;
    this.stallTimer = this.timers.setTimeout(() => {
      this.stallTimer = undefined;
      this.discardStale();
    }, this.stallTimeoutMs);
  }

  private clearStallTimer(): void {
    if (this.stallTimer === undefined) return;
    this.timers.clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }
}
