// The virtual printer used when a kiosk has no printer configured: each job's raw bytes go to
// <dir>/<time>-<label>.bin and, beside them, a .txt read back from those bytes by the decoder, so
// the text shows what a real printer would have been sent. It always answers "online, paper ok".
import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decode, type EscPosOp } from '../decode.ts';
import { opsToText } from '../ops-text.ts';
import { encodeStatus } from '../status.ts';
import { ByteInbox, type PrinterTransport, type WriteMeta } from '../transport.ts';

export interface FileTransportOptions {
  dir: string;
  /** characters per line, for the .txt */
  width?: number;
  encoding?: string;
}

const HEALTHY = encodeStatus({});

export class FileTransport extends EventEmitter implements PrinterTransport {
  readonly kind = 'file' as const;
  readonly description: string;
  private open_ = false;
  private seq = 0;
  private readonly inbox = new ByteInbox();

  constructor(private readonly opts: FileTransportOptions) {
    super();
    this.description = `file:${opts.dir}`;
  }

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    this.open_ = true;
  }

  /** Answers status queries; anything else is a job and gets its .bin and .txt. */
  async write(data: Buffer, meta?: WriteMeta): Promise<void> {
    if (!this.open_) throw new Error(`${this.description} is not open`);
    const ops = decode(data, { encoding: this.opts.encoding });
    const content: EscPosOp[] = [];
    for (const o of ops) {
      if (o.op === 'status') this.inbox.push(Buffer.from([HEALTHY[o.n - 1] ?? HEALTHY[0]]));
      else content.push(o);
    }
    if (!content.length) return;
    const base = path.join(this.opts.dir, this.fileBase(meta));
    await writeFile(`${base}.bin`, data, { flag: 'wx' });
    await writeFile(`${base}.txt`, opsToText(content, this.opts.width ?? 48), { flag: 'wx' });
    this.emit('job', base);
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.read(timeoutMs);
  }

  discardInput(): void {
    this.inbox.clear();
  }

  async close(): Promise<void> {
    this.open_ = false;
    this.inbox.cancel();
  }

  private fileBase(meta?: WriteMeta): string {
    // 2026-11-22T011530.123Z: sorts by time and is a valid file name everywhere.
    const stamp = new Date().toISOString().replace(/:/g, '');
    const label = (meta?.label ?? 'job').replace(/[^\p{L}\p{N}_-]+/gu, '_');
    return `${stamp}-${label}-${String(++this.seq).padStart(4, '0')}`;
  }
}
