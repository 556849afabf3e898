// The serial transport over a real pseudo-terminal pair (socat), with a tiny printer on the other
// end: the emulated device answering DLE EOT over the line.
import { describe, expect, it } from 'vitest';
import { EmulatedPrinter, largestText, SerialTransport } from '../../src/printer/index.ts';
import { sampleTicket } from '../../src/printer/sample.ts';
import { printerBehind, printerCable, sleep, statusReaches, testPrinter, undoAfterEach } from './helpers.ts';

const afterTest = undoAfterEach();
const cable = printerCable('tty', afterTest);
const hostEnd = cable.host;
const serialPrinter = (device: EmulatedPrinter) => printerBehind(cable.printer, device, afterTest);

const makePrinter = () => testPrinter(new SerialTransport({ path: hostEnd, baudRate: 9600 }), { id: 'K-serial', width: 32 }, afterTest);

describe('Printer over a serial line (socat pty pair)', () => {
  it('prints, and reads paper status over the line', async () => {
    await cable.plug();
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
    const pair = await cable.plug();
    const device = new EmulatedPrinter();
    await serialPrinter(device);
    const printer = makePrinter().start();
    const disconnects: string[] = [];
    printer.on('disconnect', (err) => disconnects.push(err?.message ?? ''));
    await statusReaches(printer, 'ok');

    // The cable pulled out. A pty reports it on the next write (EIO), which the next poll makes.
    await pair.close();
    await statusReaches(printer, 'offline');
    const job = printer.enqueue(sampleTicket({ number: 'S002' }));
    await sleep(200);

    await cable.plug();
    await serialPrinter(device);
    expect(await job.done).toMatchObject({ status: 'printed' });
    expect(device.jobs().map(largestText)).toEqual(['S002']);
    expect(disconnects).toHaveLength(1);
  });
});
