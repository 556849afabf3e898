import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apply, commands, createHallState, estimateForNewTicket, estimateWait, estimateWaitByWalk, newStep, POLICIES, type Estimate, type EngineEvent, type HallModel, type Priority, type Ticket } from './index.ts';
import { sequentialContext } from './testing.ts';
import { LOOKAHEAD } from './lookahead.ts';

const PLAYED = LOOKAHEAD.MAX_WAITING;

const model: HallModel = {
  services: [
    { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
    { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 900 },
  ],
  windows: [
    { id: 'W01', name: '1号', skills: ['biz', 'tax'] },
    { id: 'W02', name: '2号', skills: ['biz'] },
  ],
  greenStreakCap: 2,
  appointmentLeadSec: 300,
};

function hall() {
  const s = createHallState(model, '2026-11-23', 0);
  const ctx = sequentialContext(0);
  const run = (events: EngineEvent[]) => events.forEach((e) => apply(s, e));
  const issue = (serviceId: string, priority: Priority = 'normal', appointmentAt: number | null = null) => {
    const [e] = commands.issueTicket(s, { serviceId, priority, channel: 'kiosk', appointmentAt }, ctx);
    run([e]);
    return s.tickets.get(e.type === 'ticket.issued' ? e.ticket.id : '')!;
  };
  return { s, ctx, run, issue };
}

describe('estimated wait at issue', () => {
  it('given fewer tickets ahead than free windows, then the wait is nil', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W01', 'c1', 0));
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    h.issue('biz');
    expect(estimateWait(h.s, h.issue('biz'), 0)).toEqual({ ahead: 1, estimatedWaitSec: 0, range: null });
  });

  it('given another queue sharing our windows and no record yet, then the windows play the queue forward as they come free', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W01', 'c1', 0));
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    for (const w of ['W01', 'W02']) h.run(commands.callTicket(h.s, w, h.issue('biz').id, 0));
    h.issue('tax'); // only W01 can serve it
    h.issue('biz');
    const mine = h.issue('biz');
    // Both windows busy for 300 s (the prior); then W01 takes tax and W02 the biz before ours, and
    // ours goes to whichever is free first, 300 s later. (A shared queue's reckoning, counting tax
    // as half of W01's, would say 450 s.)
    expect(estimateWait(h.s, mine, 0)).toMatchObject({ ahead: 1, estimatedWaitSec: 600 });
    expect(mine.steps[0].lookSec).toBe(600);
  });

  it('given a long matter before a quick one, then the quick one is told the wait the routing order gives it, not the shared queue\'s', () => {
    const m: HallModel = { ...model, windows: [{ id: 'W01', name: '1号', skills: ['biz', 'tax'] }] };
    const s = createHallState(m, '2026-11-23', 0);
    const ctx = sequentialContext(0);
    const run = (events: EngineEvent[]) => events.forEach((e) => apply(s, e));
    const issue = (serviceId: string) => {
      const [e] = commands.issueTicket(s, { serviceId, channel: 'kiosk' }, ctx);
      run([e]);
      return s.tickets.get(e.type === 'ticket.issued' ? e.ticket.id : '')!;
    };
    run(commands.signIn(s, 'W01', 'c1', 0));
    // The day so far: biz takes 20 minutes, tax 2.
    for (const [serviceId, sec] of [['biz', 1200], ['tax', 120], ['biz', 1200], ['tax', 120]] as const) {
      const t = issue(serviceId);
      run(commands.callTicket(s, 'W01', t.id, ctx.now));
      ctx.advance(sec * 1000);
      run(commands.finish(s, 'W01', { outcome: 'done' }, ctx.now));
    }
    run(commands.callTicket(s, 'W01', issue('biz').id, ctx.now));
    const long = issue('biz');
    ctx.advance(1000);
    const quick = issue('tax');
    // W01 frees after the biz it serves; then the quick matter goes first (the routing's cμ order),
    // though it came later. The shared queue would put the long biz before it.
    const bizSec = (2 * 1200 + 3 * 300) / 5; // the learned mean, shrunk towards the prior
    const look = estimateWait(s, quick, ctx.now).estimatedWaitSec!;
    expect(Math.abs(look - (bizSec - 1))).toBeLessThanOrEqual(1);
    expect(estimateWait(s, long, ctx.now).estimatedWaitSec!).toBeGreaterThan(look + 60);
  });

  it('given a green ticket waiting, then a normal one reckons with it, and a green one with no normal ticket', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    h.run(commands.callTicket(h.s, 'W02', h.issue('biz').id, 0));
    h.issue('biz'); // normal, first
    h.issue('biz', 'green');
    const normal = h.issue('biz');
    const green = h.issue('biz', 'green');
    // W02 busy (300 s), then the normal before ours and both greens (one taken after ours, still
    // called first): 1200 s; the green waits for W02 and the one green before it: 600 s.
    expect(estimateWait(h.s, normal, 0).estimatedWaitSec).toBe(1200);
    expect(estimateWait(h.s, green, 0).estimatedWaitSec).toBe(600);
  });

  it('given a booked visitor an hour before the slot in a hall that calls bookings at most 10 minutes early, then they are told the wait until they may be called', () => {
    const s = createHallState({ ...model, bookedEarlyMaxSec: 600 }, '2026-11-23', 0);
    const ctx = sequentialContext(0);
    commands.signIn(s, 'W02', 'c2', 0).forEach((e) => apply(s, e));
    const [e] = commands.issueTicket(s, { serviceId: 'biz', channel: 'appointment', appointmentAt: 3_600_000 }, ctx);
    apply(s, e);
    const booked = s.tickets.get(e.type === 'ticket.issued' ? e.ticket.id : '')!;
    // The slot less the lead (300 s) less the 600 s early calls are allowed: the window, idle, calls then.
    expect(estimateWait(s, booked, 0).estimatedWaitSec).toBe(3600 - 300 - 600);
  });

  it('given a booked visitor an hour early in a hall with no bound on early calls, then an idle window may call them now, and they are told so', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    const booked = h.issue('biz', 'normal', 3_600_000);
    expect(estimateWait(h.s, booked, 0).estimatedWaitSec).toBe(0);
  });

  it('given visitors called after twice what the lookahead foresaw, then a new ticket is told about twice what it foresees', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    // Ten biz visitors, each foreseen (lookSec) and really called after twice that.
    for (let i = 0; i < 10; i++) {
      h.ctx.now = i * 10_000_000;
      const t = h.issue('biz');
      const reckoned = t.steps[0].lookSec!;
      h.run(commands.callTicket(h.s, 'W02', t.id, h.ctx.now + 2 * (reckoned + 60) * 1000 - 60_000));
      h.run(commands.finish(h.s, 'W02', { outcome: 'done' }, h.ctx.now + 2 * (reckoned + 60) * 1000));
    }
    const now = 200_000_000;
    h.ctx.now = now;
    h.run(commands.callTicket(h.s, 'W02', h.issue('biz').id, now));
    const t = h.issue('biz');
    const reckoned = t.steps[0].lookSec!;
    expect(reckoned).toBeGreaterThan(100);
    const told = estimateWait(h.s, t, now).estimatedWaitSec!;
    expect(told).toBeGreaterThan(1.8 * (reckoned + 60) - 60);
    expect(told).toBeLessThan(2.05 * (reckoned + 60) - 60);
  });

  it('given a record of waits that scatter widely, then the estimate comes with a range around it', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    for (let i = 0; i < 12; i++) {
      h.ctx.now = i * 10_000_000;
      const t = h.issue('biz');
      const factor = i % 2 ? 0.3 : 3;
      h.run(commands.callTicket(h.s, 'W02', t.id, h.ctx.now + factor * (t.steps[0].lookSec! + 60) * 1000));
      h.run(commands.finish(h.s, 'W02', { outcome: 'done' }, h.ctx.now + 4 * 3600_000));
    }
    const now = 200_000_000;
    h.ctx.now = now;
    for (let i = 0; i < 3; i++) h.issue('biz');
    h.run(commands.callTicket(h.s, 'W02', h.issue('biz').id, now));
    const e = estimateWait(h.s, h.issue('biz'), now);
    expect(e.range).not.toBeNull();
    expect(e.range!.lowSec).toBeLessThan(e.estimatedWaitSec!);
    expect(e.range!.highSec).toBeGreaterThan(e.estimatedWaitSec!);
    expect(e.range!.highSec - e.range!.lowSec).toBeGreaterThanOrEqual(300);
  });
});

