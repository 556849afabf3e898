import { EventEmitter } from 'node:events';
import iconv from 'iconv-lite';
import { serialPortFactory, type PortFactory, type SerialPortLike } from './port.ts';
import { encodeFrame, type Command, type Frame } from './frame.ts';
import { FrameParser } from './frame-parser.ts';

/** A frame the host sent, with its text decoded (ASCII for A and D, GB18030 for S). */
export interface ReceivedFrame extends Frame {
  text?: string;
}

export interface EmulatorOptions {
  baudRate?: number;
  portFactory?: PortFactory;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function decode(frame: Frame): ReceivedFrame {
  if (frame.cmd === 'S') return { ...frame, text: iconv.decode(frame.payload, 'gb18030') };
  if (frame.cmd === 'A' || frame.cmd === 'D') return { ...frame, text: frame.payload.toString('latin1') };
  return frame;
}

/**
 * Plays the devices of one RS-485 line from the far end of a pty pair (or any port): sends what
 * pads and keypads send, well-formed or not, and records what the host sends them.
 */
export class DeviceEmulator extends EventEmitter<{ frame: [ReceivedFrame] }> {
  /** Every frame received from the host, in order. */
  readonly received: ReceivedFrame[] = [];
  private readonly chunks: Buffer[] = [];
  private taken = 0;
  private readonly heartbeats = new Map<number, NodeJS.Timeout>();
  private readonly parser = new FrameParser();

  private constructor(private readonly port: SerialPortLike) {
    super();
    this.parser.on('data', (frame: Frame) => {
      const decoded = decode(frame);
      this.received.push(decoded);
      this.emit('frame', decoded);
    });
    port.on('data', (chunk) => {
      if (this.parser.destroyed) return; // bytes still in flight after close()
      this.chunks.push(chunk);
      this.parser.write(chunk);
    });
    port.on('error', () => {}); // the host end going away is expected in tests
  }

  static async open(path: string, options: EmulatorOptions = {}): Promise<DeviceEmulator> {
    const port = (options.portFactory ?? serialPortFactory)({ path, baudRate: options.baudRate ?? 9600 });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new DeviceEmulator(port);
  }

  /** Every byte received from the host, exactly as it came. */
  get bytesReceived(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Frames the host sent to one address. */
  framesFor(addr: number): ReceivedFrame[] {
    return this.received.filter((f) => f.addr === addr);
  }

  /** Dropped frames by reason, as the emulator's own parser saw the host's bytes. */
  get dropped() {
    return { ...this.parser.dropped };
  }

  /** The next frame (after those already taken) that matches, waiting for it if need be. */
  nextFrame(match: (f: ReceivedFrame) => boolean = () => true, timeoutMs = 2000): Promise<ReceivedFrame> {
    return new Promise((resolve, reject) => {
      const look = () => {
        for (let i = this.taken; i < this.received.length; i++) {
          if (match(this.received[i])) {
            this.taken = i + 1;
            finish();
            return resolve(this.received[i]);
          }
        }
      };
      const finish = () => { clearTimeout(timer); this.off('frame', look); };
      const timer = setTimeout(() => { finish(); reject(new Error(`no matching frame from the host within ${timeoutMs} ms`)); }, timeoutMs);
      this.on('frame', look);
      look();
    });
  }

  /** Sends a well-formed frame as the device at `addr` (any command, even one a device never sends). */
  send(addr: number, cmd: Command, payload: Uint8Array = Buffer.alloc(0)): Promise<void> {
    return this.writeRaw(encodeFrame(addr, cmd, payload));
  }

  heartbeat(addr: number): Promise<void> {
    return this.send(addr, 'H');
  }

  /** Score as the raw byte, so out-of-range scores can be sent too. */
  rate(addr: number, score: number): Promise<void> {
    return this.send(addr, 'R', Buffer.of(score));
  }

  press(addr: number, key: number): Promise<void> {
    return this.send(addr, 'K', Buffer.of(key));
  }

  /** Sends H now and every `intervalMs` until stopped. */
  startHeartbeats(addr: number, intervalMs: number): void {
    this.stopHeartbeats(addr);
    const beat = () => { this.heartbeat(addr).catch(() => {}); };
    beat();
    this.heartbeats.set(addr, setInterval(beat, intervalMs));
  }

  /** Goes silent: stops the heartbeats of one address, or of all. */
  stopHeartbeats(addr?: number): void {
    for (const [a, timer] of this.heartbeats) {
      if (addr === undefined || a === addr) { clearInterval(timer); this.heartbeats.delete(a); }
    }
  }

  /** A frame whose checksum is off by one bit. */
  sendBadChecksum(addr: number, cmd: Command, payload: Uint8Array = Buffer.alloc(0)): Promise<void> {
    const bytes = encodeFrame(addr, cmd, payload);
    bytes[bytes.length - 2] ^= 0x01;
    return this.writeRaw(bytes);
  }

  writeRaw(bytes: Uint8Array | number[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (e) => (e ? reject(e) : this.port.drain((d) => (d ? reject(d) : resolve()))));
    });
  }

  /** Writes `bytes` in pieces of `pieceSize` with a pause between, so the host reads them split. */
  async writeSplit(bytes: Uint8Array | number[], pieceSize = 1, gapMs = 5): Promise<void> {
    const all = Buffer.from(bytes);
    for (let i = 0; i < all.length; i += pieceSize) {
      await this.writeRaw(all.subarray(i, i + pieceSize));
      if (gapMs > 0) await sleep(gapMs);
    }
  }

  async close(): Promise<void> {
    this.stopHeartbeats();
    this.parser.destroy();
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
