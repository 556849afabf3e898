import { EventEmitter } from 'node:events';
import { directionOf, encodeFrame, isValidAddress, type Command, type Frame } from './frame.ts';
import { DROP_REASONS, FrameParser, type DropReason } from './frame-parser.ts';
import { realTimers, type TimerHandle, type Timers } from './timers.ts';
import { WriteQueue } from './write-queue.ts';
import { PATH_CHECK_MS, pathGoneError, watchPath } from './path-watch.ts';
import { serialPortFactory, type PortFactory, type SerialPortLike } from './port.ts';

/** Parser drops, plus what the bus refuses: frames a host never receives, nobody at that address, a device that rejected the frame. */
export type BusDropReason = DropReason | 'wrong-direction' | 'unknown-address' | 'rejected';

export interface SerialBusOptions {
  path: string;
  baudRate?: number;
  portFactory?: PortFactory;
  /** Backoff between attempts to (re)open the port: initial, doubling up to max. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** A write that has not drained by then fails (default 2 s), so one stuck write cannot block the line. */
  writeTimeoutMs?: number;
  stallTimeoutMs?: number;
  /** While open, how often to check that the device's path still exists (path-watch.ts; default 1 s, 0: never). */
  pathCheckMs?: number;
  timers?: Timers;
}

export interface SerialBusStats {
  path: string;
  open: boolean;
  framesIn: number;
  framesOut: number;
  junkBytes: number;
  opens: number;
  dropped: Record<BusDropReason, number>;
}

export interface SerialBusEvents {
  open: [];
  close: [error?: Error];
  error: [error: Error];
  frame: [frame: Frame];
}

/** Called with each frame for the device's address; false means the device could not use it. */
export type FrameHandler = (frame: Frame) => boolean;

export class SerialBusClosedError extends Error {
  constructor(path: string) {
    super(`serial port ${path} is not open`);
    this.name = 'SerialBusClosedError';
  }
}

/**
 * One RS-485 line: opens the port and keeps it open (reconnecting with backoff), turns bytes into
 * frames, hands each frame to the device at its address, and sends one frame at a time.
 */
export class SerialBus extends EventEmitter<SerialBusEvents> {
  readonly path: string;
  readonly baudRate: number;
  private readonly options: SerialBusOptions;
  /** The bus's clock; devices on the line use it too unless given their own. */
  readonly timers: Timers;
  private readonly handlers = new Map<number, { onFrame: FrameHandler; onOpen?: () => void }>();
  private readonly writes: WriteQueue;
  private port: SerialPortLike | undefined;
  private parser: FrameParser | undefined;
  private started = false;
  private closing = false;
  private attempt = 0;
  private reconnectTimer: TimerHandle | undefined;
  private stopWatch: (() => void) | undefined;
  private readonly counts = { framesIn: 0, junkBytes: 0, opens: 0 };
  private readonly dropped = Object.fromEntries(
    [...DROP_REASONS, 'wrong-direction', 'unknown-address', 'rejected'].map((r) => [r, 0]),
  ) as Record<BusDropReason, number>;

  constructor(options: SerialBusOptions) {
    super();
    this.options = options;
    this.path = options.path;
    this.baudRate = options.baudRate ?? 9600;
    this.timers = options.timers ?? realTimers;
    this.writes = new WriteQueue(this.timers, options.writeTimeoutMs ?? 2000, this.path);
  }

  get isOpen(): boolean {
    return this.parser !== undefined;
  }

  /** Starts opening the port; `open` is emitted when it is, and again after every reconnect. */
  start(): void {
    if (this.started || this.closing) return;
    this.started = true;
    this.connect();
  }

  /**
   * Registers the device at `address`: `onFrame` gets its frames, `onOpen` runs each time the port
   * (re)opens, so the device can restore what it shows. Returns a function that unregisters it.
   */
  attach(address: number, onFrame: FrameHandler, onOpen?: () => void): () => void {
    if (!isValidAddress(address)) throw new RangeError(`${this.path}: device address must be 1-247, got ${address}`);
    if (this.handlers.has(address)) throw new Error(`${this.path}: two devices at address ${address}`);
    const entry = { onFrame, onOpen };
    this.handlers.set(address, entry);
    return () => { if (this.handlers.get(address) === entry) this.handlers.delete(address); };
  }

