// What a Printer needs from the wire. One implementation per connection type (transports/*), a
// loopback or pty in tests, the real one in the hall (architecture habit 9).
import type { StatusIO } from './status.ts';

export type TransportKind = 'network' | 'serial' | 'usb' | 'lp' | 'file' | 'none';

/** Sent with a job's bytes; only the file printer uses it (for its file names). */
export interface WriteMeta {
  jobId: string;
  label: string;
}

export interface PrinterTransport extends StatusIO {
  readonly kind: TransportKind;
  /** e.g. "tcp://192.168.1.50:9100", for logs and status events */
  readonly description: string;
  readonly isOpen: boolean;
  /**
   * Some printers on this kind of connection cannot answer at all (one-way USB printers): silence
   * since the connection opened then means "status unknown", not "offline", and jobs are still sent.
   */
  readonly mayBeOneWay?: boolean;
  /** Connects; rejects when the device cannot be reached. Calling it while open is a no-op. */
  open(): Promise<void>;
  /** Resolves once the bytes are handed to the OS / device; rejects when not open. */
  write(data: Buffer, meta?: WriteMeta): Promise<void>;
  /** Next byte from the device, or null after timeoutMs. One reader at a time. */
  readByte(timeoutMs: number): Promise<number | null>;
  /** Forgets bytes received so far (stale status replies). */
  discardInput(): void;
  close(): Promise<void>;
  /** 'disconnect' fires when an open connection is lost without close() (cable, power cycle). */
  on(event: 'disconnect', listener: (err?: Error) => void): unknown;
  off(event: 'disconnect', listener: (err?: Error) => void): unknown;
}

/** Received bytes waiting for readByte(); shared by the stream transports. */
export class ByteInbox {
  private bytes: number[] = [];
  private waiter: { resolve: (b: number | null) => void; timer: NodeJS.Timeout } | null = null;

  push(chunk: Buffer): void {
    for (const b of chunk) this.bytes.push(b);
    this.wake();
  }

  read(timeoutMs: number): Promise<number | null> {
    if (this.waiter) return Promise.reject(new Error('readByte: another read is pending'));
    if (this.bytes.length) return Promise.resolve(this.bytes.shift() ?? null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, Math.max(0, timeoutMs));
      this.waiter = { resolve, timer };
    });
  }

  clear(): void {
    this.bytes = [];
  }

  /** Ends a pending read with null at once (connection gone). */
  cancel(): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    w.resolve(null);
  }

  private wake(): void {
    const w = this.waiter;
    if (!w || !this.bytes.length) return;
    this.waiter = null;
    clearTimeout(w.timer);
    w.resolve(this.bytes.shift() ?? null);
  }
}
