import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysAfter } from './working-days.ts';

const TZ = 'Asia/Shanghai';
const at = (d: string, hh: number, mm = 0) => Date.parse(`${d}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
const weekdays = { timezone: TZ, hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] }], holidays: ['2026-12-01'] };

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-11-27', weekdays)).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28', weekdays)).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-01', weekdays)).toBe(false); // a holiday
  });

  it('puts a Friday afternoon review\'s call-back on Monday afternoon', () => {
    expect(workingDaysAfter(at('2026-11-27', 15, 30), 1, weekdays)).toBe(at('2026-11-30', 15, 30));
  });

  it('counts Saturday in a hall that opens on Saturdays', () => {
    const withSat = { ...weekdays, hours: [...weekdays.hours, { days: ['sat'] }] };
    expect(workingDaysAfter(at('2026-11-27', 15, 30), 1, withSat)).toBe(at('2026-11-28', 15, 30));
  });

  it('counts fifteen working days over weekends and a holiday', () => {
    // Monday 23 Nov + 15 working days: 24–27 (4), 30 (5), 1 Dec is a holiday, 2–4 (8), 7–11 (13), 14–15 (15)
    expect(workingDaysAfter(at('2026-11-23', 10), 15, weekdays)).toBe(at('2026-12-15', 10));
  });

  it('gives up on a calendar without working days', () => {
    expect(workingDaysAfter(at('2026-11-23', 10), 1, { timezone: TZ, hours: [] })).toBeNull();
  });
});
