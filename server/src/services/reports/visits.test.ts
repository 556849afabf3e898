import { describe, expect, it } from 'vitest';
import type { LogEntry } from './types.ts';
import { foldVisits, serviceSec, waitSec } from './visits.ts';
import { foldWindowTime } from './window-time.ts';

const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const m = (min: number) => T0 + min * 60_000;
let seq = 0;
const e = (min: number, type: string, ticketId: string | null, windowId: string | null, data: Record<string, unknown> = {}): LogEntry =>
  ({ seq: ++seq, at: m(min), type, ticketId, windowId, data });
const issued = (min: number, id: string, serviceId: string, appointmentAt: number | null = null) =>
  e(min, 'ticket.issued', id, null, { ticket: { id, number: `A${id}`, priority: 'normal', issuedAt: m(min), appointmentAt, steps: [{ serviceId }] } });

describe('foldVisits: the log read again as matters', () => {
  it('measures a wait from joining the queue to the first call, and service from start to finish', () => {
    // Given a ticket issued at 09:00, called at 09:10, started 09:11, finished 09:20
    const v = foldVisits([issued(0, '1', 'biz'), e(10, 'ticket.called', '1', 'W01', { clerkId: 'c1' }), e(11, 'ticket.started', '1', 'W01'),
      e(20, 'ticket.finished', '1', 'W01', { outcome: 'incomplete', nextServiceId: null })]);
    // Then one matter, 600 s waited, 540 s served, 一次性告知
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ serviceId: 'biz', windowId: 'W01', clerkId: 'c1', end: 'done', outcome: 'incomplete' });
    expect(waitSec(v[0])).toBe(600);
    expect(serviceSec(v[0])).toBe(540);
  });

  it('waits a booked first matter from its slot, and a transfer\'s new matter from the transfer', () => {
    const v = foldVisits([issued(0, '2', 'prop', m(30)), e(35, 'ticket.called', '2', 'W04', { clerkId: 'c2' }),
      e(40, 'ticket.transferred', '2', 'W04', { toServiceId: 'pickup' }), e(52, 'ticket.called', '2', 'W11', { clerkId: 'c3' }),
      e(53, 'ticket.no-show', '2', 'W11')]);
    expect(v.map((x) => [x.step, x.serviceId, x.end, waitSec(x)])).toEqual([[0, 'prop', 'transferred', 300], [1, 'pickup', 'no-show', 720]]);
  });

  it('keeps the first call of a matter resumed from hold, records why a ticket expired, and honours flags', () => {
    const v = foldVisits([issued(0, '3', 'biz'), e(5, 'ticket.called', '3', 'W01', { clerkId: 'c1' }), e(6, 'ticket.held', '3', 'W01'),
      e(30, 'ticket.called', '3', 'W01', { clerkId: 'c1' }), e(31, 'ticket.finished', '3', 'W01', { outcome: 'done', nextServiceId: 'pickup' }),
      e(32, 'ticket.flagged', '3', 'W01', { stepIndex: 0 }), e(600, 'ticket.expired', '3', null, { reason: 'unserved at the daily reset' })]);
    expect(v[0]).toMatchObject({ calledAt: m(5), flagged: true, end: 'done' });
    expect(v[1]).toMatchObject({ serviceId: 'pickup', end: 'expired', reason: 'unserved at the daily reset', calledAt: null });
  });
});

describe('foldWindowTime: a staffed window is serving, paused or idle', () => {
  it('cuts the time at every change and stops at the given bound', () => {
    const log = [
      e(0, 'window.signed-in', null, 'W01', { clerkId: 'c1' }), issued(1, '4', 'biz'),
      e(2, 'ticket.called', '4', 'W01', { clerkId: 'c1' }), e(12, 'ticket.finished', '4', 'W01', { outcome: 'done' }),
      e(20, 'window.paused', null, 'W01', { reason: 'break' }), e(30, 'window.resumed', null, 'W01'),
      e(40, 'window.signed-out', null, 'W01', { clerkId: 'c1' }), e(50, 'window.signed-in', null, 'W01', { clerkId: 'c2' }),
    ];
    const segs = foldWindowTime(log, m(0), m(55));
    const sum = (clerk: string, kind: string) => segs.filter((s) => s.clerkId === clerk && s.kind === kind).reduce((a, s) => a + s.to - s.from, 0) / 60_000;
    expect([sum('c1', 'idle'), sum('c1', 'serving'), sum('c1', 'paused')]).toEqual([20, 10, 10]);
    expect(sum('c2', 'idle')).toBe(5);
  });
});
