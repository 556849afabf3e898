import { Transform, type TransformCallback } from 'node:stream';
import { realTimers, type TimerHandle, type Timers } from './timers.ts';

export interface ResyncParserOptions<R extends string> {
  /** Drop a started frame when no byte has come for this long (0: never). */
  stallTimeoutMs?: number;
  timers?: Timers;
  onDrop?: (reason: R) => void;
  onJunk?: (bytes: number) => void;
}

const EMPTY = Buffer.alloc(0);

/**
 * What the serial lines' frame parsers share (serial.md's frames, drivers/src/serial; the ID-card
 * readers' GA 467 frames, drivers/src/idcard): bytes in, frames out, resynchronising after junk or
 * a damaged frame, and dropping a started frame whose bytes stop coming. Without that stall
 * timeout a torn frame whose length says 200 would hold the following frames hostage until 200
 * more bytes came in. Never errors on input: every byte ends up in a frame, a counted drop, or junk.
 *
 * A subclass finds its frames in `buf` (parse), hands each out with `deliver`, and drops what cannot
 * be one with `discard` (a damaged start) or `skip` (junk before a start).
 */
export abstract class ResyncParser<R extends string> extends Transform {
  readonly dropped: Record<R, number>;
  frames = 0;
  /** Bytes skipped while looking for the start of a frame. */
  junkBytes = 0;

  protected buf: Buffer = EMPTY;
  private stallTimer: TimerHandle | undefined;
  private readonly stallTimeoutMs: number;
  private readonly timers: Timers;
  private readonly onDrop?: (reason: R) => void;
  private readonly onJunk?: (bytes: number) => void;

  /** `reasons` must hold `incomplete`: a started frame whose bytes stopped coming. */
  constructor(reasons: readonly R[], defaultStallMs: number, options: ResyncParserOptions<R>) {
    super({ readableObjectMode: true });
    this.dropped = Object.fromEntries(reasons.map((r) => [r, 0])) as Record<R, number>;
    this.stallTimeoutMs = options.stallTimeoutMs ?? defaultStallMs;
    this.timers = options.timers ?? realTimers;
    this.onDrop = options.onDrop;
    this.onJunk = options.onJunk;
  }

  get bufferedBytes(): number {
    return this.buf.length;
  }

  /** Finds and takes every whole frame at the start of `buf`, skipping junk before each. */
  protected abstract parse(): void;

  /** Whether what is buffered (after parse) begins a frame, rather than junk that may yet begin one. */
  protected abstract startsFrame(): boolean;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.parse();
    // Copy the partial frame left over so it does not pin a large read chunk.
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

  /** Hands out a frame that took the first `bytes` of `buf`. */
  protected deliver(frame: unknown, bytes: number): void {
    this.buf = this.buf.subarray(bytes);
    this.frames++;
    this.push(frame);
  }

  /** Drops a frame's start (one byte by default: the next start, if one lies inside, is found again). */
  protected discard(reason: R, bytes = 1): void {
    this.dropped[reason]++;
    this.onDrop?.(reason);
    this.buf = bytes >= this.buf.length ? EMPTY : this.buf.subarray(bytes);
  }

  protected skip(bytes: number): void {
    if (bytes <= 0) return;
    this.junkBytes += bytes;
    this.onJunk?.(bytes);
    this.buf = bytes >= this.buf.length ? EMPTY : this.buf.subarray(bytes);
  }

  /** Everything still buffered is older than the stall timeout: no part of it will be completed. */
  private discardStale(): void {
    this.clearStallTimer();
    while (this.buf.length > 0) {
      if (this.startsFrame()) this.discard('incomplete' as R);
      else this.skip(this.buf.length);
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
