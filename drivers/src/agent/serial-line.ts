// The agent's end of a serial line it relays for the hall server: the server's bus (frames, the
// devices' liveness, retries) stays on the server, and the agent only opens the local port when
// asked, writes what it is sent and sends back what it reads. serial.md is unchanged on the wire.
import { serialPortFactory, type PortFactory, type SerialPortLike } from '../serial/port.ts';
import type { SerialLineSpec } from './specs.ts';

export interface SerialLineEvents {
  /** bytes read from the line */
  data(chunk: Buffer): void;
  /** the port closed without being asked (unplugged, a USB-serial adapter reset) */
  closed(error?: Error): void;
}

export class SerialLine {
  readonly description: string;
  private port: SerialPortLike | null = null;

  constructor(private readonly spec: SerialLineSpec, private readonly events: SerialLineEvents,
    private readonly portFactory: PortFactory = serialPortFactory, private readonly writeTimeoutMs = 2000) {
    this.description = `${spec.path}@${spec.baudRate}`;
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  /** Opens the port (a fresh one each time: a port object that lost its device does not reopen well). */
  async open(): Promise<void> {
    if (this.port) return;
    const port = this.portFactory({ path: this.spec.path, baudRate: this.spec.baudRate });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('data', (chunk) => { if (this.port === port) this.events.data(chunk); });
    port.on('error', () => {}); // reported by write callbacks and 'close'
    port.on('close', (err) => {
      if (this.port !== port) return; // closed by close()
      this.port = null;
      this.events.closed(err ?? undefined);
    });
    this.port = port;
  }

  /** Resolves once the bytes have left the port (drained), so the server's half-duplex pacing holds. */
  write(data: Buffer): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new Error(`${this.description} is not open`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.description}: write timed out`)), this.writeTimeoutMs);
      const done = (err?: Error | null) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      port.write(data, (err) => (err ? done(err) : port.drain(done)));
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
