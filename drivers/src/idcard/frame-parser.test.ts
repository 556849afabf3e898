import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/serial/manual-timers.ts';
import { encodeCommand, encodeFrame, encodeResponse, MAX_LEN, PREAMBLE, xor } from './frame.ts';
import { IdFrameParser, type IdFrameParserOptions } from './frame-parser.ts';

const tick = () => new Promise((r) => setImmediate(r));
const hex = (b: Buffer) => b.toString('hex');

async function feed(chunks: Uint8Array[], o: IdFrameParserOptions = { stallTimeoutMs: 0 }) {
  const parser = new IdFrameParser(o);
  const bodies: Buffer[] = [];
  parser.on('data', (b: Buffer) => bodies.push(b));
  for (const c of chunks) parser.write(Buffer.from(c));
  await tick();
  return { parser, bodies: bodies.map(hex) };
}

describe('GA 467 frames', () => {
  it('encodes the find command as readers expect it, byte for byte', () => {
    // The frame every reader's manual prints: AA AA AA 96 69 00 03 20 01 22.
    expect(hex(encodeCommand('find'))).toBe('aaaaaa9669000320012' + '2');
    expect(hex(encodeCommand('readBasic'))).toBe('aaaaaa96690003300132');
  });

  it('checks the XOR over length and body', () => {
    const f = encodeResponse(0x9f, Buffer.alloc(4));
    expect(hex(f)).toBe('aaaaaa9669000800009f0000000097');
    expect(xor(f, 5, f.length - 1)).toBe(f[f.length - 1]);
  });
});

describe('IdFrameParser', () => {
  const found = encodeResponse(0x9f, Buffer.alloc(4));
  const ok = encodeResponse(0x90, Buffer.from([1, 2, 3]));

  it('emits the body of a whole frame', async () => {
    expect((await feed([found])).bodies).toEqual(['00009f00000000']);
  });

  it('reassembles a frame that comes one byte per read', async () => {
    const { bodies, parser } = await feed([...ok].map((b) => Buffer.of(b)));
    expect(bodies).toEqual(['000090010203']);
    expect(parser.junkBytes).toBe(0);
  });

  it('splits several frames in one read and skips junk between them, counting it', async () => {
    const { bodies, parser } = await feed([Buffer.concat([Buffer.from([0x00, 0xaa, 0x13]), found, Buffer.from([0x55]), ok])]);
    expect(bodies).toEqual(['00009f00000000', '000090010203']);
    expect(parser.junkBytes).toBe(4);
  });

  it('keeps a trailing AA AA that may be the start of the next preamble', async () => {
    const { bodies } = await feed([Buffer.concat([Buffer.from([0x01]), found.subarray(0, 2)]), found.subarray(2)]);
    expect(bodies).toEqual(['00009f00000000']);
  });

  it('drops a frame with a wrong checksum and finds the next one', async () => {
    const bad = Buffer.from(found);
    bad[bad.length - 1] ^= 0x01;
    const { bodies, parser } = await feed([Buffer.concat([bad, ok])]);
    expect(bodies).toEqual(['000090010203']);
    expect(parser.dropped.checksum).toBe(1);
  });

  it('drops a length no reader sends and resynchronises on the next preamble', async () => {
    const huge = Buffer.concat([PREAMBLE, Buffer.from([0xff, 0xff, 0x00])]);
    const tiny = Buffer.concat([PREAMBLE, Buffer.from([0x00, 0x01, 0x01])]);
    const { bodies, parser } = await feed([Buffer.concat([huge, tiny, ok])]);
    expect(bodies).toEqual(['000090010203']);
    expect(parser.dropped.length).toBe(2);
    expect(MAX_LEN).toBeLessThan(0xffff);
  });

  it('a damaged length byte does not swallow the frame after it', async () => {
    const bad = Buffer.from(found);
    bad[6] = 0x40; // LEN now claims 64 bytes: the checksum cannot match once they have come
    const { bodies } = await feed([Buffer.concat([bad, ok, ok, ok, ok, ok, ok])]);
    expect(bodies.length).toBe(6);
    expect(new Set(bodies)).toEqual(new Set(['000090010203']));
  });

  it('drops a frame whose bytes stop coming, after the stall timeout', async () => {
    const timers = new ManualTimers();
    const parser = new IdFrameParser({ stallTimeoutMs: 100, timers });
    const bodies: Buffer[] = [];
    parser.on('data', (b: Buffer) => bodies.push(b));
    parser.write(ok.subarray(0, 8));
    timers.advance(150);
    parser.write(found);
    await tick();
    expect(bodies.map(hex)).toEqual(['00009f00000000']);
    expect(parser.dropped.incomplete).toBe(1);
  });

  it('carries a full basic read (1 288 bytes of length) whole', async () => {
    const body = Buffer.concat([Buffer.from([0x00, 0x00, 0x90]), Buffer.alloc(1284, 0x69)]);
    const frame = encodeFrame(body);
    expect(frame.readUInt16BE(5)).toBe(0x0508);
    const { bodies } = await feed([frame.subarray(0, 700), frame.subarray(700)]);
    expect(bodies).toEqual([hex(body)]);
  });

  it('never throws on random bytes and never holds more than one frame\'s worth', async () => {
    const parser = new IdFrameParser({ stallTimeoutMs: 0 });
    parser.on('data', () => {});
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 2000; i++) {
      const chunk = Buffer.from(Array.from({ length: 1 + (rnd() % 40) }, () => (rnd() % 5 === 0 ? 0xaa : rnd())));
      parser.write(chunk);
      expect(parser.bufferedBytes).toBeLessThanOrEqual(MAX_LEN + 7);
    }
    parser.write(ok);
    await tick();
  });
});