describe('the wait for a ticket taken now, on a queue deeper than the lookahead plays', () => {
  beforeEach(() => {
    LOOKAHEAD.MAX_WAITING = 100;
  });
  afterEach(() => {
    LOOKAHEAD.MAX_WAITING = PLAYED;
  });

  it('comes from the queue\'s totals and equals the walk over every ticket', () => {
    const m: HallModel = {
      ...model,
      services: [...model.services, { id: 'pickup', name: '取件', prefix: 'C', targetWaitSec: 600 }],
      windows: [...model.windows, { id: 'W03', name: '3号', skills: ['tax', 'pickup'] }, { id: 'W04', name: '4号', skills: ['pickup'] }],
    };
    const s = createHallState(m, '2026-11-23', 0);
    const ctx = sequentialContext(0);
    const run = (events: EngineEvent[]) => events.forEach((e) => apply(s, e));
    for (const w of ['W01', 'W02', 'W03']) run(commands.signIn(s, w, `c-${w}`, 0)); // W04 stays closed
    const services = ['biz', 'tax', 'pickup'];
    for (let i = 0; i < 400; i++) {
      ctx.advance(7_000);
      const priority: Priority = i % 17 === 0 ? 'green' : 'normal';
      const appointmentAt = i % 23 === 0 ? ctx.now + (i % 2 ? 600_000 : -120_000) : null;
      run(commands.issueTicket(s, { serviceId: services[i % 3], priority, channel: 'kiosk', appointmentAt }, ctx));
      if (i % 9 === 0) {
        // Windows serve now and then (the learned means move), and one visit goes to W02 by name.
        const w = ['W01', 'W02', 'W03'][i % 3];
        if (s.windows.get(w)!.currentTicketId) run(commands.finish(s, w, { outcome: 'done' }, ctx.now));
        run(commands.callNext(s, w, POLICIES.balanced, ctx.now));
        if (i === 99 && s.windows.get(w)!.currentTicketId) run(commands.transfer(s, w, { serviceId: 'biz', windowId: 'W02' }, ctx.now));
      }
    }
    expect(s.waiting.size).toBeGreaterThan(150);
    expect([...s.waiting].some((id) => s.tickets.get(id)!.steps.at(-1)!.targetWindowId === 'W02')).toBe(true);
    const near = (a: Estimate, b: Estimate) => {
      expect(a.ahead).toBe(b.ahead);
      // Sums in another order: at most a rounding apart.
      expect(Math.abs(a.estimatedWaitSec! - b.estimatedWaitSec!)).toBeLessThanOrEqual(1);
      expect(b.estimatedWaitSec).toBeGreaterThan(0);
    };
    for (const serviceId of services) {
      // A ticket taken now, by the totals and by walking the queue.
      const phantom: Ticket = {
        id: '\uffff', day: s.day, number: '', priority: 'normal', channel: 'kiosk', issuedAt: ctx.now, trackToken: '',
        appointmentAt: null, appointmentId: null, kioskId: null, steps: [newStep(serviceId, ctx.now)],
      };
      near(estimateForNewTicket(s, serviceId, ctx.now), estimateWaitByWalk(s, phantom, ctx.now));
      // The newest ticket, just issued: the answer to its kiosk.
      ctx.advance(1_000);
      run(commands.issueTicket(s, { serviceId, channel: 'kiosk' }, ctx));
      const newest = [...s.tickets.values()].at(-1)!;
      near(estimateWait(s, newest, ctx.now), estimateWaitByWalk(s, newest, ctx.now));
    }
    // Every plain normal ticket in the queue (the totals less those of its pace after it), as a phone follows it.
    let plainCompared = 0;
    for (const id of s.waiting) {
      const t = s.tickets.get(id)!;
      if (t.priority !== 'normal' || t.appointmentAt !== null || t.steps.at(-1)!.front) continue;
      const byWalk = estimateWaitByWalk(s, t, ctx.now);
      expect(estimateWait(s, t, ctx.now).ahead).toBe(byWalk.ahead);
      expect(Math.abs(estimateWait(s, t, ctx.now).estimatedWaitSec! - byWalk.estimatedWaitSec!)).toBeLessThanOrEqual(1);
      plainCompared++;
    }
    expect(plainCompared).toBeGreaterThan(100);
  });
});
