// A printer behind a Linux printer device file: /dev/usb/lp0 (the kernel's usblp driver takes
// most USB receipt printers), or /dev/lp0 on a parallel port. Written and read directly, with
// O_NONBLOCK: a read or write the device cannot take now says EAGAIN instead of holding a thread
// of libuv's pool forever (the pool has four), so every wait here has a deadline of our own.
// Linux only: Windows has no such files (use usb:VID:PID or serial:COMn there).
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { PrinterTransport } from '../transport.ts';

export interface LpTransportOptions {
  path: string;
  /** how often a waiting read or a refused write tries again */
  pollMs?: number;
  /** a write that makes no progress for this long fails */
  writeTimeoutMs?: number;
}

/** errno codes that mean the device is gone (unplugged, powered off, driver unbound). */
const GONE = new Set(['ENODEV', 'ENXIO', 'EIO', 'EBADF', 'ENOENT', 'EPIPE', 'ESHUTDOWN']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? '';
// A plain descriptor, not fs.promises' FileHandle: that one is closed when it is garbage collected.
const openFd = (path: string, flags: number) =>
  new Promise<number>((resolve, reject) => fs.open(path, flags, (err, fd) => (err ? reject(err) : resolve(fd))));

export class LpTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'lp' as const;
  readonly description: string;
  /** usblp serves printers without a read channel too: those never answer DLE EOT */
  readonly mayBeOneWay = true;
  private fd: number | null = null;
  /** opened for writing only (no read permission): status cannot be read at all */
  private writeOnly = false;
  private readonly received: number[] = [];
  private reading = false;
  /** bumped by close() and by a lost device: ends a read or write in progress */
  private generation = 0;
  private readonly pollMs: number;
  private readonly writeTimeoutMs: number;

  constructor(private readonly opts: LpTransportOptions) {
    super();
    this.description = `lp:${opts.path}`;
    this.pollMs = opts.pollMs ?? 5;
    this.writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  async open(): Promise<void> {
    if (this.fd !== null) return;
    const { O_NONBLOCK, O_NOCTTY, O_RDWR, O_WRONLY } = fs.constants;
    if (O_NONBLOCK === undefined || process.platform === 'win32') {
      throw new Error(`${this.description}: printer device files exist on Linux only; on Windows use usb:VID:PID or serial:COMn`);
    }
    // O_NOCTTY: a pty standing in for the device must not become our controlling terminal.
    const flags = O_NONBLOCK | (O_NOCTTY ?? 0);
    let fd: number;
    try {
      fd = await openFd(this.opts.path, O_RDWR | flags);
      this.writeOnly = false;
    } catch (err) {
      if (code(err) !== 'EACCES' && code(err) !== 'EPERM') throw err;
      fd = await openFd(this.opts.path, O_WRONLY | flags);
      this.writeOnly = true;
    }
    this.received.length = 0;
    this.fd = fd;
  }

  async write(data: Buffer): Promise<void> {
    const gen = this.generation;
    let offset = 0;
    let lastProgress = Date.now();
    while (offset < data.length) {
      const fd = this.live(gen);
      try {
        const n = fs.writeSync(fd, data, offset, data.length - offset);
        if (n > 0) lastProgress = Date.now();
        offset += n;
        continue;
      } catch (err) {
        if (GONE.has(code(err))) throw this.lost(err as Error);
        if (code(err) !== 'EAGAIN') throw err;
      }
      if (Date.now() - lastProgress > this.writeTimeoutMs) {
        throw new Error(`${this.description}: the printer took no data for ${this.writeTimeoutMs} ms (${offset} of ${data.length} bytes sent)`);
      }
      await sleep(this.pollMs);
    }
  }

  async readByte(timeoutMs: number): Promise<number | null> {
    if (this.reading) throw new Error('readByte: another read is pending');
    if (this.received.length) return this.received.shift() ?? null;
    if (this.fd === null || this.writeOnly) return null;
    this.reading = true;
    const gen = this.generation;
    const deadline = Date.now() + Math.max(0, timeoutMs);
    try {
      for (;;) {
        if (this.generation !== gen || this.fd === null) return null;
        this.pull();
        if (this.received.length) return this.received.shift() ?? null;
        if (Date.now() >= deadline) return null;
        await sleep(Math.min(this.pollMs, Math.max(1, deadline - Date.now())));
      }
    } finally {
      this.reading = false;
    }
  }

  discardInput(): void {
    this.pull();
    this.received.length = 0;
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = null;
    this.generation++;
    if (fd !== null) await new Promise<void>((resolve) => fs.close(fd, () => resolve()));
  }

  /** Reads what the device has now, without waiting. */
  private pull(): void {
    const fd = this.fd;
    if (fd === null || this.writeOnly) return;
    const buf = Buffer.alloc(64);
    for (let i = 0; i < 64; i++) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        if (GONE.has(code(err))) this.lost(err as Error);
        return; // EAGAIN: nothing more now
      }
      if (n <= 0) return;
      for (const b of buf.subarray(0, n)) this.received.push(b);
    }
  }

  private live(gen: number): number {
    if (this.generation !== gen || this.fd === null) throw new Error(`${this.description} is not open`);
    return this.fd;
  }

  /** The device went away under us: close our end and say so; the Printer reconnects. */
  private lost(err: Error): Error {
    const fd = this.fd;
    if (fd === null) return err;
    this.fd = null;
    this.generation++;
    fs.close(fd, () => {});
    this.emit('disconnect', err);
    return err;
  }
}
