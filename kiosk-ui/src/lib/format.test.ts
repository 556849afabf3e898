import { describe, expect, it } from 'vitest';
import { listNames, normaliseCode, spokenNumber, waitMinutes, waitWords } from './format.ts';

describe('format', () => {
  it('rounds waits to whole minutes, "soon" under half a minute', () => {
    expect([0, 30, 31, 89, 90, 540, Number.NaN].map(waitMinutes)).toEqual([0, 0, 1, 1, 2, 9, 0]);
  });

  it('tells the wait as a visitor can trust it: 暂无窗口办理, a range where the spread is wide, else one figure', () => {
    expect(waitWords({ estimatedWaitSec: 0, noWindow: true })).toEqual({ kind: 'no-window' });
    expect(waitWords({ estimatedWaitSec: 1200, estimatedWaitRange: { lowSec: 900, highSec: 1500 } })).toEqual({ kind: 'range', low: 15, high: 25 });
    // A range narrower than two minutes says one figure.
    expect(waitWords({ estimatedWaitSec: 540, estimatedWaitRange: { lowSec: 500, highSec: 580 } })).toEqual({ kind: 'about', n: 9 });
    expect(waitWords({ estimatedWaitSec: 540 })).toEqual({ kind: 'about', n: 9 });
    expect(waitWords({ estimatedWaitSec: 20 })).toEqual({ kind: 'soon' });
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
