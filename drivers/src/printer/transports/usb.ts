// USB printers through @node-escpos/usb-adapter (libusb), for printers no kernel driver takes (on
// Linux the usblp driver usually does: prefer lp:/dev/usb/lp0 there) and on Windows (WinUSB).
// The adapter is an optional dependency: its native part (`usb`, pinned to 2.x, whose API the
// adapter imports) may be missing on a machine without a USB printer, so it is loaded on first
// open() and everything else works without it.
// Tested against the adapter's interface with a fake device (usb.test.ts): no USB printer here.
import { EventEmitter } from 'node:events';
import type { PrinterTransport } from '../transport.ts';
import { ByteInbox } from '../transport.ts';

export interface UsbTransportOptions {
  vendorId: number;
  productId: number;
  /** the adapter class; default @node-escpos/usb-adapter, loaded when first needed */
  adapter?: UsbAdapterClass;
  /** a write libusb has not completed by then fails (an adapter without an OUT endpoint never calls back) */
  writeTimeoutMs?: number;
}

/** The part of @node-escpos/usb-adapter's USBAdapter we use. */
export interface UsbAdapter {
  open(cb: (err: Error | null) => void): unknown;
  write(data: Buffer, cb: (err?: Error | null) => void): unknown;
  read(cb: (data: Buffer) => void): unknown;
  close(cb: (err: Error | null) => void): unknown;
  on(event: 'detach' | 'disconnect', listener: () => void): unknown;
}
/** Throws when no device with these ids is plugged in. */
export type UsbAdapterClass = new (vid: number, pid: number) => UsbAdapter;

const MODULE = '@node-escpos/usb-adapter'; // in a variable so bundlers and tsc leave it alone

async function loadAdapter(): Promise<UsbAdapterClass> {
  try {
    const mod = (await import(/* @vite-ignore */ MODULE)) as { default: UsbAdapterClass };
    return mod.default;
  } catch (err) {
    throw new Error(`USB printing needs ${MODULE} and its libusb binding (npm install installs them where it can): ${(err as Error).message}`);
  }
}

/** libusb errors after which the device is gone, not just busy. */
const GONE = /NO_DEVICE|LIBUSB_ERROR_IO|NOT_FOUND/;

export class UsbTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'usb' as const;
  readonly description: string;
  /** a printer without an IN endpoint cannot answer DLE EOT */
  readonly mayBeOneWay = true;
  private device: UsbAdapter | null = null;
  private readonly inbox = new ByteInbox();
  /** when the IN transfer in flight started; 0 when none */
  private readSince = 0;

  constructor(private readonly opts: UsbTransportOptions) {
    super();
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    this.description = `usb:${hex(opts.vendorId)}:${hex(opts.productId)}`;
  }

  get isOpen(): boolean {
    return this.device !== null;
  }

  async open(): Promise<void> {
    if (this.device) return;
    const Adapter = this.opts.adapter ?? await loadAdapter();
    const device = new Adapter(this.opts.vendorId, this.opts.productId); // throws when not plugged in
    // The adapter calls back once per interface it claims: the first answer counts.
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      device.open((err) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      });
    });
    device.on('detach', () => this.lose(device, new Error(`${this.description} unplugged`)));
    this.inbox.clear();
    this.readSince = 0;
    this.device = device;
  }

  write(data: Buffer): Promise<void> {
    const device = this.device;
    if (!device) return Promise.reject(new Error(`${this.description} is not open`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.description}: write not completed in time`)), this.opts.writeTimeoutMs ?? 10_000);
      device.write(data, (err) => {
        clearTimeout(timer);
        if (!err) return resolve();
        if (GONE.test(err.message)) this.lose(device, err);
        reject(err);
      });
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    // The adapter reads one IN transfer per call and never calls back on error: keep at most one
    // transfer in flight, but give up on one that has hung for 5 s and let the timeout decide.
    const device = this.device;
    if (device && Date.now() - this.readSince > 5000) {
      const since = (this.readSince = Date.now());
      device.read((data) => {
        if (this.readSince === since) this.readSince = 0;
        if (this.device === device) this.inbox.push(data);
      });
    }
    return this.inbox.read(timeoutMs);
  }

  discardInput(): void {
    this.inbox.clear();
  }

  close(): Promise<void> {
    const device = this.device;
    this.device = null;
    this.inbox.cancel();
    if (!device) return Promise.resolve();
    return new Promise((resolve) => device.close(() => resolve()));
  }

  private lose(device: UsbAdapter, err: Error): void {
    if (this.device !== device) return;
    this.device = null;
    this.inbox.cancel();
    device.close(() => {});
    this.emit('disconnect', err);
  }
}
