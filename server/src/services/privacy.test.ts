import { describe, expect, it } from 'vitest';
import { maskContact } from './privacy.ts';

describe('masking a visitor\'s contact', () => {
  it('keeps the first three and last four digits of a mobile number, and stars what is short', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('1234')).toBe('****');
    expect(maskContact('021-1234567')).toBe('021****4567');
    expect(maskContact(null)).toBeNull();
  });
});
