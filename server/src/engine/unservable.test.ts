import { describe, expect, it } from 'vitest';
import { commands, estimateForNewTicket, estimateWait, servableNow, unservableServices } from './index.ts';
import { MIN, testHall } from './testing.ts';

/** smallHall: W01 does biz and tax, W02 tax, biz and the rare matter. */
describe('services no open window can serve', () => {
  it('given the only window able to do a matter paused, when visitors wait for it, then it is listed with how many and since when', () => {
    const h = testHall();
    h.open('W01', 'W02');
    h.run(commands.pause(h.s, 'W02', 'lunch', 0));
    h.issue('rare', 2 * MIN);
    h.issue('rare', 5 * MIN);
    expect(unservableServices(h.s)).toEqual([{ serviceId: 'rare', waiting: 2, oldestSince: 2 * MIN }]);
  });

  it('given every window closed, when nobody waits, then every service is listed with nobody waiting', () => {
    const h = testHall();
    expect(unservableServices(h.s)).toEqual(['biz', 'tax', 'rare'].map((serviceId) => ({ serviceId, waiting: 0, oldestSince: null })));
  });

  it('given a transfer target, then servableNow says whether an open window could take it (a clerk is warned before transferring into nothing)', () => {
    const h = testHall();
    h.open('W01');
    expect(servableNow(h.s, 'biz', null)).toBe(true);
    expect(servableNow(h.s, 'rare', null)).toBe(false);
    expect(servableNow(h.s, 'tax', 'W02')).toBe(false);
    h.open('W02');
    expect(servableNow(h.s, 'rare', null)).toBe(true);
    expect(servableNow(h.s, 'tax', 'W02')).toBe(true);
  });

  it('given the window back from its pause, then the matter is no longer listed', () => {
    const h = testHall();
    h.open('W01', 'W02');
    h.run(commands.pause(h.s, 'W02', 'lunch', 0));
    h.issue('rare', MIN);
    h.run(commands.resume(h.s, 'W02', 2 * MIN));
    expect(unservableServices(h.s)).toEqual([]);
  });

  it('given a matter no open window can serve, when its visitor asks how long, then there is no number, not a made-up one', () => {
    const h = testHall();
    h.open('W01');
    const t = h.issue('rare', MIN);
    expect(estimateWait(h.s, h.s.tickets.get(t)!, MIN).estimatedWaitSec).toBeNull();
    expect(estimateForNewTicket(h.s, 'rare', MIN).estimatedWaitSec).toBeNull();
    expect(estimateForNewTicket(h.s, 'biz', MIN).estimatedWaitSec).not.toBeNull();
  });

  it('given a visitor booked for a later slot and no window open yet, then they are told at least the wait for their slot', () => {
    const h = testHall();
    const t = h.issue('biz', 0, { appointmentAt: 30 * MIN });
    expect(estimateWait(h.s, h.s.tickets.get(t)!, 0).estimatedWaitSec).toBe(30 * 60);
  });
});
