// The lp: transport (a Linux printer device file, read and written directly) over a real
// pseudo-terminal made by socat, standing in for /dev/usb/lp0: the emulated printer sits on the
// other end, decodes what it is sent and answers DLE EOT, or answers nothing (a one-way printer).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedPrinter, largestText, LpTransport, Printer } from '../../src/printer/index.ts';
import { sampleTicket } from '../../src/printer/sample.ts';
import { sleep, statusReaches } from './helpers.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const base = path.join(os.tmpdir(), `ow-lp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
const deviceFile = `${base}-lp0`;
const printerEnd = `${base}-printer`;

async function startSocat(): Promise<ChildProcess> {
  const socat = spawn('/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${deviceFile}`, `pty,raw,echo=0,link=${printerEnd}`], { stdio: 'ignore' });
  cleanup.push(() => { if (socat.exitCode === null) socat.kill('SIGTERM'); });
  const deadline = Date.now() + 3000;
  while (!(existsSync(deviceFile) && existsSync(printerEnd))) {
    if (Date.now() > deadline || socat.exitCode !== null) throw new Error('socat did not create the ptys');
    await sleep(20);
  }
  return socat;
}

/** The printer's side of the device file: an EmulatedPrinter that answers (or, one-way, only records). */
async function printerBehind(device: EmulatedPrinter, opts: { answers: boolean } = { answers: true }): Promise<{ received: () => Buffer }> {
  const port = new SerialPort({ path: printerEnd, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const feed = device.session();
  const chunks: Buffer[] = [];
  port.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    const reply = feed(chunk);
    if (opts.answers && reply.length) port.write(reply);
  });
  port.on('error', () => {});
  cleanup.push(() => new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r())));
  return { received: () => Buffer.concat(chunks) };
}

function makePrinter(): Printer {
  const printer = new Printer(new LpTransport({ path: deviceFile, pollMs: 2 }), {
    id: 'K-lp', width: 48, pollIntervalMs: 40, statusTimeoutMs: 200, maxWaitMs: 10_000,
    retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 100 }, reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  cleanup.push(() => printer.close());
  return printer;
}

describe('Printer on a printer device file (lp:, a socat pty standing in for /dev/usb/lp0)', () => {
  it('prints, and reads paper and cover status by DLE EOT', async () => {
    await startSocat();
    const device = new EmulatedPrinter();
    await printerBehind(device);
    const printer = makePrinter().start();
    await statusReaches(printer, 'ok');
    expect(printer.kind).toBe('lp');
    expect(await printer.enqueue(sampleTicket({ number: 'L001' })).done).toMatchObject({ status: 'printed', confirmed: true });
    expect(device.jobs().map(largestText)).toEqual(['L001']);
    device.paper = 'out';
    await statusReaches(printer, 'paper-out');
    const waiting = printer.enqueue(sampleTicket({ number: 'L002' }));
    await sleep(300);
    expect(device.jobs()).toHaveLength(1); // not sent to a printer without paper
    device.paper = 'ok';
    expect(await waiting.done).toMatchObject({ status: 'printed' });
    device.coverOpen = true;
    await statusReaches(printer, 'cover-open');
    expect(device.jobs().map(largestText)).toEqual(['L001', 'L002']);
  });

  it('reports status unknown for a printer that never answers, and still prints to it', async () => {
    await startSocat();
    const device = new EmulatedPrinter();
    const far = await printerBehind(device, { answers: false });
    const printer = makePrinter().start();
    await statusReaches(printer, 'unknown');
    expect(await printer.enqueue(sampleTicket({ number: 'L003' })).done).toMatchObject({ status: 'printed', confirmed: false });
    expect(device.jobs().map(largestText)).toEqual(['L003']); // the bytes did arrive
    expect(far.received().length).toBeGreaterThan(100);
    expect(printer.status?.state).toBe('unknown');
  });

  it('goes offline when the device file goes away (unplugged) and reconnects when it is back', async () => {
    const socat = await startSocat();
    const device = new EmulatedPrinter();
    await printerBehind(device);
    const printer = makePrinter().start();
    const disconnects: string[] = [];
    printer.on('disconnect', (err) => disconnects.push(err?.message ?? ''));
    await statusReaches(printer, 'ok');

    socat.kill('SIGTERM');
    await statusReaches(printer, 'offline');
    const job = printer.enqueue(sampleTicket({ number: 'L004' }));
    await sleep(200);
    expect(existsSync(deviceFile)).toBe(false);

    await startSocat();
    await printerBehind(device);
    expect(await job.done).toMatchObject({ status: 'printed' });
    expect(device.jobs().map(largestText)).toEqual(['L004']);
    expect(disconnects.length).toBeGreaterThanOrEqual(1);
    await statusReaches(printer, 'ok');
  });

  it('says plainly when the device file does not exist', async () => {
    const t = new LpTransport({ path: `${base}-nothing` });
    await expect(t.open()).rejects.toThrow(/ENOENT/);
  });
});