  /** Queues one frame. Resolves once written; rejects if the port is not open (nothing is kept for later). */
  async send(addr: number, cmd: Command, payload?: Uint8Array): Promise<void> {
    const bytes = encodeFrame(addr, cmd, payload);
    if (!this.isOpen) throw new SerialBusClosedError(this.path);
    await this.writes.send(bytes);
  }

  stats(): SerialBusStats {
    return { path: this.path, open: this.isOpen, ...this.counts, framesOut: this.writes.written, dropped: { ...this.dropped } };
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer !== undefined) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const port = this.port;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.disconnected(port);
  }

  private connect(): void {
    if (this.closing) return;
    let port: SerialPortLike;
    try {
      port = (this.options.portFactory ?? serialPortFactory)({ path: this.path, baudRate: this.baudRate });
    } catch (error) {
      this.reportError(error);
      return this.scheduleReconnect();
    }
    this.port = port;
    // Listeners stay on an old port after it is replaced; the guards make its late events harmless.
    port.on('error', (error) => { if (port === this.port) this.reportError(error); });
    port.on('close', (error) => { if (port === this.port) this.disconnected(port, error ?? undefined); });
    port.on('data', (chunk) => { if (port === this.port) this.parser?.write(chunk); });
    port.open((error) => {
      if (this.closing) return void (error ? undefined : port.close());
      if (port !== this.port) return;
      if (error) {
        this.port = undefined;
        this.reportError(error);
        return this.scheduleReconnect();
      }
      this.attempt = 0;
      this.counts.opens++;
      this.parser = this.newParser();
      this.writes.attach(port);
      this.safeEmit('open');
      for (const { onOpen } of this.handlers.values()) onOpen?.();
      this.watchPath(port);
    });
  }

  /** Closes the line when its device's path vanishes, should the port not say so itself. */
  private watchPath(port: SerialPortLike): void {
    this.stopWatch = watchPath(this.path, this.options.pathCheckMs ?? PATH_CHECK_MS, this.timers, () => port === this.port && this.isOpen, () => {
      this.disconnected(port, pathGoneError(this.path));
      if (port.isOpen) port.close(() => undefined);
    });
  }

  private newParser(): FrameParser {
    const parser = new FrameParser({
      stallTimeoutMs: this.options.stallTimeoutMs,
      timers: this.timers,
      onDrop: (reason) => { this.dropped[reason]++; },
      onJunk: (bytes) => { this.counts.junkBytes += bytes; },
    });
    parser.on('data', (frame: Frame) => this.dispatch(frame));
    parser.on('error', (error) => this.reportError(error)); // e.g. a late chunk after destroy: never fatal
    return parser;
  }

  private dispatch(frame: Frame): void {
    this.counts.framesIn++;
    try {
      this.emit('frame', frame);
      // A host never receives host→device commands: on a line that echoes they are our own frames.
      if (directionOf(frame.cmd) !== 'toHost') return void this.dropped['wrong-direction']++;
      const handler = this.handlers.get(frame.addr);
      if (!handler) return void this.dropped['unknown-address']++;
      if (!handler.onFrame(frame)) this.dropped.rejected++;
    } catch (error) {
      // A throwing listener further up must not take the line down with it.
      this.dropped.rejected++;
      this.reportError(error);
    }
  }

  private disconnected(port: SerialPortLike | undefined, error?: Error): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
    const wasOpen = this.parser !== undefined;
    this.parser?.destroy();
    this.parser = undefined;
    if (port === this.port) this.port = undefined;
    this.writes.detach(() => new SerialBusClosedError(this.path));
    if (wasOpen) this.safeEmit('close', error);
    if (this.started && !this.closing && port !== undefined) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer !== undefined) return;
    const initial = this.options.reconnectInitialMs ?? 250;
    const delay = Math.min(this.options.reconnectMaxMs ?? 10_000, initial * 2 ** this.attempt);
    this.attempt++;
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  /** `open` and `close` fire inside port callbacks, where a throwing listener would be uncaught. */
  private safeEmit(event: 'open' | 'close', error?: Error): void {
    try {
      if (event === 'open') this.emit('open');
      else this.emit('close', error);
    } catch (listenerError) {
      this.reportError(listenerError);
    }
  }

  /**
   * Emits `error` only when someone listens: a stray port error must never become an uncaught
   * exception. Devices also report here what their own listeners throw.
   */
  reportError(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}
