// The Printer over real TCP to the loopback emulator: what a network printer on port 9100 does.
import { describe, expect, it } from 'vitest';
import {
  createPrinter, largestText, startPrinterEmulator, type EscPosOp, type Printer, type PrinterEmulator,
  type PrinterState,
} from '../../src/printer/index.ts';
import { sampleTicket } from '../../src/printer/sample.ts';
import { liveHandles, sleep, statusReaches, undoAfterEach } from './helpers.ts';

const timing = {
  pollIntervalMs: 40, statusTimeoutMs: 150, maxWaitMs: 10_000,
  retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 100 }, reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
};

const afterTest = undoAfterEach();

async function emulator(port = 0): Promise<PrinterEmulator> {
  const emu = await startPrinterEmulator({ port });
  afterTest(() => emu.close());
  return emu;
}

function printerFor(port: number): { printer: Printer; states: PrinterState[] } {
  const printer = createPrinter({ type: 'network', host: '127.0.0.1', port, width: 48 }, { id: 'K1', ...timing });
  afterTest(() => printer.close());
  const states: PrinterState[] = [];
  printer.on('status', (s) => states.push(s.state));
  return { printer, states };
}

const texts = (job: EscPosOp[]) => job.flatMap((o) => (o.op === 'text' ? [o.text] : []));

describe('Printer over TCP', () => {
  it('prints a ticket that arrives whole and decodes back', async () => {
    const emu = await emulator();
    const { printer } = printerFor(emu.port);
    const result = await printer.enqueue(sampleTicket()).done;
    expect(result).toMatchObject({ status: 'printed', attempts: 1, number: 'A012' });
    const [job] = await emu.waitForJobs(1);
    expect(largestText(job)).toBe('A012');
    expect(texts(job)).toContain('不动产登记');
    expect(job.find((o) => o.op === 'qr')).toMatchObject({ data: 'https://q.example.gov.cn/t/20261123-A012', ecc: 'M' });
    expect(job.at(-1)?.op).toBe('cut');
    expect(printer.status?.state).toBe('ok');
  });

  it('holds a job while the paper is out and prints it once paper is back', async () => {
    const emu = await emulator();
    emu.setPaper('out');
    const { printer, states } = printerFor(emu.port);
    await statusReaches(printer, 'paper-out');
    const job = printer.enqueue(sampleTicket({ number: 'B003' }));
    let settled = false;
    void job.done.then(() => { settled = true; });
    await sleep(300);
    expect(settled).toBe(false);
    expect(emu.jobs()).toHaveLength(0);
    emu.setPaper('ok');
    expect(await job.done).toMatchObject({ status: 'printed', attempts: 1 });
    expect(emu.jobs().map(largestText)).toEqual(['B003']);
    expect(emu.dropped).toBe(0); // nothing was sent to the printer while it had no paper
    expect(states).toEqual(['paper-out', 'ok']);
  });

  it('reports paper near end and a cover opened and closed', async () => {
    const emu = await emulator();
    const { printer, states } = printerFor(emu.port);
    await statusReaches(printer, 'ok');
    emu.setPaper('near-end');
    await statusReaches(printer, 'paper-near-end');
    emu.setCoverOpen(true);
    await statusReaches(printer, 'cover-open');
    emu.setCoverOpen(false);
    await statusReaches(printer, 'paper-near-end');
    expect(states).toEqual(['ok', 'paper-near-end', 'cover-open', 'paper-near-end']);
    expect((await printer.enqueue(sampleTicket()).done).status).toBe('printed'); // near end still prints
  });

  it('goes offline when the printer stops answering and recovers when it answers again', async () => {
    const emu = await emulator();
    const { printer, states } = printerFor(emu.port);
    await statusReaches(printer, 'ok');
    emu.setSilent(true);
    await statusReaches(printer, 'offline');
    const job = printer.enqueue(sampleTicket({ number: 'C020' }));
    await sleep(200);
    emu.setSilent(false);
    await statusReaches(printer, 'ok');
    expect((await job.done).status).toBe('printed');
    expect(emu.jobs().map(largestText)).toEqual(['C020']);
    expect(states).toEqual(['ok', 'offline', 'ok']);
  });

  it('reconnects after a power cycle (server closed, restarted on the same port) and prints', async () => {
    const first = await startPrinterEmulator();
    const port = first.port;
    const { printer, states } = printerFor(port);
    let connects = 0;
    printer.on('connect', () => connects++);
    await statusReaches(printer, 'ok');
    await first.close();
    await statusReaches(printer, 'offline');
    const job = printer.enqueue(sampleTicket({ number: 'D001' }));
    await sleep(300); // a few refused reconnects
    const second = await emulator(port);
    expect(await job.done).toMatchObject({ status: 'printed' });
    expect(second.jobs().map(largestText)).toEqual(['D001']);
    expect(first.jobs()).toHaveLength(0);
    expect(connects).toBe(2);
    expect(states).toEqual(['ok', 'offline', 'ok']);
  });

  it('close() leaves no socket, server or timer behind', async () => {
    await sleep(50); // let the previous test's sockets finish closing
    const before = liveHandles();
    const emu = await startPrinterEmulator();
    const printer = createPrinter({ type: 'network', host: '127.0.0.1', port: emu.port }, { id: 'K9', ...timing });
    await printer.enqueue(sampleTicket()).done;
    expect(liveHandles().TCPSocketWrap ?? 0).toBeGreaterThan(before.TCPSocketWrap ?? 0);
    await printer.close();
    await emu.close();
    await sleep(20);
    const after = liveHandles();
    for (const type of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout']) {
      expect(after[type] ?? 0, type).toBeLessThanOrEqual(before[type] ?? 0);
    }
  });
});
