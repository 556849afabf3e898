import { describe, expect, it } from 'vitest';
import { bookingErrorKey, cleanCode, cleanPhone, dayLabel, daysBetween, hallTime, isMobile, isName, slotGroups, slotLabel, weekdayOf, whenLabel } from './booking.ts';

describe('booking form rules', () => {
  it('accepts 11-digit mainland mobiles as people type them', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('138 1234 5678')).toBe(true);
    expect(isMobile('+86 138-1234-5678')).toBe(true);
    expect(cleanPhone('+86 138-1234-5678')).toBe('13812345678');
    expect(isMobile('1381234567')).toBe(false);
    expect(isMobile('23812345678')).toBe(false);
    expect(isMobile('12812345678')).toBe(false);
    expect(isMobile('010-12345678')).toBe(false);
  });

  it('wants a name and a clean code', () => {
    expect(isName('  ')).toBe(false);
    expect(isName('王小明')).toBe(true);
    expect(isName('x'.repeat(33))).toBe(false);
    expect(cleanCode(' ab-cd 23ef ')).toBe('ABCD23EF');
  });

  it('names errors it can explain and falls back for the rest', () => {
    expect(bookingErrorKey('SLOT_FULL')).toBe('SLOT_FULL');
    expect(bookingErrorKey('HTTP_502')).toBe('NETWORK');
    expect(bookingErrorKey('WHATEVER')).toBe('GENERIC');
  });
});

describe('days and times as the page shows them', () => {
  it('reads the hall\'s time straight from the API\'s ISO form', () => {
    expect(hallTime('2026-11-23T10:30:00.000+08:00')).toBe('10:30');
    expect(slotLabel({ start: '2026-11-23T10:30:00.000+08:00', end: '2026-11-23T11:00:00.000+08:00' })).toBe('10:30–11:00');
  });

  it('labels days relative to today, across months', () => {
    expect(daysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(weekdayOf('2026-12-01')).toBe('tue');
    expect(dayLabel({ date: '2026-11-23', weekday: 'mon' }, '2026-11-23', 'zh-CN')).toEqual({ top: '今天', bottom: '11月23日' });
    expect(dayLabel({ date: '2026-11-24', weekday: 'tue' }, '2026-11-23', 'en')).toEqual({ top: 'Tomorrow', bottom: '24 Nov' });
    expect(dayLabel({ date: '2026-11-27', weekday: 'fri' }, '2026-11-23', 'zh-CN')).toEqual({ top: '周五', bottom: '11月27日' });
    expect(whenLabel('2026-11-24', 'tue', { start: '2026-11-24T09:00:00.000+08:00', end: '2026-11-24T09:30:00.000+08:00' }, 'zh-CN')).toBe('11月24日（周二）09:00–09:30');
  });

  it('splits slots into morning and afternoon', () => {
    const at = (t: string) => ({ start: `2026-11-23T${t}:00.000+08:00`, end: '', capacity: 3, booked: 0, free: 3 });
    expect(slotGroups([at('11:30'), at('13:30')]).map((g) => [g.key, g.slots.length])).toEqual([['morning', 1], ['afternoon', 1]]);
    expect(slotGroups([at('14:00')]).map((g) => g.key)).toEqual(['afternoon']);
  });
});
