// A printer on a serial port (RS-232 or a USB-serial bridge). A fresh SerialPort per open(): after
// an unplug (`close` with err.disconnected) the old object cannot be reopened reliably.
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { ByteInbox, type PrinterTransport } from '../transport.ts';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  /** hardware flow control; most receipt printers use it at 115200, few at 9600 */
  rtscts?: boolean;
}

export class SerialTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'serial' as const;
  readonly description: string;
  private port: SerialPort | null = null;
  private readonly inbox = new ByteInbox();

  constructor(private readonly opts: SerialTransportOptions) {
    super();
    this.description = `serial:${opts.path}@${opts.baudRate ?? 9600}`;
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  open(): Promise<void> {
    if (this.port) return Promise.resolve();
    const port = new SerialPort({
      path: this.opts.path, baudRate: this.opts.baudRate ?? 9600, rtscts: this.opts.rtscts ?? false,
      autoOpen: false,
    });
    return new Promise((resolve, reject) => {
      port.open((err) => {
        if (err) return reject(err);
        this.inbox.clear();
        port.on('data', (chunk: Buffer) => this.inbox.push(chunk));
        port.on('error', () => {}); // errors reach us through write callbacks and 'close'
        port.on('close', (closeErr?: Error) => {
          if (this.port !== port) return; // closed by close(): not a disconnect
          this.port = null;
          this.inbox.cancel();
          this.emit('disconnect', closeErr ?? new Error(`${this.description} closed`));
        });
        this.port = port;
        resolve();
      });
    });
  }

  write(data: Buffer): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new Error(`${this.description} is not open`));
    return new Promise((resolve, reject) => {
      port.write(data, (err) => {
        if (err) return reject(err);
        // drain(): the bytes have left the OS buffer, so a following status read times fairly.
        port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
      });
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.read(timeoutMs);
  }

  discardInput(): void {
    this.inbox.clear();
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.inbox.cancel();
    if (!port || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
