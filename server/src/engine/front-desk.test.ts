import { describe, expect, it } from 'vitest';
import { commands, currentStep, getPolicy } from './index.ts';
import { errorCode, MIN, smallHall, testHall } from './testing.ts';

const fifo = getPolicy('fifo')!;
const ruled = { ...smallHall, noShowAfter: { afterCalls: 3, afterSec: 120 } };
const REINSTATE = { withinMs: 30 * MIN, behind: 2 };

describe('no-show only after a real call (过号)', () => {
  it('given a visitor called once seconds ago, when the clerk marks a no-show, then it is refused with how far the call is from counting', () => {
    const h = testHall(ruled);
    h.issue('biz');
    h.open('W01');
    h.callNext('W01', fifo, 0);
    expect(errorCode(() => commands.noShow(h.s, 'W01', 10_000))).toBe('NO_SHOW_TOO_EARLY');
    try {
      commands.noShow(h.s, 'W01', 10_000);
    } catch (e) {
      expect((e as { details: unknown }).details).toEqual({ calls: 1, afterCalls: 3, sinceSec: 10, afterSec: 120 });
    }
  });

  it('given a visitor called three times (the call and two recalls), when the clerk marks a no-show, then it is taken', () => {
    const h = testHall(ruled);
    const id = h.issue('biz');
    h.open('W01');
    h.callNext('W01', fifo, 0);
    h.run(commands.recall(h.s, 'W01', 20_000));
    expect(errorCode(() => commands.noShow(h.s, 'W01', 30_000))).toBe('NO_SHOW_TOO_EARLY');
    h.run(commands.recall(h.s, 'W01', 40_000));
    h.run(commands.noShow(h.s, 'W01', 50_000));
    expect(h.status(id)).toBe('no-show');
  });

  it('given a visitor called once, when the time since the call has passed, then the no-show is taken', () => {
    const h = testHall(ruled);
    const id = h.issue('biz');
    h.open('W01');
    h.callNext('W01', fifo, 0);
    h.run(commands.noShow(h.s, 'W01', 120_000));
    expect(h.status(id)).toBe('no-show');
  });

  it('given a hall model without the rule (the simulator), then a no-show is taken at once', () => {
    const h = testHall();
    const id = h.issue('biz');
    h.open('W01');
    h.callNext('W01', fifo, 0);
    h.run(commands.noShow(h.s, 'W01', 1));
    expect(h.status(id)).toBe('no-show');
  });
});

describe('a no-show put back in the queue (the guide desk)', () => {
  /** A001 called and missed at 10:00; A002…A006 issued after it, A002 called since. */
  function scene() {
    const h = testHall();
    const missed = h.issue('biz', 0);
    const later = [1, 2, 3, 4, 5].map((i) => h.issue('biz', i * MIN));
    h.open('W01');
    h.run(commands.callTicket(h.s, 'W01', missed, 6 * MIN));
    h.run(commands.noShow(h.s, 'W01', 7 * MIN));
    h.callNext('W01', fifo, 8 * MIN);
    h.finish('W01', 9 * MIN);
    return { h, missed, later };
  }

  it('given a visitor who missed their call, when reinstated, then they wait again behind those called since and the next two waiting', () => {
    const { h, missed, later } = scene();
    const [e] = h.run(commands.reinstate(h.s, missed, REINSTATE, 12 * MIN));
    expect(e).toMatchObject({ type: 'ticket.reinstated', ticketId: missed, serviceId: 'biz', queuedAt: 3 * MIN + 1 });
    const t = h.s.tickets.get(missed)!;
    expect(t.steps.map((s) => s.status)).toEqual(['no-show', 'waiting']);
    // A002 was called since; A003 and A004 go first; then the visitor who came back.
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = h.callNext('W01', fifo, (13 + i) * MIN);
      if (c.type === 'ticket.called') order.push(c.ticketId);
      h.finish('W01', (13 + i) * MIN + 30_000);
    }
    expect(order).toEqual([later[1], later[2], missed, later[3]]);
  });

  it('given fewer waiting than the rule puts them behind, when reinstated, then they go to the end of the queue', () => {
    const { h, missed } = scene();
    const [e] = h.run(commands.reinstate(h.s, missed, { withinMs: 30 * MIN, behind: 10 }, 12 * MIN));
    expect(e).toMatchObject({ queuedAt: 12 * MIN });
  });

  it('given a ticket that is not a no-show, or a no-show past the time allowed, then reinstating is refused with a stable code', () => {
    const { h, missed, later } = scene();
    expect(errorCode(() => commands.reinstate(h.s, later[3], REINSTATE, 12 * MIN))).toBe('TICKET_NOT_NO_SHOW');
    expect(errorCode(() => commands.reinstate(h.s, missed, REINSTATE, 7 * MIN + 31 * MIN))).toBe('REINSTATE_TOO_LATE');
  });

  it('given a reinstated ticket, when it is called and finished, then its first step stays a no-show and the visit ends done', () => {
    const { h, missed } = scene();
    h.run(commands.reinstate(h.s, missed, { withinMs: 30 * MIN, behind: 0 }, 12 * MIN));
    const c = h.callNext('W01', fifo, 13 * MIN);
    expect(c).toMatchObject({ ticketId: missed });
    h.finish('W01', 14 * MIN);
    expect(h.s.tickets.get(missed)!.steps.map((s) => s.status)).toEqual(['no-show', 'done']);
    expect(currentStep(h.s.tickets.get(missed)!).queuedAt).toBeLessThan(12 * MIN);
  });
});

describe('a booked visitor is not called long before the time promised', () => {
  const bounded = { ...smallHall, bookedEarlyMaxSec: 600 };
  for (const name of ['balanced', 'fifo', 'fair'] as const) {
    it(`given a visitor booked for 11:00 who checked in at 10:00 and an idle window, when the clerk calls (${name}), then nobody until 10:45, then the booked visitor, early`, () => {
      const h = testHall(bounded);
      const slot = 60 * MIN;
      const id = h.issue('biz', 0, { appointmentAt: slot });
      h.open('W01');
      const policy = getPolicy(name)!;
      expect(h.callNext('W01', policy, 30 * MIN)).toMatchObject({ type: 'window.ready' });
      // 11:00 less the 5-minute lead less the 10 minutes the hall allows early: 10:45.
      const at = 45 * MIN;
      const e = commands.callNext(h.s, 'W01', policy, at)[0];
      if (name === 'fair') expect(e.type).toBe('window.ready'); // fair never calls before the promised time
      else expect(e).toMatchObject({ type: 'ticket.called', ticketId: id });
      if (name === 'balanced') expect(e).toMatchObject({ reason: 'booked-early' });
    });
  }

  it('given the simulator\'s model (no bound), then a booked visitor may be called whenever a window is idle', () => {
    const h = testHall();
    const id = h.issue('biz', 0, { appointmentAt: 60 * MIN });
    h.open('W01');
    expect(h.callNext('W01', getPolicy('balanced')!, 1 * MIN)).toMatchObject({ type: 'ticket.called', ticketId: id, reason: 'booked-early' });
  });
});
