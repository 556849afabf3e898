import { describe, expect, it } from 'vitest';
import { sampleCard } from './sample.ts';
import { checkCharacter, decodeText, encodeText, FIELDS, isValidIdNumber, maskIdNumber, maskName, NATIONS, TEXT_BYTES } from './text.ts';

describe('the ID card\'s text block', () => {
  it('has the field widths of GA 467, 256 bytes in all', () => {
    expect(FIELDS.reduce((n, [, chars]) => n + chars * 2, 0)).toBe(TEXT_BYTES);
  });

  it('reads back what a card holds: UCS-2 LE, each field padded with spaces', () => {
    const card = sampleCard({ name: '欧阳娜娜', sex: '2', nation: '03', validTo: '长期' });
    const block = encodeText(card);
    expect(block.length).toBe(256);
    // The name field as the card stores it: 欧 = U+6B27 → 27 6B, then padding 20 00.
    expect(block.subarray(0, 2).toString('hex')).toBe('276b');
    expect(block.subarray(8, 10).toString('hex')).toBe('2000');
    expect(decodeText(block)).toEqual(card);
  });

  it('refuses a block of the wrong size', () => {
    expect(() => decodeText(Buffer.alloc(255))).toThrow(/256/);
  });

  it('knows the nations of GB 3304', () => {
    expect(NATIONS['01']).toBe('汉');
    expect(NATIONS['56']).toBe('基诺');
    expect(Object.keys(NATIONS)).toHaveLength(58);
  });
});

describe('ID numbers (GB 11643)', () => {
  it('computes the check character, X included', () => {
    // ISO 7064 MOD 11-2 worked by hand: Σ(aᵢ·wᵢ) = 167 for 11010519491231002, 167 mod 11 = 2 → X.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check character, a date that does not exist, and other shapes', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    const feb30 = `1101051990023012${'3'}`;
    expect(isValidIdNumber(`${feb30}${checkCharacter(feb30)}`)).toBe(false);
    expect(isValidIdNumber('12345')).toBe(false);
    expect(isValidIdNumber(sampleCard().idNumber)).toBe(true);
  });

  it('masks a number to its first three and last four characters, a name to its ends', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('李');
  });
});
