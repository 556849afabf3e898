import { describe, expect, it } from 'vitest';
import { apply, commands, createHallState, estimateForNewTicket, estimateWait, estimateWaitByWalk, newStep, POLICIES, type Estimate, type EngineEvent, type HallModel, type Priority, type Ticket } from './index.ts';
import { sequentialContext } from './testing.ts';

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

  it('given another queue sharing our windows and no record yet, then its work counts for the share of its windows that are ours', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W01', 'c1', 0));
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    for (const w of ['W01', 'W02']) h.run(commands.callTicket(h.s, w, h.issue('biz').id, 0));
    h.issue('tax'); // only W01 can serve it, and W01 serves biz too: all of it is ahead of biz
    h.issue('biz');
    const mine = h.issue('biz');
    // Two busy windows (300 s each by the prior): 300 s of tax and 300 s of biz ahead, plus one
    // service to free a window, over two windows.
    expect(estimateWait(h.s, mine, 0)).toMatchObject({ ahead: 1, estimatedWaitSec: (300 + 300 + 300) / 2 });
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

  it('given a booked visitor an hour before the slot, then they are told at least the wait for the slot', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    const booked = h.issue('biz', 'normal', 3_600_000);
    expect(estimateWait(h.s, booked, 0).estimatedWaitSec).toBeGreaterThanOrEqual(3600);
  });

  it('given visitors called after twice the reckoning, then a new ticket is told about twice its reckoning', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    // Ten biz visitors, each reckoned (fifoSec) and really called after twice that.
    for (let i = 0; i < 10; i++) {
      h.ctx.now = i * 10_000_000;
      const t = h.issue('biz');
      const reckoned = t.steps[0].fifoSec!;
      h.run(commands.callTicket(h.s, 'W02', t.id, h.ctx.now + 2 * (reckoned + 60) * 1000 - 60_000));
      h.run(commands.finish(h.s, 'W02', { outcome: 'done' }, h.ctx.now + 2 * (reckoned + 60) * 1000));
    }
    const now = 200_000_000;
    h.ctx.now = now;
    h.run(commands.callTicket(h.s, 'W02', h.issue('biz').id, now));
    const t = h.issue('biz');
    const reckoned = t.steps[0].fifoSec!;
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
      h.run(commands.callTicket(h.s, 'W02', t.id, h.ctx.now + factor * (t.steps[0].fifoSec! + 60) * 1000));
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

describe('the wait for a ticket taken now', () => {
  it('on a long queue, comes from the queue\'s totals and equals the walk over every ticket', () => {
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
