import { describe, expect, it } from 'vitest';
import { apply, commands, createHallState, currentStep, EngineError, estimateWait, getPolicy, type EngineEvent, type HallState } from './index.ts';
import { sequentialContext, smallHall } from './testing.ts';

function hall() {
  const s = createHallState(smallHall, '2026-11-23', 0);
  const ctx = sequentialContext(1_000);
  const run = (events: EngineEvent[]) => {
    for (const e of events) apply(s, e);
    return events;
  };
  return { s, ctx, run };
}
const fair = getPolicy('fair')!;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('ticket life cycle', () => {
  it('issues numbers per prefix, calls, starts and finishes', () => {
    const { s, ctx, run } = hall();
    const [a1] = run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx));
    const [a2] = run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx));
    const [b1] = run(commands.issueTicket(s, { serviceId: 'tax', channel: 'kiosk' }, ctx));
    const numbers = [a1, a2, b1].map((e) => (e.type === 'ticket.issued' ? e.ticket.number : ''));
    expect(numbers).toEqual(['A001', 'A002', 'B001']);

    run(commands.signIn(s, 'W01', 'clerk1', ctx.now));
    const [called] = run(commands.callNext(s, 'W01', fair, ctx.now));
    expect(called).toMatchObject({ type: 'ticket.called', windowId: 'W01' });
    const t = s.tickets.get((called as { ticketId: string }).ticketId)!;
    expect(t.number).toBe('A001');
    expect(code(() => commands.callNext(s, 'W01', fair, ctx.now))).toBe('WINDOW_BUSY');
    expect(code(() => commands.noShow(s, 'W01', ctx.now))).toBe('no error');
    run(commands.start(s, 'W01', ctx.now + 5_000));
    expect(code(() => commands.noShow(s, 'W01', ctx.now))).toBe('TICKET_NOT_CALLED');
    run(commands.finish(s, 'W01', { outcome: 'done' }, ctx.now + 65_000));
    expect(currentStep(t)).toMatchObject({ status: 'done', outcome: 'done', startedAt: 6_000, finishedAt: 66_000 });
    expect(s.stats.get('biz')).toMatchObject({ count: 1, sumSec: 60 });
    expect(s.windows.get('W01')).toMatchObject({ currentTicketId: null, servedCount: 1 });
  });

  it('refuses illegal transitions with stable codes', () => {
    const { s, ctx, run } = hall();
    expect(code(() => commands.callNext(s, 'W01', fair, ctx.now))).toBe('WINDOW_CLOSED');
    expect(code(() => commands.issueTicket(s, { serviceId: 'nope', channel: 'kiosk' }, ctx))).toBe('UNKNOWN_SERVICE');
    run(commands.signIn(s, 'W01', 'c1', ctx.now));
    expect(code(() => commands.signIn(s, 'W01', 'c2', ctx.now))).toBe('WINDOW_TAKEN');
    expect(code(() => commands.finish(s, 'W01', { outcome: 'done' }, ctx.now))).toBe('WINDOW_IDLE');
    run(commands.pause(s, 'W01', 'lunch', ctx.now));
    expect(code(() => commands.callNext(s, 'W01', fair, ctx.now))).toBe('WINDOW_PAUSED');
    run(commands.resume(s, 'W01', ctx.now));
    expect(code(() => commands.resume(s, 'W01', ctx.now))).toBe('WINDOW_NOT_PAUSED');
    expect(commands.callNext(s, 'W01', fair, ctx.now)).toEqual([]);
  });

  it('transfers to another service at the front, and to a named window', () => {
    const { s, ctx, run } = hall();
    run(commands.issueTicket(s, { serviceId: 'tax', channel: 'kiosk' }, ctx));
    const [first] = run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx)) as Extract<EngineEvent, { type: 'ticket.issued' }>[];
    run(commands.signIn(s, 'W01', 'c1', ctx.now));
    run(commands.callTicket(s, 'W01', first.ticket.id, ctx.now));
    run(commands.transfer(s, 'W01', { serviceId: 'tax', position: 'front', note: 'tax first' }, ctx.now + 1));
    const t = s.tickets.get(first.ticket.id)!;
    expect(t.steps.map((x) => x.status)).toEqual(['transferred', 'waiting']);
    const [next] = run(commands.callNext(s, 'W01', fair, ctx.now + 2));
    expect(next).toMatchObject({ ticketId: first.ticket.id, reason: 'transferred to the front of the queue' });
    run(commands.transfer(s, 'W01', { windowId: 'W02' }, ctx.now + 3));
    expect(currentStep(t)).toMatchObject({ targetWindowId: 'W02', status: 'waiting' });
    expect(commands.callNext(s, 'W01', fair, ctx.now + 4)[0]).not.toMatchObject({ ticketId: t.id });
    expect(code(() => commands.transfer(s, 'W01', { windowId: 'W01', serviceId: 'rare' }, ctx.now))).not.toBe('no error');
  });

  it('caps the green streak so normal tickets never starve', () => {
    const { s, ctx, run } = hall();
    run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx));
    for (let i = 0; i < 4; i++) run(commands.issueTicket(s, { serviceId: 'biz', priority: 'green', channel: 'guide' }, ctx));
    run(commands.signIn(s, 'W01', 'c1', ctx.now));
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [c] = run(commands.callNext(s, 'W01', fair, ctx.now)) as Extract<EngineEvent, { type: 'ticket.called' }>[];
      order.push(s.tickets.get(c.ticketId)!.priority);
      run(commands.finish(s, 'W01', { outcome: 'done' }, ctx.now));
    }
    expect(order).toEqual(['green', 'green', 'normal', 'green', 'green']);
  });

  it('holds a visitor and resumes them later, and expires what is left at the daily reset', () => {
    const { s, ctx, run } = hall();
    run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx));
    run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx));
    run(commands.signIn(s, 'W01', 'c1', ctx.now));
    const [c] = run(commands.callNext(s, 'W01', fair, ctx.now)) as Extract<EngineEvent, { type: 'ticket.called' }>[];
    run(commands.hold(s, 'W01', 'fetching ID card', ctx.now));
    expect(s.windows.get('W01')!.held).toEqual([c.ticketId]);
    run(commands.callNext(s, 'W01', fair, ctx.now));
    run(commands.finish(s, 'W01', { outcome: 'done' }, ctx.now));
    run(commands.callTicket(s, 'W01', c.ticketId, ctx.now));
    expect(currentStep(s.tickets.get(c.ticketId)!).status).toBe('called');
    run(commands.finish(s, 'W01', { outcome: 'incomplete', note: '缺身份证复印件' }, ctx.now));
    run(commands.issueTicket(s, { serviceId: 'tax', channel: 'kiosk' }, ctx));
    const reset = run(commands.startDay(s, '2026-11-24', ctx.now));
    expect(reset.map((e) => e.type)).toEqual(['ticket.expired', 'window.signed-out', 'day.started']);
    expect(s.tickets.size).toBe(0);
    const [next] = run(commands.issueTicket(s, { serviceId: 'tax', channel: 'kiosk' }, ctx)) as Extract<EngineEvent, { type: 'ticket.issued' }>[];
    expect(next.ticket.number).toBe('B001');
  });

  it('estimates a wait from the queue ahead and open windows', () => {
    const { s, ctx, run } = hall();
    run(commands.signIn(s, 'W01', 'c1', ctx.now));
    for (let i = 0; i < 3; i++) run(commands.issueTicket(s, { serviceId: 'biz', channel: 'kiosk' }, ctx));
    const last = [...s.tickets.values()].at(-1)!;
    const est = estimateWait(s as HallState, last, ctx.now);
    expect(est.ahead).toBe(2);
    expect(est.estimatedWaitSec).toBe(600);
  });
});
