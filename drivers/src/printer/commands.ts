// ESC/POS command bytes, one builder per command. Written by hand instead of through
// @node-escpos/core's Printer: its qrcode() sends GS Z, its text() adds its own line feeds and it
// needs an adapter even to build bytes. Plain builders keep layout.ts pure and the bytes exact.

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
const ECC_CODE: Record<QrEcc, number> = { L: 48, M: 49, Q: 50, H: 51 };

const bytes = (...b: number[]): Buffer => Buffer.from(b);

/** ESC @: clears the buffer and every mode left over from a previous job. */
export const init = (): Buffer => bytes(ESC, 0x40);

/** FS &: Chinese character mode. Chinese-market printers need it for double-byte GB18030 text. */
export const chineseMode = (): Buffer => bytes(FS, 0x26);

export const align = (a: Align): Buffer => bytes(ESC, 0x61, ALIGN_CODE[a]);

export const bold = (on: boolean): Buffer => bytes(ESC, 0x45, on ? 1 : 0);

/** GS ! n: width and height multipliers 1..8 (high nibble width-1, low nibble height-1). */
export function size(width: number, height: number): Buffer {
  const w = Math.min(8, Math.max(1, Math.round(width))) - 1;
  const h = Math.min(8, Math.max(1, Math.round(height))) - 1;
  return bytes(GS, 0x21, (w << 4) | h);
}

/** ESC d n: print the buffer and feed n lines. */
export const feed = (lines: number): Buffer => bytes(ESC, 0x64, Math.min(255, Math.max(0, lines)));

/**
 * GS V 65 n: feed to the cutting position plus n dots, then a full cut. Function B (65) rather
 * than A (0) because A cuts at the print line and would slice through the last printed line.
 */
export const cut = (extraDots = 0): Buffer => bytes(GS, 0x56, 65, Math.min(255, Math.max(0, extraDots)));

/** DLE EOT n: real-time status request, n = 1..4. The printer answers with one byte. */
export const statusQuery = (n: 1 | 2 | 3 | 4): Buffer => bytes(DLE, EOT, n);

/** GS ( k with cn = 49 (QR code): the length pL pH counts cn, fn and the parameters. */
function qrFunction(fn: number, params: Buffer): Buffer {
  const len = params.length + 2;
  return Buffer.concat([bytes(GS, 0x28, 0x6b, len & 0xff, len >> 8, 49, fn), params]);
}

/**
 * Epson's native QR sequence: model 2, module size, error level, store data, print.
 * The data must be ASCII: printers differ in how they read other bytes in a QR store.
 */
export function qrCode(data: string, opts: { moduleSize?: number; ecc?: QrEcc } = {}): Buffer {
  if (!/^[\x20-\x7e]*$/.test(data)) throw new Error('QR data must be printable ASCII');
  const payload = Buffer.from(data, 'ascii');
  if (payload.length > 7089) throw new Error('QR data too long');
  const moduleSize = Math.min(16, Math.max(1, opts.moduleSize ?? 6));
  return Buffer.concat([
    qrFunction(65, bytes(50, 0)), // fn 165: model 2
    qrFunction(67, bytes(moduleSize)), // fn 167: module size in dots
    qrFunction(69, bytes(ECC_CODE[opts.ecc ?? 'M'])), // fn 169: error correction level
    qrFunction(80, Buffer.concat([bytes(48), payload])), // fn 180: store the data
    qrFunction(81, bytes(48)), // fn 181: print the stored symbol
  ]);
}
