import { describe, expect, it } from 'vitest';
import { hashWithoutPair, isPairCode, pairCodeFromHash } from './pairing.ts';

describe('pairing from the address', () => {
  it('validates a code: 4 to 16 digits', () => {
    expect(isPairCode('1234')).toBe(true);
    expect(isPairCode('1234567890123456')).toBe(true);
    expect(isPairCode('123')).toBe(false);
    expect(isPairCode('12345678901234567')).toBe(false);
    expect(isPairCode('12a4')).toBe(false);
    expect(isPairCode('')).toBe(false);
  });

  it('reads #pair=CODE, alone or among other parameters', () => {
    expect(pairCodeFromHash('#pair=123456')).toBe('123456');
    expect(pairCodeFromHash('#pair= 123456 ')).toBe('123456');
    expect(pairCodeFromHash('#x=1&pair=98765')).toBe('98765');
    expect(pairCodeFromHash('#pair=1234&debug=1')).toBe('1234');
    expect(pairCodeFromHash('pair=1234')).toBe('1234');
  });

  it('gives null without a valid code', () => {
    expect(pairCodeFromHash('')).toBeNull();
    expect(pairCodeFromHash('#')).toBeNull();
    expect(pairCodeFromHash('#pair=')).toBeNull();
    expect(pairCodeFromHash('#pair=abc')).toBeNull();
    expect(pairCodeFromHash('#pair=12')).toBeNull();
    expect(pairCodeFromHash('#debug=1')).toBeNull();
  });

  it('strips the code and keeps the rest of the hash', () => {
    expect(hashWithoutPair('#pair=123456')).toBe('');
    expect(hashWithoutPair('#pair=123456&debug=1')).toBe('#debug=1');
    expect(hashWithoutPair('#x=1&pair=1234')).toBe('#x=1');
    expect(hashWithoutPair('#debug=1')).toBe('#debug=1');
    expect(hashWithoutPair('')).toBe('');
  });
});
