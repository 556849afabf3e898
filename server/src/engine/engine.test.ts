import { describe, expect, it } from 'vitest';
import { apply, commands, createHallState, currentStep, getPolicy, restoreHallState, type EngineEvent } from './index.ts';
import { errorCode, testHall } from './testing.ts';

const fair = getPolicy('fair')!;

describe('numbering', () => {
  it('given tickets of two services, when issued, then each prefix counts on its own', () => {
    const h = testHall();
    const numbers = ['biz', 'biz', 'tax'].map((svc) => h.s.tickets.get(h.issue(svc))!.number);
    expect(numbers).toEqual(['A001', 'A002', 'B001']);
  });
});

describe('a visit at one window', () => {
  it('given a waiting ticket and a signed-in window, when the clerk calls next, then that ticket is called there', () => {
    const h = testHall();
    const id = h.issue('biz');
    h.open('W01');
    expect(h.callNext('W01', fair)).toMatchObject({ type: 'ticket.called', ticketId: id, windowId: 'W01', clerkId: 'clerk-W01', reason: 'first-come' });
    expect(h.status(id)).toBe('called');
  });

  it('given a called visitor who never came, when the clerk marks a no-show, then the window is free and nobody is counted served', () => {
    const h = testHall();
    const id = h.issue('biz');
    h.open('W01');
    h.callNext('W01', fair);
    h.run(commands.noShow(h.s, 'W01', 1000));
    expect(h.status(id)).toBe('no-show');
    expect(h.s.windows.get('W01')).toMatchObject({ currentTicketId: null, servedCount: 0 });
  });

  it('given a visitor served from call to finish, when finished, then the step keeps its times and the engine learns the service time', () => {
    const h = testHall();
    const id = h.issue('biz', 1000);
    h.open('W01');
    h.callNext('W01', fair, 1000);
    h.run(commands.start(h.s, 'W01', 6000));
    h.finish('W01', 66_000);
    expect(currentStep(h.s.tickets.get(id)!)).toMatchObject({ status: 'done', outcome: 'done', calledAt: 1000, startedAt: 6000, finishedAt: 66_000 });
    expect(h.s.stats.get('biz')).toMatchObject({ count: 1, sumSec: 60 });
    expect(h.s.windows.get('W01')).toMatchObject({ currentTicketId: null, servedCount: 1 });
  });

  it('given a parked visitor (fetching a document), when the clerk calls them by id after serving another, then they resume at that window', () => {
    const h = testHall();
    const first = h.issue('biz');
    const second = h.issue('biz');
    h.open('W01');
    h.callNext('W01', fair);
    h.run(commands.hold(h.s, 'W01', 'fetching ID card', h.ctx.now));
    expect(h.s.windows.get('W01')!.held).toEqual([first]);
    expect(h.callNext('W01', fair)).toMatchObject({ ticketId: second });
    h.finish('W01');
    expect(h.run(commands.callTicket(h.s, 'W01', first, h.ctx.now))[0]).toMatchObject({ ticketId: first, reason: 'resumed-from-hold' });
    expect(h.s.windows.get('W01')!.held).toEqual([]);
  });
});

describe('refusals, each with its stable code', () => {
  const cases: Array<[string, (h: ReturnType<typeof testHall>) => unknown, string]> = [
    ['a call at a closed window', (h) => commands.callNext(h.s, 'W01', fair, 0), 'WINDOW_CLOSED'],
    ['a ticket of an unknown service', (h) => commands.issueTicket(h.s, { serviceId: 'nope', channel: 'kiosk' }, h.ctx), 'UNKNOWN_SERVICE'],
    ['a second clerk signing in at a staffed window', (h) => (h.open('W01'), commands.signIn(h.s, 'W01', 'someone-else', 0)), 'WINDOW_TAKEN'],
    ['a finish with nobody at the window', (h) => (h.open('W01'), commands.finish(h.s, 'W01', { outcome: 'done' }, 0)), 'WINDOW_IDLE'],
    ['a call at a paused window', (h) => (h.open('W01'), h.run(commands.pause(h.s, 'W01', 'lunch', 0)), commands.callNext(h.s, 'W01', fair, 0)), 'WINDOW_PAUSED'],
    ['a resume of a window that is not paused', (h) => (h.open('W01'), commands.resume(h.s, 'W01', 0)), 'WINDOW_NOT_PAUSED'],
    ['a call while the window still has a visitor', (h) => (h.issue('biz'), h.open('W01'), h.callNext('W01', fair), commands.callNext(h.s, 'W01', fair, 0)), 'WINDOW_BUSY'],
    ['a no-show after the service started', (h) => (h.issue('biz'), h.open('W01'), h.callNext('W01', fair), h.run(commands.start(h.s, 'W01', 0)), commands.noShow(h.s, 'W01', 0)), 'TICKET_NOT_CALLED'],
    ['a transfer to a window without the skill', (h) => (h.issue('biz'), h.open('W01'), h.callNext('W01', fair), commands.transfer(h.s, 'W01', { windowId: 'W01', serviceId: 'rare' }, 0)), 'TRANSFER_TARGET_INVALID'],
    ['a transfer naming neither a service nor a window', (h) => (h.issue('biz'), h.open('W01'), h.callNext('W01', fair), commands.transfer(h.s, 'W01', {}, 0)), 'TRANSFER_TARGET_INVALID'],
    ['a call by id of a ticket another window parked', (h) => {
      const id = h.issue('biz');
      h.open('W01', 'W02');
      h.callNext('W01', fair);
      h.run(commands.hold(h.s, 'W01', null, 0));
      return commands.callTicket(h.s, 'W02', id, 0);
    }, 'TICKET_NOT_HELD'],
    ['a cancel of a finished ticket', (h) => {
      const id = h.issue('biz');
      h.open('W01');
      h.callNext('W01', fair);
      h.finish('W01');
      return commands.cancel(h.s, id, 'left', 0);
    }, 'TICKET_FINISHED'],
  ];
  for (const [what, act, code] of cases) {
    it(`given ${what}, then ${code}`, () => {
      const h = testHall();
      expect(errorCode(() => act(h))).toBe(code);
    });
  }
});

