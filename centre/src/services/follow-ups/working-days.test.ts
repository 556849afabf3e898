import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysAfter, type WorkCalendar } from './working-days.ts';

const cal: WorkCalendar = { timezone: 'Asia/Shanghai', workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2027-01-01'], workdays: ['2027-01-09'] };
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('working days of a province', () => {
  it('skips weekends and holidays and counts make-up Saturdays', () => {
    expect(isWorkingDay('2026-11-28', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-01', cal)).toBe(false); // a Friday holiday
    expect(isWorkingDay('2027-01-09', cal)).toBe(true); // 调休 Saturday
  });
  it('puts a deadline at the same local time, n working days on', () => {
    expect(workingDaysAfter(at('2026-11-27T16:30:00'), 1, cal)).toBe(at('2026-11-30T16:30:00')); // Friday → Monday
    expect(workingDaysAfter(at('2026-12-31T10:00:00'), 1, cal)).toBe(at('2027-01-04T10:00:00')); // over New Year
    expect(workingDaysAfter(at('2027-01-08T10:00:00'), 1, cal)).toBe(at('2027-01-09T10:00:00')); // the make-up Saturday
    expect(workingDaysAfter(at('2026-11-23T23:30:00'), 1, cal)).toBe(at('2026-11-24T23:30:00')); // late evening stays on its local date
  });
});
