import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, EscPosDecoder, splitJobs } from './decode.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const gb = (s: string) => iconv.encode(s, 'gb18030');

// A hand-built stream, independent of layout.ts.
const stream = Buffer.concat([
  hex('1b 40'), // ESC @
  hex('1b 74 11'), // ESC t 17: code table, skipped
  hex('1b 61 01'), gb('大厅'), hex('0a'),
  hex('1d 21 11'), Buffer.from('B007'), hex('0a'),
  hex('1b 21 38'), // ESC ! : bold, double height and width
  hex('1d 76 30 00 01 00 02 00 0a 1b'), // GS v 0 raster 1x2 bytes: the 0a 1b inside are pixels
  hex('1d 28 4c 06 00 30 45 20 20 01 01'), // GS ( L graphics function: skipped by its length
  hex('10 04 02'), // DLE EOT 2
  hex('1d 28 6b 04 00 31 41 32 00 1d 28 6b 03 00 31 43 08 1d 28 6b 03 00 31 45 33'),
  hex('1d 28 6b 08 00 31 50 30'), Buffer.from('HELLO'), hex('1d 28 6b 03 00 31 51 30'),
  hex('1b 64 03'), hex('1d 56 42 05'),
  gb('第二张'), hex('1d 56 00'),
]);

describe('decode', () => {
  const ops = decode(stream);

  it('reads text, sizes, alignment, status queries, QR and cuts', () => {
    expect(ops).toEqual([
      { op: 'init' },
      { op: 'align', align: 'center' }, { op: 'text', text: '大厅' }, { op: 'newline' },
      { op: 'size', width: 2, height: 2 }, { op: 'text', text: 'B007' }, { op: 'newline' },
      { op: 'size', width: 2, height: 2 }, { op: 'bold', on: true },
      { op: 'status', n: 2 },
      { op: 'qr', model: 2, moduleSize: 8, ecc: 'H', data: 'HELLO' },
      { op: 'feed', lines: 3 }, { op: 'cut', partial: true },
      { op: 'text', text: '第二张' }, { op: 'cut', partial: false },
    ]);
  });

  it('gives the same operations however the bytes are chunked', () => {
    for (const size of [1, 2, 3, 7]) {
      const d = new EscPosDecoder();
      const got = [];
      for (let i = 0; i < stream.length; i += size) got.push(...d.push(stream.subarray(i, i + size)));
      got.push(...d.end());
      expect(got).toEqual(ops);
    }
  });

  it('answers a status query as soon as its three bytes are in', () => {
    const d = new EscPosDecoder();
    expect(d.push(hex('10 04'))).toEqual([]);
    expect(d.push(hex('04'))).toEqual([{ op: 'status', n: 4 }]);
  });

  it('skips unknown commands and drops an unfinished one at the end', () => {
    expect(decode(hex('1b 7f 41 42 1d 28 6b 10 00 31'))).toEqual([{ op: 'text', text: 'AB' }]);
    expect(decode(hex('1c 26 1c 2e 41'))).toEqual([{ op: 'text', text: 'A' }]);
  });

  it('splits jobs at cuts and leaves status queries out', () => {
    const jobs = splitJobs(ops);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]).toEqual([{ op: 'text', text: '第二张' }, { op: 'cut', partial: false }]);
    expect(jobs.flat().some((o) => o.op === 'status')).toBe(false);
  });
});
