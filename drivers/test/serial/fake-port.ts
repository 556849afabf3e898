import { EventEmitter } from 'node:events';
import type { SerialPortLike } from '../../src/serial/port.ts';

/** An in-memory serial port: opens (or fails to) on the next turn, records writes, can be unplugged. */
export class FakePort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  readonly written: Buffer[] = [];
  /** Write callbacks held back until `completeWrite()`, to see whether the bus waits for them. */
  readonly heldWrites: Array<() => void> = [];
  constructor(private readonly opts: { openError?: Error; holdWrites?: boolean } = {}) { super(); }
  open(cb: (e: Error | null) => void) {
    setImmediate(() => { if (this.opts.openError) return cb(this.opts.openError); this.isOpen = true; cb(null); });
  }
  close(cb?: (e: Error | null) => void) {
    this.isOpen = false;
    setImmediate(() => { this.emit('close'); cb?.(null); });
  }
  write(data: Buffer, cb?: (e: Error | null | undefined) => void) {
    this.written.push(data);
    const complete = () => cb?.(null);
    if (this.opts.holdWrites) this.heldWrites.push(complete); else setImmediate(complete);
    return true;
  }
  drain(cb: (e: Error | null) => void) { setImmediate(() => cb(null)); }
  completeWrite() { this.heldWrites.shift()?.(); }
  unplug() { this.isOpen = false; this.emit('close', Object.assign(new Error('disconnected'), { disconnected: true })); }
}
