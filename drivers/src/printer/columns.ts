// Column arithmetic for a thermal printer in Chinese mode: a character that takes more than one
// byte in GB18030 prints as a full-width 24-dot glyph (2 columns), ASCII as half width (1 column).
// Deciding by the encoded length rather than by Unicode ranges matches what the printer does with
// characters such as '·' or '—', which are double-byte in GB18030 and so print full width.
import iconv from 'iconv-lite';

// iconv-lite reads and builds its GB18030 tables at first use, about 60 ms with the event loop
// blocked: done as the printer code loads at start-up, not while a kiosk waits for its first ticket.
iconv.encode('', 'gb18030');

/** Each character's width, once encoded: every ticket lays out the same few hundred characters. */
const widths = new Map<string, number>();

export function charColumns(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return cp < 0x20 ? 0 : 1;
  let w = widths.get(ch);
  if (w === undefined) {
    w = iconv.encode(ch, 'gb18030').length > 1 ? 2 : 1;
    if (widths.size < 50_000) widths.set(ch, w);
  }
  return w;
}

export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/** Chinese typesetting never starts a line with these: they take the last character down with them. */
const NO_LINE_START = new Set([...'，。、；：！？）】」』》〉”’,.;:!?)]}%']);

/**
 * Breaks text into lines of at most `width` columns; ASCII words are kept whole when they fit,
 * closing punctuation never starts a line.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    // Tokens: a run of ASCII non-space characters, a space, or a single other character.
    for (const token of paragraph.match(/[\x21-\x7e]+|\s|[^\s\x21-\x7e]/gu) ?? []) {
      const w = columns(token);
      if (used + w > width && used > 0) {
        if (token.trim() === '') {
          lines.push(line.trimEnd());
          line = '';
          used = 0;
          continue;
        }
        const chars = [...line];
        const carry = NO_LINE_START.has(token) && chars.length > 1 ? (chars.pop() ?? '') : '';
        lines.push(chars.join('').trimEnd());
        line = carry;
        used = columns(carry);
      }
      if (w > width) {
        // A word longer than the line (a URL) is cut wherever the line ends.
        for (const ch of token) {
          if (used + charColumns(ch) > width) {
            lines.push(line);
            line = '';
            used = 0;
          }
          line += ch;
          used += charColumns(ch);
        }
        continue;
      }
      line += token;
      used += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Pads `left` and `right` apart so together they fill exactly `width` columns (one line). */
export function spread(left: string, right: string, width: number): string | null {
  const gap = width - columns(left) - columns(right);
  return gap >= 1 ? left + ' '.repeat(gap) + right : null;
}

/**
 * `label` then the items separated by `sep`, wrapped so that no item is split while it fits on a
 * line; continuation lines are indented under the first item.
 */
export function wrapItems(label: string, items: string[], sep: string, width: number): string[] {
  const indent = ' '.repeat(Math.min(columns(label), Math.floor(width / 2)));
  const lines: string[] = [];
  let line = label;
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? sep : '');
    if (columns(line) + columns(piece) > width && line.trim() !== label.trim() && line !== indent) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += piece;
  });
  lines.push(line.trimEnd());
  // An item longer than a whole line still has to be cut somewhere.
  return lines.flatMap((l) => (columns(l) > width ? wrap(l, width) : [l]));
}
