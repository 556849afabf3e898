// Decoded operations → readable plain text: what a person would see on the paper, in a text file.
// Scaled text keeps its characters but is aligned by the room it takes on paper.
import type { Align } from './commands.ts';
import { charColumns, columns } from './columns.ts';
import type { EscPosOp } from './decode.ts';

/** Scaled text spelled out with the room each character takes: "A012" at 4x → "A   0   1   2". */
function spaced(text: string, scale: number): string {
  if (scale <= 1) return text;
  return [...text].map((ch) => ch + ' '.repeat(charColumns(ch) * (scale - 1))).join('');
}

function place(text: string, used: number, align: Align, width: number): string {
  const room = Math.max(0, width - used);
  const left = align === 'center' ? Math.floor(room / 2) : align === 'right' ? room : 0;
  return (' '.repeat(left) + text).trimEnd();
}

export function opsToText(ops: EscPosOp[], width: number): string {
  const out: string[] = [];
  let align: Align = 'left';
  let scale = 1;
  let line = '';
  let used = 0;
  let lineAlign: Align = 'left';
  const flush = () => {
    out.push(place(line.trimEnd(), columns(line.trimEnd()), lineAlign, width));
    line = '';
    used = 0;
  };
  for (const o of ops) {
    switch (o.op) {
      case 'init':
        align = 'left';
        scale = 1;
        break;
      case 'text':
        if (!line) lineAlign = align; // ESC a only takes effect at the start of a line
        line += spaced(o.text, scale);
        used += columns(o.text) * scale;
        break;
      case 'newline':
        flush();
        break;
      case 'align':
        align = o.align;
        break;
      case 'size':
        scale = o.width;
        break;
      case 'feed':
        if (line) flush();
        for (let n = 0; n < o.lines; n++) out.push('');
        break;
      case 'qr': {
        if (line) flush();
        const label = `[QR ${o.data}]`;
        out.push(place(label, columns(label), align, width));
        break;
      }
      case 'cut':
        if (line) flush();
        out.push('='.repeat(Math.max(0, width - 5)) + ' cut ');
        break;
      default:
        break; // bold and status queries leave no trace in plain text
    }
  }
  if (line) flush();
  return out.join('\n') + '\n';
}

/** The text printed at the largest size in a job: on a ticket, its number. */
export function largestText(ops: EscPosOp[]): string {
  let scale = 1;
  let best = 0;
  let text = '';
  for (const o of ops) {
    if (o.op === 'init') scale = 1;
    else if (o.op === 'size') scale = o.width * o.height;
    else if (o.op === 'text' && scale > best) {
      best = scale;
      text = o.text;
    } else if (o.op === 'text' && scale === best) text += o.text;
  }
  return text;
}
