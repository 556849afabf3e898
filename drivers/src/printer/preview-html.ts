// Decoded ESC/POS operations → an HTML page that looks like the paper: 12 dots per column, the
// 24-dot Chinese font, scaled text, and the QR drawn again from the decoded data (so a wrong
// GS ( k store shows up as a wrong code). A development aid; not exported by index.ts.
import QRCode from 'qrcode';
import type { Align } from './commands.ts';
import { columns } from './columns.ts';
import type { EscPosOp } from './decode.ts';

const DOT_COL = 12; // a half-width column is 12 dots; a Chinese glyph 24
const LINE = 30; // default line spacing of a 24-dot font: 1/6 inch at 180 dpi

interface Run { text: string; w: number; h: number; bold: boolean }
type Block = { kind: 'line'; align: Align; runs: Run[] } | { kind: 'qr'; align: Align; src: string; px: number } | { kind: 'cut' };

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function qrImage(data: string, ecc: 'L' | 'M' | 'Q' | 'H', moduleSize: number) {
  const modules = QRCode.create(data, { errorCorrectionLevel: ecc }).modules.size;
  const src = await QRCode.toDataURL(data, { errorCorrectionLevel: ecc, margin: 0, scale: moduleSize });
  return { src, px: modules * moduleSize };
}

async function toBlocks(ops: EscPosOp[]): Promise<Block[]> {
  const blocks: Block[] = [];
  let align: Align = 'left';
  let w = 1, h = 1, bold = false;
  let line: Extract<Block, { kind: 'line' }> | null = null;
  const end = () => { blocks.push(line ?? { kind: 'line', align, runs: [] }); line = null; };
  for (const o of ops) {
    if (o.op === 'init') { align = 'left'; w = 1; h = 1; bold = false; }
    else if (o.op === 'align') align = o.align;
    else if (o.op === 'size') { w = o.width; h = o.height; }
    else if (o.op === 'bold') bold = o.on;
    else if (o.op === 'text') (line ??= { kind: 'line', align, runs: [] }).runs.push({ text: o.text, w, h, bold });
    else if (o.op === 'newline') end();
    else if (o.op === 'feed') { if (line) end(); for (let i = 0; i < o.lines; i++) end(); }
    else if (o.op === 'qr') { if (line) end(); blocks.push({ kind: 'qr', align, ...(await qrImage(o.data, o.ecc, o.moduleSize)) }); }
    else if (o.op === 'cut') { if (line) end(); blocks.push({ kind: 'cut' }); }
  }
  if (line) end();
  return blocks;
}

function runHtml(r: Run): string {
  // Width from the column count so alignment matches the printer; scaleX covers w ≠ h.
  const width = columns(r.text) * DOT_COL * r.w;
  const style = `width:${width}px;font-size:${24 * r.h}px;line-height:${LINE * r.h}px;` +
    `transform:scaleX(${r.w / r.h});font-weight:${r.bold ? 700 : 400}`;
  return `<span class="run" style="${style}">${esc(r.text)}</span>`;
}

export async function opsToHtml(ops: EscPosOp[], width: number): Promise<string> {
  const body = (await toBlocks(ops)).map((b) => {
    if (b.kind === 'cut') return '<div class="cut"></div>';
    if (b.kind === 'qr') return `<div style="text-align:${b.align}"><img class="qr" src="${b.src}" width="${b.px}" height="${b.px}"></div>`;
    return `<div class="line" style="text-align:${b.align}">${b.runs.map(runHtml).join('') || '&nbsp;'}</div>`;
  }).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 24px; background: #d9dde3; }
  .paper { width: ${width * DOT_COL}px; padding: 24px 16px 0; background: #fff; color: #111;
    box-shadow: 0 2px 10px rgba(0,0,0,.25); font-family: 'Noto Sans Mono CJK SC', monospace; }
  .line { min-height: ${LINE}px; white-space: pre; }
  .run { display: inline-block; transform-origin: left center; white-space: pre; vertical-align: bottom; }
  .qr { image-rendering: pixelated; margin: 8px 0; }
  .cut { margin: 12px -16px 0; border-top: 2px dashed #888; height: 12px; }
  </style></head><body><div class="paper">${body}</div></body></html>`;
}
