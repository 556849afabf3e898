// The usb: transport. NOTHING HERE TOUCHES A USB PRINTER: this machine has none, so the transport is
// driven through @node-escpos/usb-adapter's interface (open/write/read/close, the `detach` event)
// by a fake device that behaves as the adapter does, with an emulated printer behind it. What is
// real: the installed adapter module and its libusb binding load with the pinned `usb` 2.x, and
// the adapter finds no printer on this machine.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedPrinter } from '../emulator-device.ts';
import { largestText } from '../ops-text.ts';
import { Printer } from '../printer.ts';
import { sampleTicket } from '../sample.ts';
import { UsbTransport, type UsbAdapter, type UsbAdapterClass } from './usb.ts';

/** Plugged-in devices by "vid:pid"; each fake adapter talks to the emulated printer there. */
const bus = new Map<string, EmulatedPrinter>();
const adapters: FakeAdapter[] = [];

/** As USBAdapter: the constructor throws when no device has the ids, open() calls back once per interface, read() never calls back on error. */
class FakeAdapter extends EventEmitter implements UsbAdapter {
  private feed: ((b: Buffer) => Buffer) | null = null;
  private replies: Buffer[] = [];
  private reader: ((b: Buffer) => void) | null = null;
  closed = false;
  constructor(readonly vid: number, readonly pid: number) {
    super();
    if (!bus.has(`${vid}:${pid}`)) throw new Error('Can not find printer');
    adapters.push(this);
  }
  private get device() { return bus.get(`${this.vid}:${this.pid}`); }
  open(cb: (err: Error | null) => void) {
    this.feed = this.device!.session();
    cb(null);
    cb(null); // a second interface claimed: the adapter calls back again
    return this;
  }
  write(data: Buffer, cb: (err?: Error | null) => void) {
    if (!this.device || !this.feed) return void setImmediate(() => cb(new Error('LIBUSB_ERROR_NO_DEVICE')));
    const reply = this.feed(data);
    if (reply.length) this.replies.push(reply);
    setImmediate(() => { cb(null); this.pump(); });
    return this;
  }
  read(cb: (data: Buffer) => void) {
    this.reader = cb;
    this.pump();
  }
  close(cb: (err: Error | null) => void) {
    this.closed = true;
    cb(null);
    return this;
  }
  /** The cable pulled out: what usb's `detach` makes the adapter emit. */
  unplug() {
    bus.delete(`${this.vid}:${this.pid}`);
    this.emit('detach');
  }
  private pump() {
    if (!this.reader || !this.replies.length) return;
    const r = this.reader;
    this.reader = null;
    r(this.replies.shift()!);
  }
}

const printers: Printer[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
  bus.clear();
  adapters.length = 0;
});

function usbPrinter(vid: number, pid: number): Printer {
  const p = new Printer(new UsbTransport({ vendorId: vid, productId: pid, adapter: FakeAdapter as unknown as UsbAdapterClass }), {
    id: 'K-usb', pollIntervalMs: 30, statusTimeoutMs: 150, maxWaitMs: 5000,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, reconnect: { baseDelayMs: 10, maxDelayMs: 40 },
  });
  printers.push(p);
  return p;
}

const until = async (ok: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('usb: through the adapter interface (a fake device: no USB printer here)', () => {
  it('prints and reads DLE EOT status through the IN endpoint', async () => {
    const device = new EmulatedPrinter();
    bus.set(`${0x04b8}:${0x0e15}`, device);
    const p = usbPrinter(0x04b8, 0x0e15).start();
    expect(p.description).toBe('usb:04b8:0e15');
    await until(() => p.status?.state === 'ok');
    expect(await p.enqueue(sampleTicket({ number: 'U001' })).done).toMatchObject({ status: 'printed', confirmed: true });
    expect(device.jobs().map(largestText)).toEqual(['U001']);
    device.paper = 'near-end';
    await until(() => p.status?.state === 'paper-near-end');
  });

  it('is offline while no such device is plugged in, and prints once it is', async () => {
    const p = usbPrinter(0x0416, 0x5011).start();
    await until(() => p.status?.state === 'offline');
    const job = p.enqueue(sampleTicket({ number: 'U002' }));
    const device = new EmulatedPrinter();
    bus.set(`${0x0416}:${0x5011}`, device);
    expect(await job.done).toMatchObject({ status: 'printed' });
    expect(device.jobs().map(largestText)).toEqual(['U002']);
  });

  it('hears the unplug (detach), closes the adapter and reconnects when the printer is back', async () => {
    const device = new EmulatedPrinter();
    bus.set('1:2', device);
    const p = usbPrinter(1, 2).start();
    await until(() => p.status?.state === 'ok');
    const first = adapters[0];
    first.unplug();
    await until(() => p.status?.state === 'offline');
    expect(first.closed).toBe(true);
    bus.set('1:2', device);
    await until(() => p.status?.state === 'ok');
    expect(adapters.length).toBeGreaterThan(1); // a fresh adapter for the replugged device
  });

  it('reports status unknown for a printer without an IN endpoint, and still prints', async () => {
    const device = new EmulatedPrinter();
    bus.set('3:4', device);
    class OneWay extends FakeAdapter {
      read() { /* no IN endpoint: the adapter's read never calls back */ }
    }
    const p = new Printer(new UsbTransport({ vendorId: 3, productId: 4, adapter: OneWay as unknown as UsbAdapterClass }), {
      id: 'K-usb1', pollIntervalMs: 30, statusTimeoutMs: 100, maxWaitMs: 5000,
    }).start();
    printers.push(p);
    await until(() => p.status?.state === 'unknown');
    expect(await p.enqueue(sampleTicket({ number: 'U003' })).done).toMatchObject({ status: 'printed', confirmed: false });
    expect(device.jobs().map(largestText)).toEqual(['U003']);
  });
});

describe('the real @node-escpos/usb-adapter (optional dependency)', () => {
  it('loads with the pinned usb 2.x and finds no printer on this machine', async () => {
    let mod: { default: UsbAdapterClass };
    try {
      mod = (await import('@node-escpos/usb-adapter' as string)) as { default: UsbAdapterClass };
    } catch (err) {
      // Optional: a machine where libusb's binding could not be installed runs without USB printing.
      console.warn(`@node-escpos/usb-adapter is not installed here: ${(err as Error).message}`);
      return;
    }
    expect(typeof mod.default.prototype.open).toBe('function');
    expect(typeof mod.default.prototype.read).toBe('function');
    expect(() => new mod.default(0x04b8, 0x0e15)).toThrow(/Can not find printer/);
    const t = new UsbTransport({ vendorId: 0x04b8, productId: 0x0e15 });
    await expect(t.open()).rejects.toThrow(/Can not find printer/);
  });
});
