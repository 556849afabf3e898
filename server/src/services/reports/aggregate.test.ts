import { describe, expect, it } from 'vitest';
import { aggregate, splitByHour, type AggregateOptions } from './aggregate.ts';
import { p90 } from './report-row.ts';
import type { DayFacts, Visit } from './types.ts';

const TZ = 'Asia/Shanghai';
const at = (hh: number, mm = 0) => Date.parse(`2026-11-23T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
const visit = (v: Partial<Visit>): Visit => ({
  ticketId: 't', number: 'A001', priority: 'normal', step: 0, serviceId: 'biz', issuedAt: at(9), queuedAt: at(9), waitFrom: at(9),
  calledAt: null, windowId: null, clerkId: null, startedAt: null, endedAt: null, end: null, outcome: null, reason: null, flagged: false, ...v,
});
const o: AggregateOptions = {
  timezone: TZ, targets: new Map([['biz', 1200]]),
  names: { service: (id) => `S-${id}`, window: (id) => `W-${id}`, clerk: (id) => `C-${id}`, serviceOrder: ['biz'], windowOrder: ['W01', 'W02'] },
};

describe('aggregate', () => {
  it('puts an issue in its hour, a wait in the hour of the call and an end in the hour it ended', () => {
    const day: DayFacts = {
      day: '2026-11-23', segments: [], ratings: [],
      visits: [visit({ issuedAt: at(9, 50), waitFrom: at(9, 50), calledAt: at(10, 10), windowId: 'W01', clerkId: 'c1', startedAt: at(10, 10), endedAt: at(11, 5), end: 'done', outcome: 'done' })],
    };
    const f = aggregate([day], o);
    expect(f.byHour.map((r) => [r.name, r.issued, r.called, r.served])).toEqual([['09:00', 1, 0, 0], ['10:00', 0, 1, 0], ['11:00', 0, 0, 1]]);
    expect(f.totals).toMatchObject({ issued: 1, called: 1, served: 1, waitMeanSec: 1200, withinTarget: 1, withinTargetShare: 1, serviceMeanSec: 3300 });
    expect(f.byWindow[0]).toMatchObject({ key: 'W01', name: 'W-W01', issued: null });
  });

  it('counts an expired matter that waited past its target as a miss, and keeps a clerk to their own figures', () => {
    const day: DayFacts = {
      day: '2026-11-23',
      visits: [visit({ endedAt: at(23), end: 'expired' }), visit({ ticketId: 'u', calledAt: at(9, 5), windowId: 'W02', clerkId: 'c2', endedAt: at(9, 6), end: 'no-show' })],
      segments: [{ windowId: 'W02', clerkId: 'c2', kind: 'idle', from: at(9, 30), to: at(10, 15) }, { windowId: 'W01', clerkId: 'c1', kind: 'idle', from: at(9), to: at(10) }],
      ratings: [{ ticketId: 'u', number: 'A002', serviceId: 'biz', windowId: 'W02', clerkId: 'c2', score: 4, reasons: [], at: at(9, 7) },
        { ticketId: 'x', number: 'A003', serviceId: 'biz', windowId: 'W01', clerkId: 'c1', score: 1, reasons: [], at: at(9, 8) }],
    };
    const all = aggregate([day], o);
    expect(all.totals).toMatchObject({ targetBase: 2, withinTarget: 1, withinTargetShare: 0.5, expired: 1, noShows: 1, rated: 2, satisfaction: 0.5, badReviews: 1, idleSec: 6300 });
    const own = aggregate([day], { ...o, clerkId: 'c2' });
    expect(own.totals).toMatchObject({ issued: null, called: 1, expired: 0, rated: 1, badReviews: 0, idleSec: 2700 });
    expect(own.byClerk.map((r) => r.key)).toEqual(['c2']);
    expect(own.byHour.map((r) => [r.name, r.idleSec])).toEqual([['09:00', 1800], ['10:00', 900]]);
  });

  it('splits time at local hours and takes the nearest-rank p90', () => {
    expect(splitByHour(at(9, 45), at(11, 15), TZ, '2026-11-23')).toEqual([[9, 15 * 60_000], [10, 60 * 60_000], [11, 15 * 60_000]]);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(p90([5])).toBe(5);
  });
});
