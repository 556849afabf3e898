import { describe, expect, it } from 'vitest';
import { commands, getPolicy, isReady, POLICIES, type EngineEvent, type HallModel } from './index.ts';
import { errorCode, MIN, testHall } from './testing.ts';

const balanced = getPolicy('balanced')!;

/** Four windows for biz and tax, as in a small comprehensive hall. */
const fourWindows: HallModel = {
  services: [
    { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
    { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 900 },
  ],
  windows: ['W01', 'W02', 'W03', 'W04'].map((id) => ({ id, name: id, skills: ['biz', 'tax'] })),
  greenStreakCap: 2,
  appointmentLeadSec: 300,
};

describe('a window whose clerk asked and got nobody', () => {
  it('given nothing waiting, when the clerk calls next, then the answer is window.ready with nothing-waiting and the window waits ready', () => {
    const h = testHall();
    h.open('W01');
    expect(h.callNext('W01', balanced, 5000)).toEqual({ type: 'window.ready', at: 5000, windowId: 'W01', reason: 'nothing-waiting' });
    expect(h.s.windows.get('W01')!.readySince).toBe(5000);
    expect(isReady(h.s.windows.get('W01')!, 5000)).toBe(true);
  });

  it('given a ready window, when a ticket comes, then dispatch calls it there', () => {
    const h = testHall();
    h.open('W01');
    h.callNext('W01', balanced, 0);
    const id = h.issue('biz', 1000);
    expect(commands.dispatch(h.s, balanced, 1000)).toEqual([{ type: 'ticket.called', at: 1000, ticketId: id, windowId: 'W01', clerkId: 'clerk-W01', reason: 'longest-wait' }]);
  });

  it('given a free window whose clerk has not asked, when a ticket comes, then dispatch calls nobody', () => {
    const h = testHall();
    h.open('W01');
    h.issue('biz', 1000);
    expect(commands.dispatch(h.s, balanced, 1000)).toEqual([]);
  });

  it('given a ready window, when it pauses, gets a visitor by number or signs out, then it is no longer ready', () => {
    const endings: Array<[string, (h: ReturnType<typeof testHall>) => void]> = [
      ['pause', (h) => h.run(commands.pause(h.s, 'W01', 'break', 1))],
      ['call by number', (h) => h.run(commands.callTicket(h.s, 'W01', h.issue('biz', 1), 1))],
      ['sign out', (h) => h.run(commands.signOut(h.s, 'W01', 1))],
    ];
    for (const [what, end] of endings) {
      const h = testHall();
      h.open('W01');
      h.callNext('W01', balanced, 0);
      end(h);
      expect({ what, ready: isReady(h.s.windows.get('W01')!, 2) }).toEqual({ what, ready: false });
      expect(h.s.windows.get('W01')!.readySince).toBeNull();
    }
  });

  it('given a ready window that gets a visitor, when the visitor is finished, then the window is not ready until its clerk asks again', () => {
    const h = testHall();
    h.open('W01');
    h.callNext('W01', balanced, 0);
    h.issue('biz', 1000);
    h.run(commands.dispatch(h.s, balanced, 1000));
    h.finish('W01', 2000);
    expect(isReady(h.s.windows.get('W01')!, 2000)).toBe(false);
  });
});

describe('auto-call', () => {
  it('given auto-call on with a 10 s pause, when a visitor is finished, then the window is ready 10 s later and not before', () => {
    const h = testHall();
    h.open('W01');
    h.run(commands.setAutoCall(h.s, 'W01', 10, 0));
    h.issue('biz', 0);
    h.callNext('W01', balanced, 0);
    h.finish('W01', 60_000);
    expect(isReady(h.s.windows.get('W01')!, 69_999)).toBe(false);
    expect(isReady(h.s.windows.get('W01')!, 70_000)).toBe(true);
  });

  it('given auto-call on, when a ticket comes to a free window past its pause, then dispatch calls it without the clerk asking', () => {
    const h = testHall();
    h.open('W01');
    h.run(commands.setAutoCall(h.s, 'W01', 5, 0));
    const id = h.issue('tax', 30_000);
    expect(commands.dispatch(h.s, balanced, 30_000)).toMatchObject([{ ticketId: id, windowId: 'W01' }]);
  });

  it('given auto-call on, when it is turned off or the clerk signs out, then the window no longer calls by itself', () => {
    for (const off of [(h: ReturnType<typeof testHall>) => h.run(commands.setAutoCall(h.s, 'W01', null, 1)), (h: ReturnType<typeof testHall>) => (h.run(commands.signOut(h.s, 'W01', 1)), h.open('W01'))]) {
      const h = testHall();
      h.open('W01');
      h.run(commands.setAutoCall(h.s, 'W01', 0, 0));
      off(h);
      expect(h.s.windows.get('W01')!.autoCallSec).toBeNull();
      h.issue('biz', 10_000);
      expect(commands.dispatch(h.s, balanced, 10_000)).toEqual([]);
    }
  });

  it('given a setting already in force, when set again, then nothing is decided; a bad pause or a closed window is refused', () => {
    const h = testHall();
    expect(errorCode(() => commands.setAutoCall(h.s, 'W01', 5, 0))).toBe('WINDOW_CLOSED');
    h.open('W01');
    expect(commands.setAutoCall(h.s, 'W01', null, 0)).toEqual([]);
    expect(errorCode(() => commands.setAutoCall(h.s, 'W01', -1, 0))).toBe('AUTO_CALL_INVALID');
    expect(errorCode(() => commands.setAutoCall(h.s, 'W01', Number.NaN, 0))).toBe('AUTO_CALL_INVALID');
  });
});

describe('a live hall: clerks ask one at a time', () => {
  /**
   * Four clerks who press "call next" when they are free, one at a time and at their own pace,
   * visitors arriving meanwhile; whatever is ready is dispatched after each change, as the service
   * does. A clerk who asks gets a visitor whenever one waits that they can serve.
   */
  /** Checked: counting the free windows whose clerk has not asked as homes, balanced answers nobody twice on seed 1. */
  function liveDay(policyName: string, seed: number) {
    const policy = POLICIES[policyName];
    const h = testHall(fourWindows);
    const windows = fourWindows.windows.map((w) => w.id);
    h.open(...windows);
    let x = seed;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const busyUntil = new Map(windows.map((w) => [w, 0]));
    const asksAt = new Map(windows.map((w, i) => [w, 20_000 * i]));
    let emptyAnswersWhileServable = 0, presses = 0, calls = 0, servablePresses = 0;
    const dispatchAll = (now: number) => {
      for (let e = commands.dispatch(h.s, policy, now); e.length > 0; e = commands.dispatch(h.s, policy, now)) {
        h.run(e);
        const c = e[0] as Extract<EngineEvent, { type: 'ticket.called' }>;
        busyUntil.set(c.windowId, now + (120 + rnd() * 600) * 1000);
        calls++;
      }
    };
    for (let now = 0; now < 4 * 3600_000; now += 5_000) {
      h.ctx.now = now;
      if (rnd() < 0.03) h.issue(rnd() < 0.6 ? 'biz' : 'tax', now, { priority: rnd() < 0.1 ? 'green' : 'normal' });
      for (const w of windows) {
        const state = h.s.windows.get(w)!;
        if (state.currentTicketId && busyUntil.get(w)! <= now) {
          h.finish(w, now);
          asksAt.set(w, now + (5 + rnd() * 55) * 1000);
        }
      }
      dispatchAll(now);
      for (const w of windows) {
        const state = h.s.windows.get(w)!;
        if (state.currentTicketId || state.readySince !== null || asksAt.get(w)! > now) continue;
        const servable = h.s.waiting.size > 0; if (servable) servablePresses++;
        const answer = h.callNext(w, policy, now);
        presses++;
        if (answer.type === 'ticket.called') {
          busyUntil.set(w, now + (120 + rnd() * 600) * 1000);
          calls++;
        } else if (servable) emptyAnswersWhileServable++;
        dispatchAll(now);
      }
    }
    return { emptyAnswersWhileServable, presses, calls, servablePresses };
  }

  for (const policy of ['balanced', 'fair', 'fifo']) {
    it(`given four clerks asking one at a time, when visitors keep coming, then ${policy} never answers nobody while a visitor waits`, () => {
      for (const seed of [1, 2, 3]) {
        const day = liveDay(policy, seed);
        // The day really has clerks asking while visitors wait (and sometimes while nobody does).
        expect(day.servablePresses).toBeGreaterThan(20);
        expect(day.presses - day.servablePresses).toBeGreaterThan(5);
        expect(day.emptyAnswersWhileServable).toBe(0);
      }
    });
  }

  it('given one window asking and another free whose clerk has not asked, when a ticket waits, then the one asking gets it', () => {
    const h = testHall(fourWindows);
    h.open('W01', 'W02');
    h.serve('W01', 'biz', 0, 600); // W01 has been busier today: W02 would be the better home if it were ready
    const id = h.issue('tax', 20 * MIN);
    expect(h.callNext('W01', balanced, 20 * MIN)).toMatchObject({ type: 'ticket.called', ticketId: id });
  });

  it('given one window asking and another waiting ready that has been busy less, when a ticket waits, then the ready one is its home and the one asking is told better-home', () => {
    const h = testHall(fourWindows);
    h.open('W01', 'W02');
    h.serve('W01', 'biz', 0, 600);
    h.callNext('W02', balanced, 15 * MIN);
    const id = h.issue('tax', 20 * MIN);
    expect(h.callNext('W01', balanced, 20 * MIN)).toMatchObject({ type: 'window.ready', reason: 'better-home' });
    expect(commands.dispatch(h.s, balanced, 20 * MIN)).toMatchObject([{ ticketId: id, windowId: 'W02' }]);
  });
});
