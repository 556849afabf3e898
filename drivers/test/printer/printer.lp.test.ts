// The lp: transport (a Linux printer device file, read and written directly) over a real
// pseudo-terminal made by socat, standing in for /dev/usb/lp0: the emulated printer sits on the
// other end, decodes what it is sent and answers DLE EOT, or answers nothing (a one-way printer).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmulatedPrinter, largestText, LpTransport } from '../../src/printer/index.ts';
import { sampleTicket } from '../../src/printer/sample.ts';
import { printerBehind as behind, printerCable, sleep, statusReaches, testPrinter, undoAfterEach } from './helpers.ts';

const afterTest = undoAfterEach();
const cable = printerCable('lp', afterTest);
const deviceFile = cable.host;
const plug = () => cable.plug();
const printerBehind = (device: EmulatedPrinter, opts?: { answers: boolean }) => behind(cable.printer, device, afterTest, opts);

const makePrinter = () => testPrinter(new LpTransport({ path: deviceFile, pollMs: 2 }), { id: 'K-lp', width: 48 }, afterTest);

describe('Printer on a printer device file (lp:, a socat pty standing in for /dev/usb/lp0)', () => {
  it('prints, and reads paper and cover status by DLE EOT', async () => {
    await plug();
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
    await plug();
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
    const pair = await plug();
    const device = new EmulatedPrinter();
    await printerBehind(device);
    const printer = makePrinter().start();
    const disconnects: string[] = [];
    printer.on('disconnect', (err) => disconnects.push(err?.message ?? ''));
    await statusReaches(printer, 'ok');

    await pair.close();
    await statusReaches(printer, 'offline');
    const job = printer.enqueue(sampleTicket({ number: 'L004' }));
    await sleep(200);
    expect(existsSync(deviceFile)).toBe(false);

    await plug();
    await printerBehind(device);
    expect(await job.done).toMatchObject({ status: 'printed' });
    expect(device.jobs().map(largestText)).toEqual(['L004']);
    expect(disconnects.length).toBeGreaterThanOrEqual(1);
    await statusReaches(printer, 'ok');
  });

  it('says plainly when the device file does not exist', async () => {
    const t = new LpTransport({ path: `${cable.base}-nothing` });
    await expect(t.open()).rejects.toThrow(/ENOENT/);
  });
});
