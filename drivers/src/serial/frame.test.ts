import { describe, expect, it } from 'vitest';
import { asciiPayload, checksum, COMMANDS, directionOf, encodeFrame, MAX_FRAME } from './frame.ts';

describe('encodeFrame', () => {
  it('builds STX ADDR CMD LEN PAYLOAD CHK ETX with CHK the XOR of ADDR..payload', () => {
    // 0x01 ^ 0x48 ('H') ^ 0x00 = 0x49
    expect([...encodeFrame(1, 'H')]).toEqual([0x02, 0x01, 0x48, 0x00, 0x49, 0x03]);
    // 0x15 ^ 0x42 ('B') ^ 0x01 ^ 0x03 = 0x55
    expect([...encodeFrame(21, 'B', Buffer.of(3))]).toEqual([0x02, 0x15, 0x42, 0x01, 0x03, 0x55, 0x03]);
    const ask = encodeFrame(247, 'A', Buffer.from('A012'));
    expect(ask.subarray(0, 4)).toEqual(Buffer.from([0x02, 247, 0x41, 4]));
    expect(ask.subarray(4, 8).toString()).toBe('A012');
    expect(ask[8]).toBe(247 ^ 0x41 ^ 4 ^ 0x41 ^ 0x30 ^ 0x31 ^ 0x32);
    expect(ask[9]).toBe(0x03);
  });

  it('carries the largest payload, 200 bytes', () => {
    expect(encodeFrame(1, 'S', Buffer.alloc(200, 0xb0))).toHaveLength(MAX_FRAME);
  });

  it('refuses what the wire cannot carry', () => {
    expect(() => encodeFrame(0, 'H')).toThrow(RangeError);
    expect(() => encodeFrame(248, 'H')).toThrow(RangeError);
    expect(() => encodeFrame(1.5, 'H')).toThrow(RangeError);
    expect(() => encodeFrame(1, 'S', Buffer.alloc(201))).toThrow(/at most 200/);
    expect(() => encodeFrame(1, 'X' as never)).toThrow(/unknown serial command/);
    expect(() => encodeFrame(1, 'toString' as never)).toThrow(/unknown serial command/);
  });
});

describe('the command table', () => {
  it('has the nine commands of serial.md, with who sends them', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(['A', 'B', 'D', 'H', 'I', 'K', 'R', 'S', 'T']);
    expect(['H', 'R', 'K'].map((c) => directionOf(c as 'H'))).toEqual(['toHost', 'toHost', 'toHost']);
    expect(['A', 'T', 'I', 'S', 'B', 'D'].every((c) => directionOf(c as 'A') === 'toDevice')).toBe(true);
  });
});

describe('checksum and asciiPayload', () => {
  it('XORs a range', () => {
    expect(checksum(Buffer.from([0xff, 0x01, 0x02, 0x04, 0xff]), 1, 4)).toBe(0x07);
  });

  it('accepts printable ASCII only, so text cannot smuggle STX or ETX', () => {
    expect(asciiPayload('A012')).toEqual(Buffer.from('A012'));
    expect(() => asciiPayload('A\x03')).toThrow(RangeError);
    expect(() => asciiPayload('请')).toThrow(RangeError);
  });
});
