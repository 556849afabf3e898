import { describe, expect, it } from 'vitest';
import { clockDuration, hhmm, hhmmss, minutes, waitLevel } from './format.ts';

describe('durations and times as a clerk reads them', () => {
  it('writes clock durations', () => {
    expect(clockDuration(0)).toBe('0:00');
    expect(clockDuration(65)).toBe('1:05');
    expect(clockDuration(3725)).toBe('1:02:05');
    expect(clockDuration(null)).toBe('—');
    expect(clockDuration(-3)).toBe('0:00');
  });

  it('rounds longer waits to minutes, in both languages', () => {
    expect(minutes(29, 'zh-CN')).toBe('0 分');
    expect(minutes(12 * 60 + 20, 'zh-CN')).toBe('12 分');
    expect(minutes(65 * 60, 'zh-CN')).toBe('1 小时 5 分');
    expect(minutes(120 * 60, 'en')).toBe('2 h');
    expect(minutes(61 * 60, 'en')).toBe('1 h 1 min');
  });

  it('reads the hall\'s wall clock from its ISO instants', () => {
    expect(hhmm('2026-11-23T09:14:03.120+08:00')).toBe('09:14');
    expect(hhmmss('2026-11-23T09:14:03.120+08:00')).toBe('09:14:03');
    expect(hhmm(null)).toBe('—');
  });

  it('grades a wait against its target', () => {
    expect(waitLevel(100, 1200)).toBe('ok');
    expect(waitLevel(1000, 1200)).toBe('near');
    expect(waitLevel(1300, 1200)).toBe('over');
    expect(waitLevel(99999, 0)).toBe('ok');
  });
});
