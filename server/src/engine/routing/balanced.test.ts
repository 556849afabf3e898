import { describe, expect, it } from 'vitest';
import { commands, getPolicy, type HallModel } from '../index.ts';
import { MIN, testHall } from '../testing.ts';

const balanced = getPolicy('balanced')!;

/** A hall of `regular` windows for biz and tax, and W01 that can also do the rare matter (loans). */
function model(regular = 6): HallModel {
  return {
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
}
const hall = (regular?: number) => testHall(model(regular));
/** The engine learns biz takes about 15 minutes and tax 2 at W02 (closed again afterwards is not needed). */
function learnLengths(h: ReturnType<typeof hall>) {
  for (let i = 0; i < 6; i++) h.serve('W02', 'biz', i * 1000, 900);
  for (let i = 0; i < 6; i++) h.serve('W02', 'tax', 10_000_000 + i * 1000, 120);
}
const T0 = 20_000_000;

describe('balanced: the green channel', () => {
  it('given green and normal tickets waiting, when a window calls, then a green ticket comes first', () => {
    const h = hall();
    h.open('W02');
    h.issue('biz', 0);
    const green = h.issue('biz', 1000, { priority: 'green' });
    expect(h.callNext('W02', balanced, 2000)).toMatchObject({ ticketId: green, reason: 'green-first' });
  });

  it('given a window that called two green tickets in a row, when a normal one waits too, then it calls the normal one', () => {
    const h = hall();
    h.open('W02');
    const normal = h.issue('biz', 0);
    for (let i = 0; i < 3; i++) h.issue('biz', 1000, { priority: 'green' });
    for (let i = 0; i < 2; i++) {
      h.callNext('W02', balanced, 2000 + i);
      h.finish('W02', 2000 + i);
    }
    expect(h.callNext('W02', balanced, 3000)).toMatchObject({ ticketId: normal, reason: 'after-green-streak' });
  });
});

describe('balanced: booked visitors', () => {
  it('given a walk-in and a visitor booked for half an hour later, when a window calls now, then the walk-in goes first', () => {
    const h = hall();
    h.open('W02');
    h.issue('tax', 0, { appointmentAt: 30 * MIN });
    const walkIn = h.issue('biz', 1000);
    expect(balanced.choose(h.s, 'W02', 2000)).toEqual({ ticketId: walkIn, reason: 'longest-wait' });
  });

  it('given a walk-in just come and a visitor whose slot is in five minutes, when a window calls, then the booked visitor goes first', () => {
    const h = hall();
    h.open('W02');
    const booked = h.issue('tax', 0, { appointmentAt: 30 * MIN });
    h.issue('biz', 24 * MIN);
    expect(balanced.choose(h.s, 'W02', 25 * MIN)).toEqual({ ticketId: booked, reason: 'booked-slot-due' });
  });

  it('given a walk-in who has waited far past what a shared queue would have made them wait, then they go before a booking', () => {
    const h = hall();
    h.open('W02');
    const booked = h.issue('tax', 0, { appointmentAt: 30 * MIN });
    const walkIn = h.issue('biz', MIN);
    // A shared queue would have called the walk-in within minutes (W02 was free): after 24 they are past due.
    expect(h.s.tickets.get(walkIn)!.steps[0].fifoSec).toBeLessThan(600);
    expect(balanced.choose(h.s, 'W02', 25 * MIN)).toEqual({ ticketId: walkIn, reason: 'past-due' });
    expect(booked).not.toBe(walkIn);
  });

  it('given only an early booked visitor waiting, when a window calls, then it calls them rather than stay idle', () => {
    const h = hall();
    h.open('W02');
    const booked = h.issue('tax', 0, { appointmentAt: 30 * MIN });
    expect(balanced.choose(h.s, 'W02', 4000)).toEqual({ ticketId: booked, reason: 'booked-early' });
  });
});

describe('balanced: rare matters', () => {
  it('given the only window able to do loans free and a loan waiting behind common work, when it calls, then it takes the loan', () => {
    const h = hall();
    h.open('W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07');
    for (const id of ['W02', 'W03', 'W04', 'W05', 'W06', 'W07']) h.run(commands.callTicket(h.s, id, h.issue('biz', 0), 0));
    h.issue('biz', 1000);
    const loan = h.issue('loan', 5 * MIN);
    expect(balanced.choose(h.s, 'W01', 5 * MIN)).toEqual({ ticketId: loan, reason: 'rare-matter' });
  });

  it('given the loan window asking and a regular window waiting ready, when a common ticket comes, then the regular window is its home', () => {
    const h = hall(2);
    h.open('W01', 'W02', 'W03');
    h.callNext('W03', balanced, 0);
    const t = h.issue('biz', MIN);
    expect(balanced.choose(h.s, 'W01', MIN)).toEqual({ ticketId: null, reason: 'better-home' });
    expect(balanced.choose(h.s, 'W03', MIN)).toEqual({ ticketId: t, reason: 'longest-wait' });
  });

  it('given the loan window and quick and long common work waiting, when it calls, then it takes the quick matter', () => {
    const h = hall(6);
    h.open('W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07');
    learnLengths(h);
    for (const id of ['W02', 'W03', 'W04', 'W05', 'W06', 'W07']) h.run(commands.callTicket(h.s, id, h.issue('biz', T0), T0));
    h.issue('biz', T0 + 1000);
    const tax = h.issue('tax', T0 + 2000);
    expect(balanced.choose(h.s, 'W01', T0 + MIN)).toEqual({ ticketId: tax, reason: 'quick-matter' });
  });

  it('given two windows able to do loans, both ready, when one long common ticket waits, then one takes it and the other is kept ready for loans', () => {
    const m = model(5);
    m.windows[1].skills.push('loan');
    const h = testHall(m);
    h.open('W01', 'W02', 'W03', 'W04', 'W05', 'W06');
    learnLengths(h);
    for (const id of ['W03', 'W04', 'W05', 'W06']) h.run(commands.callTicket(h.s, id, h.issue('biz', T0), T0));
    h.callNext('W01', balanced, T0);
    h.callNext('W02', balanced, T0);
    const biz = h.issue('biz', T0 + MIN);
    const answers = ['W01', 'W02'].map((w) => balanced.choose(h.s, w, T0 + MIN));
    // W02 has been busier today: W01 works, W02 is kept ready.
    expect(answers).toEqual([{ ticketId: biz, reason: 'longest-wait' }, { ticketId: null, reason: 'kept-for-rare' }]);
  });

  it('given the only loan window asking and only long common work waiting that no ready window could take, then the hold ends: it takes the work', () => {
    const h = hall(6);
    h.open('W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07');
    learnLengths(h);
    for (const id of ['W02', 'W03', 'W04', 'W05', 'W06', 'W07']) h.run(commands.callTicket(h.s, id, h.issue('biz', T0), T0));
    const biz = h.issue('biz', T0 + 1000);
    expect(balanced.choose(h.s, 'W01', T0 + 4 * MIN)).toEqual({ ticketId: biz, reason: 'longest-wait' });
  });
});

describe('balanced: the order of common work', () => {
  it('given a long and a quick matter that have waited alike, when a window calls, then the quick one goes first', () => {
    const h = hall(1);
    h.open('W02');
    learnLengths(h);
    h.issue('biz', T0);
    const tax = h.issue('tax', T0 + 1000);
    expect(balanced.choose(h.s, 'W02', T0 + 2 * MIN)).toEqual({ ticketId: tax, reason: 'quick-matter' });
  });

  it('given a long matter close to its target (in a queue a shared queue also keeps long) and a quick one just come, then the long one goes first', () => {
    const h = hall(1);
    h.open('W02');
    learnLengths(h);
    // W02 is busy with a long visit and four long matters wait: the next one's shared-queue wait is long too.
    h.run(commands.callTicket(h.s, 'W02', h.issue('biz', T0), T0));
    for (let i = 0; i < 4; i++) h.issue('biz', T0 + i);
    const biz = h.issue('biz', T0 + 10);
    expect(h.s.tickets.get(biz)!.steps[0].fifoSec).toBeGreaterThan(3000);
    h.issue('tax', T0 + 12 * MIN);
    h.finish('W02', T0 + 13 * MIN);
    const got = balanced.choose(h.s, 'W02', T0 + 13 * MIN);
    expect(got.reason).toBe('near-target');
    expect(h.s.tickets.get(got.ticketId!)!.steps[0].serviceId).toBe('biz');
  });
});

describe('balanced: the hand-out', () => {
  it('given several ready windows, when they ask one after another at the same moment, then each gets what the hand-out planned and every ticket goes out', () => {
    const h = hall(4);
    h.open('W01', 'W02', 'W03', 'W04', 'W05');
    for (const w of ['W01', 'W02', 'W03', 'W04', 'W05']) h.run(commands.setAutoCall(h.s, w, 0, 0));
    const tickets = [h.issue('biz', 0), h.issue('tax', 10), h.issue('loan', 20), h.issue('biz', 30, { priority: 'green' })];
    const planned = new Map(['W05', 'W03', 'W01', 'W04', 'W02'].map((id) => [id, balanced.choose(h.s, id, MIN).ticketId]));
    const called: string[] = [];
    for (const id of ['W01', 'W02', 'W03', 'W04', 'W05']) {
      const c = h.callNext(id, balanced, MIN);
      expect(c.type === 'ticket.called' ? c.ticketId : null).toBe(planned.get(id));
      if (c.type === 'ticket.called') called.push(c.ticketId);
    }
    expect(called.sort()).toEqual([...tickets].sort());
  });
});
