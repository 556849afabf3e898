// The Printer's queue and retry policy over an in-memory transport; real sockets are in
// drivers/test/printer.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedPrinter } from './emulator-device.ts';
import { largestText } from './ops-text.ts';
import { Printer, type PrinterOptions } from './printer.ts';
import { sampleTicket } from './sample.ts';
import { ByteInbox, type PrinterTransport } from './transport.ts';
import { NoneTransport } from './transports/none.ts';

/** A transport wired straight to an emulated printer; `failWrites` job writes fail first. */
class MemoryTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'network' as const;
  readonly description = 'memory';
  isOpen = false;
  failWrites = 0;
  jobWrites = 0;
  private readonly inbox = new ByteInbox();
  private feed: (chunk: Buffer) => Buffer;
  constructor(readonly device: EmulatedPrinter) {
    super();
    this.feed = device.session();
  }
  async open() { this.isOpen = true; this.feed = this.device.session(); }
  async write(data: Buffer) {
    if (!this.isOpen) throw new Error('not open');
    if (data.length > 3 && (this.jobWrites++, this.failWrites-- > 0)) throw new Error('EPIPE (test)');
    this.inbox.push(this.feed(data));
  }
  readByte(ms: number) { return this.inbox.read(ms); }
  discardInput() { this.inbox.clear(); }
  async close() { this.isOpen = false; this.inbox.cancel(); }
}

const fast: PrinterOptions = {
  id: 'K1', pollIntervalMs: 20, statusTimeoutMs: 50, maxWaitMs: 2000,
  retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, reconnect: { baseDelayMs: 10, maxDelayMs: 40 },
};

let printers: Printer[] = [];
afterEach(async () => {
  await Promise.all(printers.map((p) => p.close()));
  printers = [];
});
const make = (t: PrinterTransport, o: Partial<PrinterOptions> = {}) => {
  const p = new Printer(t, { ...fast, ...o });
  printers.push(p);
  return p;
};

describe('Printer queue', () => {
  it('returns at once and prints jobs in order', async () => {
    const device = new EmulatedPrinter();
    const p = make(new MemoryTransport(device));
    const jobs = ['A001', 'A002', 'A003'].map((n) => p.enqueue(sampleTicket({ number: n })));
    expect(p.pending).toBe(3); // enqueue returned before any I/O happened
    expect(device.jobs()).toHaveLength(0);
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(3);
    const results = await Promise.all(jobs.map((j) => j.done));
    expect(results.map((r) => r.status)).toEqual(['printed', 'printed', 'printed']);
    expect(device.jobs().map(largestText)).toEqual(['A001', 'A002', 'A003']);
  });

  it('retries a failed write with backoff and prints once', async () => {
    const device = new EmulatedPrinter();
    const transport = new MemoryTransport(device);
    transport.failWrites = 2;
    const r = await make(transport).enqueue(sampleTicket()).done;
    expect(r).toMatchObject({ status: 'printed', attempts: 3 });
    expect(device.jobs()).toHaveLength(1);
  });

  it('gives up after the configured attempts and reports the failure', async () => {
    const device = new EmulatedPrinter();
    const transport = new MemoryTransport(device);
    transport.failWrites = 99;
    const p = make(transport);
    const events: string[] = [];
    p.on('job', (r) => events.push(`${r.number}:${r.status}`));
    const r = await p.enqueue(sampleTicket()).done;
    expect(r).toMatchObject({ status: 'failed', attempts: 3, error: 'EPIPE (test)' });
    expect(transport.jobWrites).toBe(3);
    expect(device.jobs()).toHaveLength(0);
    expect(events).toEqual(['A012:failed']);
  });

  it('fails a job that waited longer than maxWaitMs for paper, without sending it', async () => {
    const device = new EmulatedPrinter();
    device.paper = 'out';
    const transport = new MemoryTransport(device);
    const r = await make(transport, { maxWaitMs: 200 }).enqueue(sampleTicket()).done;
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/paper-out/);
    expect(transport.jobWrites).toBe(0);
  });

  it('skips every job when printing is disabled', async () => {
    const p = make(new NoneTransport());
    const r = await p.enqueue(sampleTicket()).done;
    expect(r).toMatchObject({ status: 'skipped', attempts: 0 });
    expect(p.status).toBeNull();
  });

  it('close() fails queued jobs and later enqueues', async () => {
    const device = new EmulatedPrinter();
    device.coverOpen = true;
    const p = make(new MemoryTransport(device));
    const waiting = p.enqueue(sampleTicket());
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    expect(await waiting.done).toMatchObject({ status: 'failed', error: 'printer closed' });
    expect((await p.enqueue(sampleTicket()).done).status).toBe('failed');
  });

  it('journals a raw job around its write and never writes it again once written, whatever the printer answers after', async () => {
    const device = new EmulatedPrinter();
    const transport = new MemoryTransport(device);
    const p = make(transport);
    await p.enqueue(sampleTicket({ number: 'A000' })).done; // connected and known ready
    const steps: string[] = [];
    const journal = { begin: (id: string) => steps.push(`begin ${id}`), written: (id: string) => steps.push(`written ${id}`) };
    // The printer takes the bytes, then falls silent: no answer can confirm them.
    const write = transport.write.bind(transport);
    transport.write = async (data: Buffer) => {
      await write(data);
      if (data.length > 3) device.silent = true;
    };
    const bytes = Buffer.concat([Buffer.from([0x1b, 0x40]), Buffer.from('J1\n'), Buffer.from([0x1d, 0x56, 0x00])]);
    const r = await p.enqueueRaw({ id: 'job-1', number: 'J1', bytes, journal }).done;
    expect(r).toMatchObject({ status: 'printed', confirmed: false, attempts: 1 });
    expect(steps).toEqual(['begin job-1', 'written job-1']);
    expect(transport.jobWrites).toBe(2); // A000 and job-1, each once
    expect(p.has('job-1')).toBe(false);
  });

  it('gives a raw job up when its own wait ends, and says why', async () => {
    const device = new EmulatedPrinter();
    device.paper = 'out';
    const r = await make(new MemoryTransport(device)).enqueueRaw({ id: 'j2', number: 'J2', bytes: Buffer.from('x'), maxWaitMs: 150 }).done;
    expect(r).toMatchObject({ status: 'failed', cause: 'not-ready' });
  });
});
