// USB printers through @node-escpos/usb-adapter (libusb).
// UNTESTED HERE: this machine has no USB printer and the adapter is not installed. It is loaded with
// a dynamic import so that the rest of the driver works without it; open() explains what is missing.
import { EventEmitter } from 'node:events';
import { ByteInbox, type PrinterTransport } from '../transport.ts';

export interface UsbTransportOptions {
  vendorId: number;
  productId: number;
}

/** The part of @node-escpos/usb-adapter's class we use. */
interface UsbAdapter {
  open(cb: (err: Error | null) => void): unknown;
  write(data: Buffer, cb: (err?: Error | null) => void): unknown;
  read(cb: (data: Buffer) => void): unknown;
  close(cb: (err: Error | null) => void): unknown;
  on(event: 'detach' | 'disconnect', listener: () => void): unknown;
}
type UsbAdapterClass = new (vid: number, pid: number) => UsbAdapter;

const MODULE = '@node-escpos/usb-adapter'; // in a variable so bundlers and tsc leave it alone

async function loadAdapter(): Promise<UsbAdapterClass> {
  try {
    const mod = (await import(/* @vite-ignore */ MODULE)) as { default: UsbAdapterClass };
    return mod.default;
  } catch (err) {
    throw new Error(`USB printing needs ${MODULE} (and libusb): ${(err as Error).message}`);
  }
}

export class UsbTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'usb' as const;
  readonly description: string;
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
    const Adapter = await loadAdapter();
    const device = new Adapter(this.opts.vendorId, this.opts.productId); // throws when not plugged in
    await new Promise<void>((resolve, reject) => device.open((err) => (err ? reject(err) : resolve())));
    device.on('detach', () => {
      if (this.device !== device) return;
      this.device = null;
      this.inbox.cancel();
      this.emit('disconnect', new Error(`${this.description} unplugged`));
    });
    this.inbox.clear();
    this.device = device;
  }

  write(data: Buffer): Promise<void> {
    const device = this.device;
    if (!device) return Promise.reject(new Error(`${this.description} is not open`));
    return new Promise((resolve, reject) => device.write(data, (err) => (err ? reject(err) : resolve())));
  }

  readByte(timeoutMs: number): Promise<number | null> {
    // The adapter reads one IN transfer per call and never calls back on error: keep at most one
    // transfer in flight, but give up on one that has hung for 5 s and let the timeout decide.
    const device = this.device;
    if (device && Date.now() - this.readSince > 5000) {
      const since = (this.readSince = Date.now());
      device.read((data) => {
        if (this.readSince === since) this.readSince = 0;
        this.inbox.push(data);
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
}
