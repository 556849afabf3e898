// The serial transport over a real pseudo-terminal pair (socat), with a tiny printer on the other
// end: the emulated device answering DLE EOT over the line.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedPrinter, largestText, Printer, SerialTransport } from '../../src/printer/index.ts';
import { sampleTicket } from '../../src/printer/sample.ts';
import { sleep, statusReaches } from './helpers.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const base = path.join(os.tmpdir(), `ow-tty-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
const hostEnd = `${base}-host`;
const printerEnd = `${base}-printer`;

/** Starts socat and resolves once both link files exist. */
async function startSocat(): Promise<ChildProcess> {
  const socat = spawn('/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${hostEnd}`, `pty,raw,echo=0,link=${printerEnd}`], { stdio: 'ignore' });
  const kill = () => { if (socat.exitCode === null) socat.kill('SIGTERM'); };
  cleanup.push(kill);
  const deadline = Date.now() + 3000;
  while (!(existsSync(hostEnd) && existsSync(printerEnd))) {
    if (Date.now() > deadline || socat.exitCode !== null) throw new Error('socat did not create the ptys');
    await sleep(20);
  }
  return socat;
}

/** The printer side of the line: an EmulatedPrinter reading and answering on the pty. */
async function serialPrinter(device: EmulatedPrinter): Promise<SerialPort> {
  const port = new SerialPort({ path: printerEnd, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const feed = device.session();
  port.on('data', (chunk: Buffer) => {
    const reply = feed(chunk);
    if (reply.length) port.write(reply);
  });
  port.on('error', () => {});
  cleanup.push(() => new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r())));
  return port;
}

function makePrinter(): Printer {
  const printer = new Printer(new SerialTransport({ path: hostEnd, baudRate: 9600 }), {
    id: 'K-serial', width: 32, pollIntervalMs: 40, statusTimeoutMs: 200, maxWaitMs: 10_000,
    retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 100 }, reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  cleanup.push(() => printer.close());
  return printer;
}

describe('Printer over a serial line (socat pty pair)', () => {
  it('prints, and reads paper status over the line', async () => {
    await startSocat();
    const device = new EmulatedPrinter();
    await serialPrinter(device);
    const printer = makePrinter().start();
    await statusReaches(printer, 'ok');
    expect(await printer.enqueue(sampleTicket({ number: 'S001' })).done).toMatchObject({ status: 'printed' });
    expect(device.jobs().map(largestText)).toEqual(['S001']);
    device.paper = 'out';
    await statusReaches(printer, 'paper-out');
    device.paper = 'ok';
    await statusReaches(printer, 'ok');
  });

  it('goes offline when the line disappears and reconnects when it is back', async () => {
    const socat = await startSocat();
    const device = new EmulatedPrinter();
    await serialPrinter(device);
    const printer = makePrinter().start();
    const disconnects: string[] = [];
    printer.on('disconnect', (err) => disconnects.push(err?.message ?? ''));
    await statusReaches(printer, 'ok');

    // The cable pulled out. A pty reports it on the next write (EIO), which the next poll makes.
    socat.kill('SIGTERM');
    await statusReaches(printer, 'offline');
    const job = printer.enqueue(sampleTicket({ number: 'S002' }));
    await sleep(200);

    await startSocat();
    await serialPrinter(device);
    expect(await job.done).toMatchObject({ status: 'printed' });
    expect(device.jobs().map(largestText)).toEqual(['S002']);
    expect(disconnects).toHaveLength(1);
  });
});
