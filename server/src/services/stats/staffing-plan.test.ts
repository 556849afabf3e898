import { describe, expect, it } from 'vitest';
import { planStaffing, type StaffingInput } from './staffing-plan.ts';

const base: StaffingInput = {
  phase: 'today', hours: [9, 10, 11, 12], seen: new Map(), expected: new Map([[9, 20], [10, 60], [11, 60], [12, 20]]),
  currentHour: 9, serviceSec: 300, mattersPerTicket: 1, targetSec: 120, openNow: 3, totalWindows: 12,
};

describe('planStaffing', () => {
  it('advises opening windows by the hour the expected peak needs them', () => {
    // Given 60 visitors an hour from 10:00 (5 Erlangs: seven windows keep the mean wait under 120 s) and three open
    const p = planStaffing({ ...base, seen: new Map([[9, 18]]) });
    expect(p.hours.map((h) => [h.label, h.when, h.windowsNeeded])).toEqual([['09:00', 'now', 3], ['10:00', 'future', 7], ['11:00', 'future', 7], ['12:00', 'future', 3]]);
    expect(p.advice).toMatchObject({ kind: 'open-more', extra: 4, byHour: 10, zh: '10:00 前再开 4 个窗口', en: 'Open 4 more windows by 10:00' });
  });

  it('scales the hours ahead by how today runs against history, and says "now" when the current hour is short', () => {
    // Given 10:00 has seen 40 against 20 expected at 09:00 (trend ×2) and one window open
    const p = planStaffing({ ...base, currentHour: 10, seen: new Map([[9, 40], [10, 30]]), openNow: 1 });
    expect(p.trend).toBe(2);
    expect(p.hours[1]).toMatchObject({ when: 'now', forecast: 120 });
    expect(p.advice.zh).toMatch(/^现在再开 \d+ 个窗口$/);
    expect(p.advice.kind).toBe('open-more');
  });

  it('says enough when the open windows cover the rest of the day, and gives no advice for another day', () => {
    expect(planStaffing({ ...base, openNow: 8 }).advice).toMatchObject({ kind: 'enough', extra: 0 });
    expect(planStaffing({ ...base, phase: 'future', currentHour: null, openNow: null }).advice.kind).toBe('none');
    const past = planStaffing({ ...base, phase: 'past', currentHour: null, openNow: null, seen: new Map([[10, 6]]) });
    expect(past.hours.map((h) => h.forecast)).toEqual([0, 6, 0, 0]);
  });

  it('plans from today\'s pace when there is no history', () => {
    const p = planStaffing({ ...base, expected: null, currentHour: 11, seen: new Map([[9, 30], [10, 30]]) });
    expect(p.hours.map((h) => h.forecast)).toEqual([30, 30, 30, 30]);
  });
});