describe('transfers', () => {
  it('given a visitor transferred to another service at the front, when the window calls next, then they come before older tickets', () => {
    const h = testHall();
    h.issue('tax');
    const visitor = h.issue('biz');
    h.open('W01');
    h.run(commands.callTicket(h.s, 'W01', visitor, 0));
    h.run(commands.transfer(h.s, 'W01', { serviceId: 'tax', position: 'front' }, 1));
    expect(h.s.tickets.get(visitor)!.steps.map((x) => x.status)).toEqual(['transferred', 'waiting']);
    expect(h.callNext('W01', fair, 2)).toMatchObject({ ticketId: visitor, reason: 'front-transfer' });
  });

  it('given a visitor transferred to a named window, when another window calls next, then it does not get them, and the named one does', () => {
    const h = testHall();
    const visitor = h.issue('biz');
    h.open('W01', 'W02');
    h.run(commands.callTicket(h.s, 'W01', visitor, 0));
    h.run(commands.transfer(h.s, 'W01', { windowId: 'W02' }, 1));
    expect(h.callNext('W01', fair, 2)).toMatchObject({ type: 'window.ready', reason: 'nothing-waiting' });
    expect(h.callNext('W02', fair, 3)).toMatchObject({ type: 'ticket.called', ticketId: visitor });
  });
});

describe('the green channel (fair policy)', () => {
  it('given one normal ticket and four green ones, when a window calls five times, then after two greens in a row a normal ticket comes', () => {
    const h = testHall();
    h.issue('biz');
    for (let i = 0; i < 4; i++) h.issue('biz', 0, { priority: 'green' });
    h.open('W01');
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = h.callNext('W01', fair);
      if (c.type !== 'ticket.called') throw new Error('nobody called');
      order.push(`${h.s.tickets.get(c.ticketId)!.priority} ${c.reason}`);
      h.finish('W01');
    }
    expect(order).toEqual(['green green-first', 'green green-first', 'normal after-green-streak', 'green green-first', 'green green-first']);
  });
});

describe('the daily reset', () => {
  it('given a ticket still waiting and a window open, when the day starts, then the ticket expires, the window closes and numbers restart', () => {
    const h = testHall();
    h.issue('tax');
    h.open('W01');
    const reset = h.run(commands.startDay(h.s, '2026-11-24', 1000));
    expect(reset.map((e) => e.type)).toEqual(['ticket.expired', 'window.signed-out', 'day.started']);
    expect(h.s.tickets.size).toBe(0);
    expect(h.s.windows.get('W01')!.status).toBe('closed');
    expect(h.s.tickets.get(h.issue('tax'))!.number).toBe('B001');
  });
});

describe('restoring a day from storage', () => {
  it('given windows stored before readiness and auto-call existed, when restored, then they take the defaults', () => {
    const h = testHall();
    h.open('W01');
    const stored = [...h.s.windows.values()].map((w) => {
      const { readySince: _r, autoCallSec: _a, ...old } = w;
      return old as typeof w;
    });
    const restored = restoreHallState(h.s.model, h.s.day, [], stored, 0);
    expect(restored.windows.get('W01')).toMatchObject({ status: 'open', clerkId: 'clerk-W01', readySince: null, autoCallSec: null });
  });
});

describe('replaying the log', () => {
  it('given a day of events, when the same events are applied to a fresh state, then the state is the same (the reducer is deterministic)', () => {
    const h = testHall();
    const log: EngineEvent[] = [];
    const keep = <E extends EngineEvent>(events: E[]) => (log.push(...events), h.run(events));
    h.open('W01', 'W02');
    log.push({ type: 'window.signed-in', at: 0, windowId: 'W01', clerkId: 'clerk-W01' }, { type: 'window.signed-in', at: 0, windowId: 'W02', clerkId: 'clerk-W02' });
    for (let i = 0; i < 6; i++) keep(commands.issueTicket(h.s, { serviceId: i % 2 ? 'tax' : 'biz', channel: 'kiosk' }, h.ctx));
    keep(commands.callNext(h.s, 'W01', fair, 10));
    keep(commands.callNext(h.s, 'W02', fair, 10));
    keep(commands.finish(h.s, 'W01', { outcome: 'done', nextServiceId: 'tax' }, 500));
    keep(commands.callNext(h.s, 'W01', fair, 600));
    const again = createHallState(h.s.model, h.s.day, 0);
    for (const e of log) apply(again, e);
    expect([...again.tickets.values()]).toEqual([...h.s.tickets.values()]);
    expect([...again.windows.values()]).toEqual([...h.s.windows.values()]);
    expect(log.length).toBe(12);
  });
});
