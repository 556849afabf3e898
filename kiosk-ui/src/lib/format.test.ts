import { describe, expect, it } from 'vitest';
import { listNames, normaliseCode, spokenNumber, waitMinutes } from './format.ts';

describe('format', () => {
  it('rounds waits to whole minutes, "soon" under half a minute', () => {
    expect([0, 30, 31, 89, 90, 540, Number.NaN].map(waitMinutes)).toEqual([0, 0, 1, 1, 2, 9, 0]);
  });

  it('reads a number digit by digit', () => {
    expect(spokenNumber('A012', 'zh-CN')).toBe('A零一二');
    expect(spokenNumber('AB100', 'en')).toBe('A B 1 0 0');
  });

  it('lists names and cleans typed codes', () => {
    expect(listNames(['1号窗口', '2号窗口'], 'zh-CN')).toBe('1号窗口、2号窗口');
    expect(listNames(['Window 1', 'Window 2'], 'en')).toBe('Window 1, Window 2');
    expect(normaliseCode(' ab-12 c?')).toBe('AB12C');
    expect(normaliseCode('1234567890', 6)).toBe('123456');
  });
});
