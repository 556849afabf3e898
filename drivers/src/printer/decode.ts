// ESC/POS bytes → operations. Used by the tests, the file printer (its .txt) and the emulator.
// Incremental: push() chunks as they arrive from a socket; a command split across chunks waits for
// the rest. Commands it does not interpret are skipped by their length (decode-table.ts).
import { DLE, ESC, FS, GS, LF, type Align, type QrEcc } from './commands.ts';
import { commandLength } from './decode-table.ts';

export type EscPosOp =
  | { op: 'init' }
  | { op: 'text'; text: string }
  | { op: 'newline' }
  | { op: 'align'; align: Align }
  | { op: 'size'; width: number; height: number }
  | { op: 'bold'; on: boolean }
  | { op: 'feed'; lines: number }
  | { op: 'qr'; model: number; moduleSize: number; ecc: QrEcc; data: string }
  | { op: 'cut'; partial: boolean }
  | { op: 'status'; n: number };

export interface DecodeOptions {
  /** text encoding of the printer (WHATWG label); GB18030 by default */
  encoding?: string;
}

const ALIGNS: Align[] = ['left', 'center', 'right'];
const ECCS: Record<number, QrEcc> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };
const c = (ch: string) => ch.charCodeAt(0);
/** GS V m values that leave one point uncut (functions A, B, C, D). */
const PARTIAL_CUTS = new Set([1, 49, 66, 98, 104]);

export class EscPosDecoder {
  private rest: Buffer = Buffer.alloc(0);
  private readonly text: TextDecoder;
  // Epson's power-on QR settings, replaced by GS ( k functions 165/167/169.
  private qr = { model: 2, moduleSize: 3, ecc: 'L' as QrEcc, data: null as string | null };

  constructor(opts: DecodeOptions = {}) {
    this.text = new TextDecoder(opts.encoding ?? 'gb18030');
  }

  /** Decodes what can be decoded; an unfinished command or text run waits for the next chunk. */
  push(chunk: Buffer): EscPosOp[] {
    const b = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const ops: EscPosOp[] = [];
    let i = 0;
    while (i < b.length) {
      if (b[i] >= 0x20) {
        // Text runs to the next control byte: GB18030 never uses bytes below 0x20 inside a character.
        let end = i;
        while (end < b.length && b[end] >= 0x20) end++;
        if (end === b.length) break; // the run may continue in the next chunk
        ops.push({ op: 'text', text: this.text.decode(b.subarray(i, end)) });
        i = end;
        continue;
      }
      const len = commandLength(b, i);
      if (len === 0) break;
      this.interpret(b.subarray(i, i + len), ops);
      i += len;
    }
    this.rest = Buffer.from(b.subarray(i));
    return ops;
  }

  /** Flushes a trailing text run; an unfinished command at the very end is dropped. */
  end(): EscPosOp[] {
    const ops: EscPosOp[] = [];
    let tail = this.rest;
    this.rest = Buffer.alloc(0);
    const ctl = tail.findIndex((x) => x < 0x20);
    if (ctl >= 0) tail = tail.subarray(0, ctl);
    if (tail.length) ops.push({ op: 'text', text: this.text.decode(tail) });
    return ops;
  }

  private interpret(cmd: Buffer, ops: EscPosOp[]): void {
    const [lead, x, p] = cmd;
    if (lead === LF) ops.push({ op: 'newline' });
    else if (lead === DLE && x === 0x04) ops.push({ op: 'status', n: p });
    else if (lead === ESC) {
      if (x === c('@')) {
        ops.push({ op: 'init' });
        this.qr = { model: 2, moduleSize: 3, ecc: 'L', data: null };
      } else if (x === c('a')) ops.push({ op: 'align', align: ALIGNS[p % 48] ?? 'left' });
      else if (x === c('E')) ops.push({ op: 'bold', on: (p & 1) === 1 });
      else if (x === c('d')) ops.push({ op: 'feed', lines: p });
      else if (x === c('!')) {
        // ESC ! n: bit 3 emphasized, bit 4 double height, bit 5 double width.
        ops.push({ op: 'size', width: p & 0x20 ? 2 : 1, height: p & 0x10 ? 2 : 1 });
        ops.push({ op: 'bold', on: (p & 0x08) !== 0 });
      } else if (x === c('i') || x === c('m')) ops.push({ op: 'cut', partial: x === c('m') });
    } else if (lead === GS) {
      if (x === c('!')) ops.push({ op: 'size', width: (p >> 4) + 1, height: (p & 0x0f) + 1 });
      else if (x === c('V')) ops.push({ op: 'cut', partial: PARTIAL_CUTS.has(p) });
      else if (x === c('(') && p === c('k')) this.qrFunction(cmd, ops);
    } else if (lead === FS) {
      // FS & / FS . switch Chinese mode; the text decoder already assumes it.
    }
  }

  /** GS ( k pL pH cn fn …: only cn = 49 (QR code) is read. */
  private qrFunction(cmd: Buffer, ops: EscPosOp[]): void {
    const cn = cmd[5];
    const fn = cmd[6];
    if (cn !== 49) return;
    if (fn === 65) this.qr.model = cmd[7] - 48; // 49 model 1, 50 model 2, 51 micro QR
    else if (fn === 67) this.qr.moduleSize = cmd[7];
    else if (fn === 69) this.qr.ecc = ECCS[cmd[7]] ?? this.qr.ecc;
    else if (fn === 80) this.qr.data = this.text.decode(cmd.subarray(8)); // after m = 48
    else if (fn === 81 && this.qr.data !== null) {
      const { model, moduleSize, ecc, data } = this.qr;
      ops.push({ op: 'qr', model, moduleSize, ecc, data });
    }
  }
}

/** Decodes a whole byte stream (one or more jobs). */
export function decode(bytes: Buffer, opts: DecodeOptions = {}): EscPosOp[] {
  const d = new EscPosDecoder(opts);
  return [...d.push(bytes), ...d.end()];
}

/** Splits operations into jobs at each cut; status queries are not part of any job. */
export function splitJobs(ops: EscPosOp[]): EscPosOp[][] {
  const jobs: EscPosOp[][] = [];
  let current: EscPosOp[] = [];
  for (const o of ops) {
    if (o.op === 'status') continue;
    current.push(o);
    if (o.op === 'cut') {
      jobs.push(current);
      current = [];
    }
  }
  return jobs;
}
