// A loopback ESC/POS network printer for tests and demos: a real TCP server (port 9100 semantics)
// that decodes jobs and answers DLE EOT. Other engineers' integration tests use it as they would a
// printer on the hall network:
//   const emu = await startPrinterEmulator();
//   createPrinter({ type: 'network', host: '127.0.0.1', port: emu.port }, { id: 'K1' })
//   await emu.waitForJobs(1); largestText(emu.jobs()[0]) === 'A012'
import net from 'node:net';
import type { EscPosOp } from './decode.ts';
import { EmulatedPrinter, type EmulatedError, type PaperLevel } from './emulator-device.ts';

export interface PrinterEmulatorOptions {
  /** 0 (default) picks a free port; pass the old port to "power the printer back on" */
  port?: number;
  host?: string;
  encoding?: string;
}

export interface PrinterEmulator {
  readonly port: number;
  readonly host: string;
  /** every byte received, all connections together */
  readonly received: Buffer;
  /** connections open now */
  readonly connections: number;
  /** content operations dropped while the printer could not print */
  readonly dropped: number;
  /** decoded operations of each printed job (up to and including its cut) */
  jobs(): EscPosOp[][];
  /** resolves once at least `count` jobs were printed; rejects after timeoutMs */
  waitForJobs(count: number, timeoutMs?: number): Promise<EscPosOp[][]>;
  setPaper(level: PaperLevel): void;
  setCoverOpen(open: boolean): void;
  setError(error: EmulatedError | null): void;
  /** stops (true) or resumes (false) answering status queries and printing */
  setSilent(silent: boolean): void;
  /** closes the server and drops every connection, like pulling the power */
  close(): Promise<void>;
}

export async function startPrinterEmulator(opts: PrinterEmulatorOptions = {}): Promise<PrinterEmulator> {
  const device = new EmulatedPrinter(opts.encoding);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const feed = device.session();
    socket.on('data', (chunk: Buffer) => {
      const reply = feed(chunk);
      if (reply.length && !socket.destroyed) socket.write(reply);
    });
    socket.on('error', () => {}); // a client vanishing is normal for a printer
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    host,
    get received() { return device.received; },
    get connections() { return sockets.size; },
    get dropped() { return device.dropped; },
    jobs: () => device.jobs(),
    waitForJobs(count, timeoutMs = 5000) {
      if (device.jobs().length >= count) return Promise.resolve(device.jobs());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`emulator: ${device.jobs().length} of ${count} jobs after ${timeoutMs} ms`));
        }, timeoutMs);
        const off = device.onJob(() => {
          if (device.jobs().length < count) return;
          clearTimeout(timer);
          off();
          resolve(device.jobs());
        });
      });
    },
    setPaper: (level) => { device.paper = level; },
    setCoverOpen: (open) => { device.coverOpen = open; },
    setError: (error) => { device.error = error; },
    setSilent: (silent) => { device.silent = silent; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
