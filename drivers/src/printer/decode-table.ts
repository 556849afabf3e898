// How long each ESC/POS command is, so the decoder can skip the ones it does not interpret without
// reading their parameters as text. Lengths follow the Epson ESC/POS reference.
import { DLE, ESC, FS, GS } from './commands.ts';

const NEED_MORE = 0;
const c = (ch: string) => ch.charCodeAt(0);

/** Parameter bytes after `ESC x` for fixed-length commands. */
const ESC_FIXED = new Map<number, number>(
  Object.entries({
    '@': 0, '2': 0, 'i': 0, 'm': 0, 'L': 0, 'S': 0, '<': 0,
    'a': 1, '!': 1, 'E': 1, '-': 1, 'd': 1, 'J': 1, 'K': 1, 'e': 1, 't': 1, 'M': 1, 'G': 1,
    '3': 1, 'R': 1, '{': 1, 'V': 1, ' ': 1, '=': 1, 'r': 1, 'U': 1, '%': 1, 'T': 1, '?': 1,
    '$': 2, '\\': 2, 'c': 2, 'p': 3, 'W': 8,
  }).map(([k, v]) => [c(k), v]),
);

/** Parameter bytes after `GS x` for fixed-length commands. */
const GS_FIXED = new Map<number, number>(
  Object.entries({
    ':': 0, '!': 1, 'B': 1, 'H': 1, 'h': 1, 'w': 1, 'f': 1, 'r': 1, 'a': 1, 'b': 1, '/': 1,
    'I': 1, 'E': 1, 'T': 1, 'Z': 1, 'L': 2, 'W': 2, 'P': 2, '\\': 2, '$': 2, '^': 3,
  }).map(([k, v]) => [c(k), v]),
);

const FS_FIXED = new Map<number, number>(
  Object.entries({ '&': 0, '.': 0, '!': 1, '-': 1, 'C': 1, 'W': 1, 'p': 2, 'S': 2 }).map(([k, v]) => [c(k), v]),
);

const u16 = (b: Buffer, i: number) => b[i] | (b[i + 1] << 8);

/** Index just past the first NUL at or after `from`, or NEED_MORE. */
function untilNul(b: Buffer, from: number, start: number): number {
  const end = b.indexOf(0, from);
  return end < 0 ? NEED_MORE : end + 1 - start;
}

/**
 * Total length in bytes of the command starting at `b[i]` (a byte below 0x20), or 0 when the
 * buffer ends before the command does. Unknown `ESC x` / `GS x` / `FS x` count as two bytes: a
 * wrong guess prints a stray character, never stalls the stream.
 */
export function commandLength(b: Buffer, i: number): number {
  const lead = b[i];
  if (lead !== ESC && lead !== GS && lead !== FS && lead !== DLE) return 1;
  if (i + 1 >= b.length) return NEED_MORE;
  const x = b[i + 1];
  const have = b.length - i;
  const need = (n: number) => (have >= n ? n : NEED_MORE);
  if (lead === DLE) {
    if (x === 0x04 || x === 0x05) return need(3); // DLE EOT n, DLE ENQ n
    if (x === 0x14) return need(5); // DLE DC4 fn m t
    return 1; // a lone DLE is not a command: drop it alone
  }
  const fixed = (lead === ESC ? ESC_FIXED : lead === GS ? GS_FIXED : FS_FIXED).get(x);
  if (fixed !== undefined) return need(2 + fixed);
  if ((lead === GS || lead === FS) && x === c('(')) {
    // GS ( x pL pH … and FS ( x pL pH …: the length is always in pL pH.
    if (have < 5) return NEED_MORE;
    return need(5 + u16(b, i + 3));
  }
  if (lead === ESC) {
    if (x === c('*')) {
      if (have < 5) return NEED_MORE;
      const cols = u16(b, i + 3);
      return need(5 + (b[i + 2] >= 32 ? 3 * cols : cols));
    }
    if (x === c('D')) return untilNul(b, i + 2, i);
    if (x === c('Z')) return have < 7 ? NEED_MORE : need(7 + u16(b, i + 5));
  }
  if (lead === GS) {
    if (x === c('V')) {
      if (have < 3) return NEED_MORE;
      return need(b[i + 2] >= 65 ? 4 : 3);
    }
    if (x === c('k')) {
      if (have < 3) return NEED_MORE;
      if (b[i + 2] <= 6) return untilNul(b, i + 3, i);
      return have < 4 ? NEED_MORE : need(4 + b[i + 3]);
    }
    if (x === c('v')) {
      if (have < 8) return NEED_MORE;
      return need(8 + u16(b, i + 4) * u16(b, i + 6));
    }
    if (x === c('8')) {
      if (have < 7) return NEED_MORE;
      return need(7 + (b[i + 3] | (b[i + 4] << 8) | (b[i + 5] << 16)) + b[i + 6] * 2 ** 24);
    }
    if (x === c('*')) return have < 4 ? NEED_MORE : need(4 + b[i + 2] * b[i + 3] * 8);
  }
  return 2;
}
