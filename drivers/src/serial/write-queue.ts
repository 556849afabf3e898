import type { SerialPortLike } from './port.ts';
import type { TimerHandle, Timers } from './timers.ts';

interface PendingWrite { bytes: Buffer; resolve: () => void; reject: (error: Error) => void }

/**
 * RS-485 is half duplex: one frame on the wire at a time, in the order they were sent, each
 * written and drained before the next. A write that does not finish in time fails, so one stuck
 * write cannot hold up the line forever.
 */
export class WriteQueue {
  written = 0;
  private readonly queue: PendingWrite[] = [];
  private inFlight: PendingWrite | undefined;
  private port: SerialPortLike | undefined;

  constructor(private readonly timers: Timers, private readonly timeoutMs: number, private readonly label: string) {}

  /** Starts writing to a freshly opened port. */
  attach(port: SerialPortLike): void {
    this.port = port;
    this.pump();
  }

  /** The port is gone: everything queued or being written fails with `error`. */
  detach(error: () => Error): void {
    this.port = undefined;
    const pending = this.inFlight ? [this.inFlight, ...this.queue.splice(0)] : this.queue.splice(0);
    this.inFlight = undefined;
    for (const p of pending) p.reject(error());
  }

  send(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const port = this.port;
    if (this.inFlight || this.queue.length === 0 || !port) return;
    const entry = this.queue.shift()!;
    this.inFlight = entry;
    let timeout: TimerHandle;
    let settled = false;
    const done = (error?: Error | null) => {
      if (settled) return;
      settled = true;
      this.timers.clearTimeout(timeout);
      if (this.inFlight !== entry) return; // the port closed under it: already rejected
      this.inFlight = undefined;
      if (error) entry.reject(error);
      else { this.written++; entry.resolve(); }
      this.pump();
    };
    timeout = this.timers.setTimeout(() => done(new Error(`${this.label}: write timed out`)), this.timeoutMs);
    port.write(entry.bytes, (error) => (error ? done(error) : port.drain((e) => done(e))));
  }
}
