import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach } from 'vitest';
import { Printer, type EmulatedPrinter, type PrinterState, type PrinterTransport } from '../../src/printer/index.ts';
import { openPtyPair, type PtyPair } from '../../src/serial/pty.ts';

/** Resolves with the next `status` event of that state (or at once if already there). */
export function statusReaches(printer: Printer, state: PrinterState, timeoutMs = 5000): Promise<void> {
  if (printer.status?.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      printer.off('status', onStatus);
      reject(new Error(`printer never reached ${state} (now ${printer.status?.state ?? 'unknown'})`));
    }, timeoutMs);
    const onStatus = (s: { state: PrinterState }) => {
      if (s.state !== state) return;
      clearTimeout(timer);
      printer.off('status', onStatus);
      resolve();
    };
    printer.on('status', onStatus);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Handles that keep a process alive, by type: to prove close() leaves nothing behind. */
export function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** What a test opened, undone after it, newest first, passed or not: the returned function registers one undo. */
export function undoAfterEach(): (undo: () => unknown) => void {
  const undos: Array<() => unknown> = [];
  afterEach(async () => {
    for (const undo of undos.splice(0).reverse()) await undo();
  });
  return (undo) => { undos.push(undo); };
}

/**
 * A socat pseudo-terminal pair standing in for the printer's cable: `host` is what the transport
 * under test opens (a serial port, or the device file of lp:), `printer` the emulated printer's
 * end. `plug()` opens it (again, at the same paths, after the pair was closed: a cable pulled).
 */
export function printerCable(tag: string, afterTest: (undo: () => unknown) => void) {
  const base = path.join(os.tmpdir(), `ow-${tag}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const host = `${base}-host`;
  const printer = `${base}-printer`;
  return {
    host, printer, base,
    async plug(): Promise<PtyPair> {
      const pair = await openPtyPair({ a: host, b: printer });
      afterTest(() => pair.close());
      return pair;
    },
  };
}

/** The printer's end of the cable: an EmulatedPrinter that answers DLE EOT, or (one-way) only records. */
export async function printerBehind(end: string, device: EmulatedPrinter, afterTest: (undo: () => unknown) => void,
  opts: { answers: boolean } = { answers: true }): Promise<{ received: () => Buffer }> {
  const port = new SerialPort({ path: end, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const feed = device.session();
  const chunks: Buffer[] = [];
  port.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    const reply = feed(chunk);
    if (opts.answers && reply.length) port.write(reply);
  });
  port.on('error', () => {});
  afterTest(() => new Promise<void>((r) => (port.isOpen ? port.close(() => r()) : r())));
  return { received: () => Buffer.concat(chunks) };
}

/** A printer on `transport` with the tests' short polls, deadlines and retries, closed after the test. */
export function testPrinter(transport: PrinterTransport, o: { id: string; width: number }, afterTest: (undo: () => unknown) => void): Printer {
  const printer = new Printer(transport, {
    ...o, pollIntervalMs: 40, statusTimeoutMs: 200, maxWaitMs: 10_000,
    retry: { attempts: 5, baseDelayMs: 20, maxDelayMs: 100 }, reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  afterTest(() => printer.close());
  return printer;
}
