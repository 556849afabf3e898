import { describe, expect, it } from 'vitest';
import { bookingCode } from '@onewindow/protocol';
import { emptyEntry, focus, formatPhone, key, problem, ready, switchMode, type CheckInEntry } from './checkin.ts';

const type = (e: CheckInEntry, keys: string) => [...keys].reduce((x, k) => key(x, k === '<' ? { kind: 'back' } : { kind: 'char', char: k }), e);

describe('checking in by code', () => {
  const code = bookingCode([4, 8, 2, 9, 1, 3, 0, 5, 7]);

  it('takes ten digits, one key each, and is ready when the check digit holds', () => {
    // Given the code screen, When the visitor types the ten digits
    const e = type(emptyEntry(), code);
    // Then ten presses gave the code, and it may be sent
    expect(e.code).toBe(code);
    expect(problem(e)).toBeNull();
    expect(ready(e)).toBe(true);
  });

  it('says at once when the check digit shows a typo, and will not send it', () => {
    const typo = code.slice(0, 9) + String((Number(code[9]) + 1) % 10);
    const e = type(emptyEntry(), typo);
    expect(problem(e)).toBe('mistyped');
    expect(ready(e)).toBe(false);
    expect(ready(type(e, `<${code[9]}`))).toBe(true);
  });

  it('waits for all ten digits, and still takes the old letter codes', () => {
    expect(ready(type(emptyEntry(), '482913'))).toBe(false);
    expect(ready(type(emptyEntry(), 'F3WE65V7'))).toBe(true);
  });
});

describe('checking in by phone and the last four digits', () => {
  it('moves from the phone number to the digits by itself, and back with delete', () => {
    // Given the phone screen
    let e = emptyEntry('phone');
    // When eleven digits are typed, Then the next keys go to the code's digits
    e = type(e, '13812345678');
    expect(e).toMatchObject({ phone: '13812345678', field: 'suffix' });
    e = type(e, '05769');
    expect(e.suffix).toBe('0576'); // four at most
    expect(ready(e)).toBe(true);
    // Deleting past the first digit goes back into the phone number
    e = type(e, '<<<<<');
    expect(e).toMatchObject({ suffix: '', field: 'phone', phone: '1381234567' });
  });

  it('refuses a number that is not a mainland mobile', () => {
    const e = type(emptyEntry('phone'), '23812345678');
    expect(problem(e)).toBe('badPhone');
    expect(ready(type(e, '0576'))).toBe(false);
  });

  it('keeps what was typed when switching between the two ways', () => {
    let e = type(emptyEntry('phone'), '13812345678');
    e = switchMode(e, 'code');
    expect(e.field).toBe('code');
    e = switchMode(e, 'phone');
    expect(e).toMatchObject({ field: 'suffix', phone: '13812345678' });
    expect(focus(e, 'phone').field).toBe('phone');
  });

  it('reads phone numbers in groups', () => {
    expect(formatPhone('13812345678')).toBe('138 1234 5678');
    expect(formatPhone('1381')).toBe('138 1');
  });
});
