import { describe, expect, it } from 'vitest';
import { autoCallAt, autoCallDue, commands, getPolicy, nextWake } from './index.ts';
import { MIN, testHall } from './testing.ts';

const balanced = getPolicy('balanced')!;

describe('when time alone lets a ticket be called', () => {
  it('given auto-call of 10 s, when the visitor is finished, then the window asks 10 s later and not before', () => {
    const h = testHall();
    h.open('W01');
    h.run(commands.setAutoCall(h.s, 'W01', 10, 0));
    h.run(commands.callTicket(h.s, 'W01', h.issue('biz', 0), 0));
    h.finish('W01', 4 * MIN);
    const w = h.s.windows.get('W01')!;
    expect(autoCallAt(w)).toBe(4 * MIN + 10_000);
    expect(autoCallDue(w, 4 * MIN + 9_999)).toBe(false);
    expect(autoCallDue(w, 4 * MIN + 10_000)).toBe(true);
    expect(nextWake(h.s, 4 * MIN)).toBe(4 * MIN + 10_000);
  });

  it('given auto-call on, when the window is busy, paused, closed or already waits ready, then it is not counting down', () => {
    const cases: Array<[string, (h: ReturnType<typeof testHall>) => void]> = [
      ['busy', (h) => h.run(commands.callTicket(h.s, 'W01', h.issue('biz', 1), 1))],
      ['paused', (h) => h.run(commands.pause(h.s, 'W01', 'break', 1))],
      ['closed', (h) => h.run(commands.signOut(h.s, 'W01', 1))],
      ['ready', (h) => h.callNext('W01', balanced, 1)],
    ];
    for (const [what, act] of cases) {
      const h = testHall();
      h.open('W01');
      h.run(commands.setAutoCall(h.s, 'W01', 10, 0));
      act(h);
      expect({ what, at: autoCallAt(h.s.windows.get('W01')!) }).toEqual({ what, at: null });
    }
  });

  it('given auto-call off, then nothing counts down and nothing wakes', () => {
    const h = testHall();
    h.open('W01');
    h.issue('biz', 0);
    expect(autoCallAt(h.s.windows.get('W01')!)).toBeNull();
    expect(nextWake(h.s, 0)).toBeNull();
  });

  it('given a ready window and a booked visitor whose slot is an hour away, then the hall wakes at the slot less the lead', () => {
    const h = testHall();
    h.open('W01');
    h.callNext('W01', balanced, 0);
    h.issue('biz', 0, { appointmentAt: 60 * MIN });
    expect(nextWake(h.s, 0)).toBe(60 * MIN - h.s.model.appointmentLeadSec * 1000);
    // Past that instant the booking is callable: nothing more to wait for.
    expect(nextWake(h.s, 60 * MIN)).toBeNull();
  });

  it('given a booked visitor but no window ready or on auto-call, then nothing wakes (the next ask calls them)', () => {
    const h = testHall();
    h.open('W01');
    h.issue('biz', 0, { appointmentAt: 60 * MIN });
    expect(nextWake(h.s, 0)).toBeNull();
  });
});
