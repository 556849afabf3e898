import { describe, expect, it } from 'vitest';
import { bookingCode, checksOut, dammDigit, formatBookingCode, mistyped } from './booking-code.ts';

describe('booking codes', () => {
  it('compute Damm\'s check digit (the published example: 572 → 4)', () => {
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
  });

  it('are nine random digits and a check digit', () => {
    const code = bookingCode([4, 8, 2, 9, 1, 3, 0, 5, 7]);
    expect(code).toMatch(/^\d{10}$/);
    expect(code.slice(0, 9)).toBe('482913057');
    expect(checksOut(code)).toBe(true);
    expect(() => bookingCode([1, 2, 3])).toThrow(RangeError);
    expect(() => bookingCode([1, 2, 3, 4, 5, 6, 7, 8, 10])).toThrow(RangeError);
  });

  it('catch every single wrong digit and every swap of neighbours', () => {
    const code = bookingCode([4, 8, 2, 9, 1, 3, 0, 5, 7]);
    for (let i = 0; i < code.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[i]) continue;
        const typo = code.slice(0, i) + d + code.slice(i + 1);
        expect(mistyped(typo), typo).toBe(true);
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(mistyped(swapped), swapped).toBe(true);
      }
    }
    expect(mistyped(code)).toBe(false);
    expect(mistyped(`${code}1`)).toBe(true); // one digit too many
  });

  it('leave short digit strings and the old letter codes to the lookup', () => {
    expect(mistyped('12345')).toBe(false);
    expect(mistyped('F3WE65V7')).toBe(false);
    expect(checksOut('F3WE65V7')).toBe(false);
  });

  it('read in groups of 3-3-4, the old codes as they were', () => {
    expect(formatBookingCode('4829130576')).toBe('482 913 0576');
    expect(formatBookingCode(' 482-913 0576 ')).toBe('482 913 0576');
    expect(formatBookingCode('4829')).toBe('482 9');
    expect(formatBookingCode('f3we65v7')).toBe('F3WE65V7');
  });
});
