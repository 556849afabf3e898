import { describe, expect, it } from 'vitest';
import { apply, commands, createHallState, getPolicy, type EngineEvent, type HallModel, type Priority } from '../index.ts';
import { sequentialContext } from '../testing.ts';

const balanced = getPolicy('balanced')!;
const MIN = 60_000;

/** A hall of `regular` windows for biz and tax, and W01 that can also do the rare matter. */
function hall(regular = 6) {
  const model: HallModel = {
    services: [
      { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
      { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 900 },
      { id: 'loan', name: '公积金贷款', prefix: 'C', targetWaitSec: 900 },
    ],
    windows: [
      { id: 'W01', name: '1号', skills: ['biz', 'tax', 'loan'] },
      ...Array.from({ length: regular }, (_, i) => ({ id: `W0${i + 2}`, name: `${i + 2}号`, skills: ['biz', 'tax'] })),
    ],
    greenStreakCap: 2,
    appointmentLeadSec: 300,
  };
  const s = createHallState(model, '2026-11-23', 0);
  const ctx = sequentialContext(0);
  const run = (events: EngineEvent[]) => {
    for (const e of events) apply(s, e);
    return events;
  };
  const issue = (serviceId: string, at: number, priority: Priority = 'normal', appointmentAt: number | null = null) => {
    ctx.now = at;
    const [e] = run(commands.issueTicket(s, { serviceId, priority, channel: 'kiosk', appointmentAt }, ctx));
    return e.type === 'ticket.issued' ? e.ticket.id : '';
  };
  const open = (...ids: string[]) => ids.forEach((id) => run(commands.signIn(s, id, `c-${id}`, 0)));
  const choose = (windowId: string, at: number) => balanced.choose(s, windowId, at);
  const call = (windowId: string, at: number) => {
    const [e] = run(commands.callNext(s, windowId, balanced, at));
    return e?.type === 'ticket.called' ? e : null;
  };
  /** Serves one ticket of `serviceId` taking `sec` at `windowId`, so the engine learns its length. */
  const serve = (windowId: string, serviceId: string, at: number, sec: number) => {
    const id = issue(serviceId, at);
    run(commands.callTicket(s, windowId, id, at));
    run(commands.finish(s, windowId, { outcome: 'done' }, at + sec * 1000));
  };
  return { s, issue, open, choose, call, serve, run };
}

describe('the balanced policy', () => {
  it('calls the green channel first, but after two greens in a row a normal ticket', () => {
    const h = hall();
    h.open('W02');
    h.issue('biz', 0);
    for (let i = 0; i < 3; i++) h.issue('biz', 1000, 'green');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = h.call('W02', 2000 + i)!;
      order.push(`${h.s.tickets.get(c.ticketId)!.priority}: ${c.reason.split(' (')[0]}`);
      h.run(commands.finish(h.s, 'W02', { outcome: 'done' }, 2000 + i));
    }
    expect(order).toEqual(['green: green channel first', 'green: green channel first', 'normal: most pressing: waited 0 min of 15 min target; a normal ticket after 2 green in a row', 'green: green channel first']);
  });

  it('calls a booked visitor from the slot less the lead, before walk-ins; an early comer only when nobody else waits', () => {
    const h = hall();
    h.open('W02');
    const booked = h.issue('tax', 0, 'normal', 30 * MIN);
    const walkIn = h.issue('biz', 1000);
    // Given a walk-in and a visitor booked for 30 minutes later, the walk-in goes first.
    expect(h.choose('W02', 2000)).toMatchObject({ ticketId: walkIn });
    // From five minutes before the slot the booking comes first.
    expect(h.choose('W02', 25 * MIN)).toMatchObject({ ticketId: booked, reason: expect.stringContaining('booked visitor, slot due') });
    // With nobody else waiting, an early comer is called rather than leaving the window idle.
    h.call('W02', 2000);
    h.run(commands.finish(h.s, 'W02', { outcome: 'done' }, 3000));
    expect(h.choose('W02', 4000)).toMatchObject({ ticketId: booked, reason: expect.stringContaining('called early') });
  });

  it('has a window that can do a rare matter serve it before common work others can do', () => {
    const h = hall();
    h.open('W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07');
    for (const id of ['W02', 'W03', 'W04', 'W05', 'W06', 'W07']) h.run(commands.callTicket(h.s, id, h.issue('biz', 0), 0));
    h.issue('biz', 1000);
    const loan = h.issue('loan', 5 * MIN);
    // Only W01 is idle: the older common ticket waits for the six others, the loan does not.
    expect(h.choose('W01', 5 * MIN)).toEqual({ ticketId: loan, reason: 'rare matter: only 1 of 7 open windows can do 公积金贷款 (waited 0 min)' });
  });

  it('sends a new ticket to the better idle window: not the one kept for the rare matter, then the least busy today', () => {
    const h = hall(2);
    h.open('W01', 'W02', 'W03');
    h.serve('W02', 'tax', 0, 600);
    const t = h.issue('biz', 20 * MIN);
    expect(h.choose('W01', 20 * MIN)).toBeNull();
    expect(h.choose('W02', 20 * MIN)).toBeNull();
    expect(h.choose('W03', 20 * MIN)).toMatchObject({ ticketId: t });
  });

  it('prefers the quick matter at equal claim, and the long wait once it has waited longer against its target', () => {
    const h = hall(1);
    h.open('W02');
    for (let i = 0; i < 6; i++) h.serve('W02', 'biz', i * 1000, 900);
    for (let i = 0; i < 6; i++) h.serve('W02', 'tax', 10_000_000 + i * 1000, 120);
    const t0 = 20_000_000;
    const biz = h.issue('biz', t0);
    const tax = h.issue('tax', t0 + 1000);
    expect(h.choose('W02', t0 + 2 * MIN)).toMatchObject({ ticketId: tax, reason: expect.stringContaining('quick matter') });
    h.issue('tax', t0 + 12 * MIN);
    h.call('W02', t0 + 12 * MIN);
    h.run(commands.finish(h.s, 'W02', { outcome: 'done' }, t0 + 13 * MIN));
    // biz has waited 13 min, nearly its target; the fresh tax ticket only 1 min.
    expect(h.choose('W02', t0 + 13 * MIN)).toMatchObject({ ticketId: biz, reason: expect.stringContaining('close to missing it') });
  });

  it('keeps the one window left ready for a rare matter off long common work, not off quick work', () => {
    const h = hall(6);
    h.open('W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07');
    for (let i = 0; i < 6; i++) h.serve('W02', 'biz', i * 1000, 900);
    for (let i = 0; i < 6; i++) h.serve('W02', 'tax', 10_000_000 + i * 1000, 120);
    const t0 = 20_000_000;
    for (const id of ['W02', 'W03', 'W04', 'W05', 'W06', 'W07']) h.run(commands.callTicket(h.s, id, h.issue('biz', t0), t0));
    const biz = h.issue('biz', t0 + 1000);
    const tax = h.issue('tax', t0 + 2000);
    // biz (learned ~12 min) is longer than half the loan's 15 min target; tax (~3 min) is quick.
    expect(h.choose('W01', t0 + MIN)).toMatchObject({ ticketId: tax });
    h.call('W01', t0 + MIN);
    h.run(commands.finish(h.s, 'W01', { outcome: 'done' }, t0 + 4 * MIN));
    // Only the long matter waits: W01, the only window for loans, stays free for the next loan.
    expect(h.choose('W01', t0 + 4 * MIN)).toBeNull();
    expect(h.s.tickets.get(biz)!.steps[0].status).toBe('waiting');
  });

  it('agrees with itself: windows asking one after another at the same moment share the tickets out', () => {
    const h = hall(4);
    h.open('W01', 'W02', 'W03', 'W04', 'W05');
    const tickets = [h.issue('biz', 0), h.issue('tax', 10), h.issue('loan', 20), h.issue('biz', 30, 'green')];
    const planned = new Map(['W05', 'W03', 'W01', 'W04', 'W02'].map((id) => [id, h.choose(id, 60_000)?.ticketId ?? null]));
    const called: string[] = [];
    for (const id of ['W01', 'W02', 'W03', 'W04', 'W05']) {
      const c = h.call(id, 60_000);
      if (c) called.push(c.ticketId);
      expect(c?.ticketId ?? null).toBe(planned.get(id));
    }
    expect(called.sort()).toEqual([...tickets].sort());
  });
});
