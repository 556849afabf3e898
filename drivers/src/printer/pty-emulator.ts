// A receipt printer behind a pseudo-terminal, for tests and demos of printers on a device file or a
// serial line: socat makes the pair, `devicePath` stands in for /dev/usb/lp0 (or /dev/ttyUSB0) and
// an EmulatedPrinter on the other end decodes what it is sent and answers DLE EOT:
//   const emu = await startPtyPrinterEmulator();
//   npm run agent -- … --printer lp:${emu.devicePath}
//   await emu.waitForJobs(1); largestText(emu.jobs()[0]) === 'A012'
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../serial/pty.ts';
import type { EscPosOp } from './decode.ts';
import { EmulatedPrinter } from './emulator-device.ts';

export interface PtyPrinterEmulator {
  /** the end a driver opens, as it would a printer device file */
  readonly devicePath: string;
  readonly device: EmulatedPrinter;
  /** every byte received, across replugs */
  readonly received: Buffer;
  jobs(): EscPosOp[][];
  waitForJobs(count: number, timeoutMs?: number): Promise<EscPosOp[][]>;
  /** false: prints what it is sent but answers no DLE EOT (a one-way printer, or one that hangs after printing) */
  answering: boolean;
  /** resolves with the next chunk of bytes received */
  nextBytes(timeoutMs?: number): Promise<Buffer>;
  /** pulls the cable: the device file disappears */
  unplug(): Promise<void>;
  /** plugs it back at the same path */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function startPtyPrinterEmulator(opts: { encoding?: string; dir?: string } = {}): Promise<PtyPrinterEmulator> {
  const device = new EmulatedPrinter(opts.encoding);
  let pair: PtyPair | null = null;
  let port: SerialPort | null = null;
  let links: { a: string; b: string } | null = null;
  /** the first pair made the temporary folder of the links: its close() removes it */
  let first: PtyPair | null = null;
  const waiters = new Set<(chunk: Buffer) => void>();

  const plug = async () => {
    pair = await openPtyPair(links ?? {});
    first ??= pair;
    links = { a: pair.a, b: pair.b };
    const p = new SerialPort({ path: pair.b, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => p.open((err) => (err ? reject(err) : resolve())));
    const feed = device.session();
    p.on('data', (chunk: Buffer) => {
      const reply = feed(chunk);
      for (const w of [...waiters]) w(chunk);
      if (emu.answering && reply.length && p.isOpen) p.write(reply);
    });
    p.on('error', () => {});
    port = p;
  };
  const unplug = async () => {
    const p = port;
    port = null;
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
    // Links made in a folder of ours stay named the same: the next plug reuses them.
    const current = pair;
    pair = null;
    if (current) await killOnly(current);
  };

  await plug();
  const emu: PtyPrinterEmulator = {
    get devicePath() { return links!.a; },
    device,
    get received() { return device.received; },
    jobs: () => device.jobs(),
    answering: true,
    waitForJobs(count, timeoutMs = 5000) {
      if (device.jobs().length >= count) return Promise.resolve(device.jobs());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`pty printer: ${device.jobs().length} of ${count} jobs after ${timeoutMs} ms`));
        }, timeoutMs);
        const off = device.onJob(() => {
          if (device.jobs().length < count) return;
          clearTimeout(timer);
          off();
          resolve(device.jobs());
        });
      });
    },
    nextBytes(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(take);
          reject(new Error(`pty printer: nothing received in ${timeoutMs} ms`));
        }, timeoutMs);
        const take = (chunk: Buffer) => {
          clearTimeout(timer);
          waiters.delete(take);
          resolve(chunk);
        };
        waiters.add(take);
      });
    },
    unplug,
    replug: plug,
    close: async () => {
      await unplug();
      await first?.close();
    },
  };
  return emu;
}

/** Stops socat without removing the folder its links live in (openPtyPair's close() removes it). */
async function killOnly(pair: PtyPair): Promise<void> {
  try {
    process.kill(pair.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    try {
      process.kill(pair.pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
