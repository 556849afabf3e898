import { describe, expect, it } from 'vitest';
import { addDays, clockOf, dayClock, duration, hallDate, hours, percent } from './format.ts';

describe('console formats', () => {
  it('writes durations, shares and hours', () => {
    expect(duration(754)).toBe('12:34');
    expect(duration(3754.4)).toBe('1:02:34');
    expect(duration(0)).toBe('0:00');
    expect(duration(null)).toBe('—');
    expect(percent(0.85714)).toBe('85.7%');
    expect(percent(1, 0)).toBe('100%');
    expect(percent(null)).toBe('—');
    expect(hours(5400)).toBe('1.5');
  });

  it('reads the hall\'s clock from the server\'s ISO times', () => {
    expect(clockOf('2026-11-23T09:14:03.120+08:00')).toBe('09:14');
    expect(dayClock('2026-11-23T09:14:03.120+08:00')).toBe('11-23 09:14');
    expect(hallDate(Date.parse('2026-11-23T23:59:00.000+08:00'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
