import { serialPortFactory, type PortFactory, type SerialPortLike } from '../serial/port.ts';
import { asCommand, encodeResponse, type CommandName } from './frame.ts';
import { IdFrameParser } from './frame-parser.ts';
import { joinBasic } from './reader.ts';
import { encodeText, type IdCardText } from './text.ts';

export interface IdCardEmulatorOptions {
  baudRate?: number;
  portFactory?: PortFactory;
}

/** How the emulated reader misbehaves on its next answers, for tests of the host's resilience. */
export interface Faults {
  /** Answer the next read in pieces of this many bytes. */
  splitReadInto?: number;
  /** Corrupt the checksum of the next answer. */
  badChecksum?: boolean;
  /** Say nothing to the next command. */
  silent?: boolean;
  /** Send junk bytes before the next answer. */
  junkBefore?: number[];
  /** Answer the next read with this status instead (0x41 read failed, 0x60 SAM fault …). */
  readStatus?: number;
}

const PHOTO_BYTES = 1024;

/**
 * Plays a GA 467 ID-card reader at the far end of a pty pair: answers find, select, read and the
 * SAM status as a reader does, with a card placed on it or not. Test tooling, exported so the
 * server's tests can put a card on a reader the server drives.
 */
export class IdCardEmulator {
  readonly commands: (CommandName | 'unknown')[] = [];
  private card: IdCardText | null = null;
  private selected = false;
  private faults: Faults = {};
  private readonly parser = new IdFrameParser();

  private constructor(private readonly port: SerialPortLike) {
    this.parser.on('data', (body: Buffer) => void this.answer(body));
    port.on('data', (chunk) => { if (!this.parser.destroyed) this.parser.write(chunk); });
    port.on('error', () => {});
  }

  static async open(path: string, o: IdCardEmulatorOptions = {}): Promise<IdCardEmulator> {
    const port = (o.portFactory ?? serialPortFactory)({ path, baudRate: o.baudRate ?? 115200 });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new IdCardEmulator(port);
  }

  /** A visitor lays a card on the reader. */
  place(card: IdCardText): void {
    this.card = card;
    this.selected = false;
  }

  /** The card is taken away. */
  remove(): void {
    this.card = null;
    this.selected = false;
  }

  inject(f: Faults): void {
    this.faults = { ...this.faults, ...f };
  }

  async close(): Promise<void> {
    this.parser.destroy();
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private async answer(body: Buffer): Promise<void> {
    const c = asCommand(body);
    const name = c?.name ?? 'unknown';
    this.commands.push(name);
    const f = this.faults;
    if (f.silent) {
      this.faults = { ...f, silent: false };
      return;
    }
    let reply: Buffer;
    switch (name) {
      case 'find': reply = encodeResponse(this.card ? 0x9f : 0x80, Buffer.alloc(4)); break;
      case 'select':
        this.selected = this.card !== null;
        reply = encodeResponse(this.card ? 0x90 : 0x81, Buffer.alloc(8));
        break;
      case 'readBasic':
        if (f.readStatus !== undefined) {
          reply = encodeResponse(f.readStatus);
          this.faults = { ...this.faults, readStatus: undefined };
        } else if (this.card && this.selected) {
          reply = encodeResponse(0x90, joinBasic(encodeText(this.card), photoOf(this.card)));
        } else {
          reply = encodeResponse(0x41);
        }
        break;
      case 'samStatus': case 'samReset': reply = encodeResponse(0x90); break;
      default: reply = encodeResponse(0x21);
    }
    if (f.badChecksum) {
      reply[reply.length - 1] ^= 0x01;
      this.faults = { ...this.faults, badChecksum: false };
    }
    if (f.junkBefore) {
      await this.write(Buffer.from(f.junkBefore));
      this.faults = { ...this.faults, junkBefore: undefined };
    }
    if (name === 'readBasic' && f.splitReadInto) {
      this.faults = { ...this.faults, splitReadInto: undefined };
      for (let i = 0; i < reply.length; i += f.splitReadInto) {
        await this.write(reply.subarray(i, i + f.splitReadInto));
        await new Promise((r) => setTimeout(r, 2));
      }
      return;
    }
    await this.write(reply);
  }

  private write(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.write(bytes, () => this.port.drain(() => resolve()));
    });
  }
}

/** A stand-in for the card's WLT photo: bytes derived from the card, the size a reader sends. */
function photoOf(card: IdCardText): Buffer {
  const out = Buffer.alloc(PHOTO_BYTES);
  const seed = Buffer.from(card.idNumber);
  for (let i = 0; i < out.length; i++) out[i] = seed[i % seed.length] ^ (i & 0xff);
  return out;
}
