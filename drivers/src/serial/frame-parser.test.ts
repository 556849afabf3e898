import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/serial/manual-timers.ts';
import { checksum, COMMANDS, encodeFrame, ETX, isValidAddress, MAX_FRAME, MAX_PAYLOAD, STX, type Frame } from './frame.ts';
import { FrameParser, type FrameParserOptions } from './frame-parser.ts';

const H1 = encodeFrame(1, 'H');
const R7 = encodeFrame(7, 'R', Buffer.of(4));
const K41 = encodeFrame(41, 'K', Buffer.of(2)); // payload 0x02 looks like STX
const bytes = (...parts: Array<Uint8Array | number[]>) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const tick = () => new Promise((r) => setImmediate(r));

/** Feeds chunks one write at a time and collects the frames that come out. */
async function feed(chunks: Array<Uint8Array | number[]>, options: FrameParserOptions = { stallTimeoutMs: 0 }) {
  const parser = new FrameParser(options);
  const frames: Frame[] = [];
  parser.on('data', (f: Frame) => frames.push(f));
  for (const chunk of chunks) {
    parser.write(Buffer.from(chunk));
    expect(parser.bufferedBytes).toBeLessThan(MAX_FRAME);
  }
  await tick();
  return { parser, frames, summary: frames.map((f) => `${f.addr}${f.cmd}${[...f.payload].join(',')}`) };
}

describe('FrameParser', () => {
  it('emits a whole frame as {addr, cmd, payload}', async () => {
    const { frames } = await feed([R7]);
    expect(frames).toEqual([{ addr: 7, cmd: 'R', payload: Buffer.of(4) }]);
  });

  it('reassembles a frame that arrives one byte per read', async () => {
    const screen = encodeFrame(21, 'S', Buffer.from([0xc7, 0xeb, 0x02, 0x03, 0xb5, 0xbd]));
    const { summary, parser } = await feed([...screen].map((b) => [b]));
    expect(summary).toEqual(['21S199,235,2,3,181,189']);
    expect(parser.junkBytes).toBe(0);
  });

  it('splits several frames merged in one read, payload bytes 0x02/0x03 included', async () => {
    const { summary } = await feed([bytes(H1, K41, R7, encodeFrame(21, 'B', Buffer.of(3)))]);
    expect(summary).toEqual(['1H', '41K2', '7R4', '21B3']);
  });

  it('skips junk before and between frames, and counts it', async () => {
    const { summary, parser } = await feed([bytes([0xff, 0x00, 0x41], H1, [0x55, 0x03], R7)]);
    expect(summary).toEqual(['1H', '7R4']);
    expect(parser.junkBytes).toBe(5);
  });

  it('drops a frame with a wrong checksum, whole, and keeps the next', async () => {
    const bad = Buffer.from(encodeFrame(7, 'R', Buffer.of(2)));
    bad[5] ^= 0x10;
    const { summary, parser } = await feed([bytes(bad, H1)]);
    expect(summary).toEqual(['1H']);
    // The payload byte 0x02 was not mistaken for a new frame.
    expect(parser.dropped).toMatchObject({ checksum: 1, 'unknown-command': 0, 'bad-address': 0 });
  });

  it('drops a frame without its ETX and resynchronises on the next STX', async () => {
    const noEtx = Buffer.from(R7);
    noEtx[noEtx.length - 1] = 0x00;
    const { summary, parser } = await feed([bytes(noEtx, H1)]);
    expect(summary).toEqual(['1H']);
    expect(parser.dropped['missing-etx']).toBe(1);
  });

  it('recovers a frame that starts inside a torn one', async () => {
    // A device reset mid-frame: STX ADDR CMD LEN and nothing more, then a heartbeat.
    const { summary, parser } = await feed([[STX, 7, 0x52, 1], H1]);
    expect(summary).toEqual(['1H']);
    expect(parser.dropped['missing-etx']).toBe(1);
  });

  it('drops a length over 200 at once, without waiting for 200 bytes', async () => {
    const { summary, parser } = await feed([bytes([STX, 21, 0x53, MAX_PAYLOAD + 1, 0x41, 0x42]), H1]);
    expect(summary).toEqual(['1H']);
    expect(parser.dropped.length).toBe(1);
  });

  it('drops unknown commands and addresses outside 1-247', async () => {
    const x = bytes([STX, 1, 0x58, 0], [1 ^ 0x58], [ETX]);
    const zero = bytes([STX, 0, 0x48, 0, 0x48, ETX]);
    const high = bytes([STX, 248, 0x48, 0, 248 ^ 0x48, ETX]);
    const { summary, parser } = await feed([bytes(x, zero, high, R7)]);
    expect(summary).toEqual(['7R4']);
    expect(parser.dropped).toMatchObject({ 'unknown-command': 1, 'bad-address': 2 });
  });

  it('parses the largest frame, 200 bytes of payload', async () => {
    const big = encodeFrame(3, 'S', Buffer.alloc(200, 0x02));
    const { frames } = await feed([big.subarray(0, 100), big.subarray(100)]);
    expect(frames).toHaveLength(1);
    expect(frames[0].payload).toEqual(Buffer.alloc(200, 0x02));
  });

  it('gives up on a frame whose bytes stop coming, and finds the frames behind it', async () => {
    const timers = new ManualTimers();
    // LEN 200 would otherwise swallow the next 200 bytes: both heartbeats would be lost.
    const { parser, frames } = await feed([[STX, 1, 0x53, 200, 0x41], H1, R7], { stallTimeoutMs: 500, timers });
    expect(frames).toEqual([]);
    timers.advance(499);
    expect(parser.bufferedBytes).toBeGreaterThan(0);
    timers.advance(1);
    await tick();
    expect(frames.map((f) => f.cmd)).toEqual(['H', 'R']);
    expect(parser.dropped.incomplete).toBe(1);
    expect(parser.bufferedBytes).toBe(0);
  });

  it('drops a started frame at the end of the stream', async () => {
    const { parser } = await feed([[STX, 1, 0x48]]);
    parser.end();
    await tick();
    expect(parser.dropped.incomplete).toBe(1);
  });
});

