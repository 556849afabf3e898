import { describe, expect, it } from 'vitest';
import { serviceRows, waitingSince, wallTotals, windowRows } from './wall.ts';
import { at, service, ticket, windowView, T0 } from '../../test/fixtures.ts';

const now = Date.parse(T0) + 25 * 60_000;

describe('the wall', () => {
  it('ticks the longest wait from the waiting tickets and colours it against the target', () => {
    // Given biz (target 20 min) with a ticket waiting since 10:00, and tax (15 min) with one since 10:15, at 10:25
    const services = [service({ waiting: 1, estimatedWaitSec: 600 }), service({ id: 'tax', prefix: 'B', targetWaitSec: 900, waiting: 1, estimatedWaitSec: 300 })];
    const tickets = [
      ticket({ steps: [{ serviceId: 'biz', status: 'waiting', queuedAt: T0, windowId: null, clerkId: null, targetWindowId: null, calledAt: null, startedAt: null, finishedAt: null, heldAt: null, recalls: 0, outcome: null, note: null, reason: null }] }),
      ticket({ id: 't2', serviceId: 'tax', issuedAt: at(15) }),
      ticket({ id: 't3', serviceId: 'tax', status: 'called', issuedAt: at(-60) }),
    ];
    const rows = serviceRows(services, tickets, now);
    // Then biz has waited 25 min (over), tax 10 min (ok), and the called ticket does not count
    expect(rows.map((r) => [r.id, r.longestWaitSec, r.longestLevel, r.estimateLevel, r.level])).toEqual([
      ['biz', 1500, 'over', 'ok', 'over'], ['tax', 600, 'ok', 'ok', 'ok'],
    ]);
    expect(wallTotals(rows, [windowView()])).toMatchObject({ waiting: 2, overTarget: 1, openWindows: 1, busyWindows: 0 });
  });

  it('shows an empty queue as no wait, and falls back to the server figure without tickets', () => {
    const rows = serviceRows([service(), service({ id: 'tax', waiting: 2, longestWaitSec: 700, targetWaitSec: 900 })], null, now);
    expect(rows.map((r) => [r.longestWaitSec, r.longestLevel])).toEqual([[0, 'none'], [700, 'near']]);
  });

  it('counts a booking from its slot, not from an early check-in', () => {
    expect(waitingSince(ticket({ issuedAt: at(0), appointmentAt: at(10) }))).toBe(Date.parse(at(10)));
  });

  it('says how long each window has been in its phase', () => {
    const cur = { id: 't1', number: 'A001', serviceId: 'biz', priority: 'green' as const, status: 'serving' as const, calledAt: at(10), startedAt: at(12), reason: null };
    const rows = windowRows([
      windowView({ phase: 'serving', currentTicket: cur }),
      windowView({ id: 'W02', phase: 'paused', status: 'paused', pauseReason: '午休', since: at(20) }),
      windowView({ id: 'W03', phase: 'idle', freeSince: at(24) }),
      windowView({ id: 'W04', phase: 'closed', status: 'closed', clerk: null }),
    ], now);
    expect(rows.map((r) => [r.id, r.phase, r.number, r.forSec, r.reason, r.green])).toEqual([
      ['W01', 'serving', 'A001', 780, null, true], ['W02', 'paused', null, 300, '午休', false],
      ['W03', 'idle', null, 60, null, false], ['W04', 'closed', null, 1500, null, false],
    ]);
  });
});
