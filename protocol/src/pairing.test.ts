import { describe, expect, it } from 'vitest';
import { hashWithoutPair, isPairCode, pairCodeFromHash, pairFromAddress, type PairingWindow } from './pairing.ts';

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

  it('pairs from the address at once and whenever it changes, taking the code out of it first', () => {
    // Given a page already open at /kiosk/ with a listener for the address
    const listeners: (() => void)[] = [];
    const w: PairingWindow & { url: () => string } = {
      location: { hash: '', pathname: '/kiosk/', search: '?lang=en' },
      history: { replaceState: (_d, _u, url) => { const [path, hash = ''] = (url ?? '').split('#'); w.location.hash = hash ? `#${hash}` : ''; void path; } },
      addEventListener: (_t, l) => listeners.push(l),
      removeEventListener: (_t, l) => listeners.splice(listeners.indexOf(l), 1),
      url: () => `${w.location.pathname}${w.location.search}${w.location.hash}`,
    };
    const paired: string[] = [];
    const stop = pairFromAddress(w, (code) => paired.push(`${code} at ${w.url()}`));
    expect(paired).toEqual([]);
    // When #pair=CODE is opened in that tab
    w.location.hash = '#pair=12345678&debug=1';
    listeners.forEach((l) => l());
    // Then it pairs, the code already gone from the address
    expect(paired).toEqual(['12345678 at /kiosk/?lang=en#debug=1']);
    // And a hash without a code does nothing; after stop, nothing more is heard
    w.location.hash = '#debug=2';
    listeners.forEach((l) => l());
    stop();
    expect(listeners).toEqual([]);
    expect(paired).toHaveLength(1);
  });
});
