// Raw TCP to a network printer's port 9100 (JetDirect / "RAW"), on net.Socket directly: the
// @node-escpos network adapter logs every chunk and leaks a listener per read.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { ByteInbox, type PrinterTransport } from '../transport.ts';

export interface TcpTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  /** TCP keep-alive probe delay: notices a printer that lost power without closing the socket */
  keepAliveMs?: number;
}

export class TcpTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'network' as const;
  readonly description: string;
  private socket: net.Socket | null = null;
  private readonly inbox = new ByteInbox();

  constructor(private readonly opts: TcpTransportOptions) {
    super();
    this.description = `tcp://${opts.host}:${opts.port ?? 9100}`;
  }

  get isOpen(): boolean {
    return this.socket !== null;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host: this.opts.host, port: this.opts.port ?? 9100 });
      const timer = setTimeout(() => socket.destroy(new Error(`connect timeout ${this.description}`)),
        this.opts.connectTimeoutMs ?? 3000);
      let lastError: Error | undefined;
      let connected = false;
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, this.opts.keepAliveMs ?? 5000);
        this.inbox.clear();
        this.socket = socket;
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.inbox.push(chunk));
      socket.on('error', (err) => { lastError = err; }); // 'close' follows and reports it
      socket.on('close', () => {
        clearTimeout(timer);
        if (!connected) return reject(lastError ?? new Error(`cannot connect ${this.description}`));
        if (this.socket !== socket) return; // ended by close(): not a disconnect
        this.socket = null;
        this.inbox.cancel();
        this.emit('disconnect', lastError ?? new Error(`${this.description} closed the connection`));
      });
    });
  }

  write(data: Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error(`${this.description} is not connected`));
    return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.read(timeoutMs);
  }

  discardInput(): void {
    this.inbox.clear();
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.inbox.cancel();
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      // A printer that never acknowledges our FIN must not hold close() up.
      const timer = setTimeout(() => socket.destroy(), 500);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }
}