describe('FrameParser fuzz', () => {
  // A small seeded PRNG, so a failure can be replayed.
  const rng = (seed: number) => () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const junkByte = (r: () => number) => {
    const special = [STX, ETX, 0x48, 0x52, 0x4b, 0x53, 0x00, 0x01, 0xc8, 0xc9];
    return r() < 0.4 ? special[Math.floor(r() * special.length)] : Math.floor(r() * 256);
  };
  const chunked = (data: Buffer, r: () => number) => {
    const out: Buffer[] = [];
    for (let i = 0; i < data.length; ) {
      const n = 1 + Math.floor(r() * 40);
      out.push(data.subarray(i, i + n));
      i += n;
    }
    return out;
  };
  const valid = [H1, R7, K41, encodeFrame(21, 'S', Buffer.from([0xc7, 0xeb, 0x41, 0x30, 0x31, 0x32]))];

  it('never throws on random bytes, emits only well-formed frames, and parses the frames after', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const timers = new ManualTimers();
      const junk = Buffer.from(Array.from({ length: Math.floor(r() * 400) }, () => junkByte(r)));
      const { parser, frames } = await feed(chunked(junk, r), { stallTimeoutMs: 50, timers });
      for (const f of frames) {
        // Anything parsed out of junk must still be a frame the protocol allows.
        expect(isValidAddress(f.addr) && Object.hasOwn(COMMANDS, f.cmd) && f.payload.length <= MAX_PAYLOAD).toBe(true);
        const raw = encodeFrame(f.addr, f.cmd, f.payload);
        expect(raw[raw.length - 2]).toBe(checksum(raw, 1, raw.length - 2));
      }
      timers.advance(50); // the line goes quiet: whatever junk is left is stale
      const before = frames.length;
      for (const chunk of chunked(bytes(...valid), r)) parser.write(chunk);
      await tick();
      expect(frames.slice(before), `seed ${seed}`).toEqual(valid.map((v) => ({ addr: v[1], cmd: String.fromCharCode(v[2]), payload: v.subarray(4, -2) })));
    }
  });

  it('recovers from junk straight into frames, with no pause, within one frame length', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed * 7919);
      const junk = Array.from({ length: 1 + Math.floor(r() * 300) }, () => junkByte(r));
      const heartbeats = Array.from({ length: 40 }, () => H1); // 240 bytes > the longest frame
      const { frames } = await feed(chunked(bytes(junk, ...heartbeats), r));
      const beats = frames.filter((f) => f.addr === 1 && f.cmd === 'H').length;
      // Junk can at most swallow the heartbeats inside one claimed frame (206 bytes).
      expect(beats, `seed ${seed}`).toBeGreaterThanOrEqual(40 - Math.ceil(MAX_FRAME / H1.length));
    }
  });
});
