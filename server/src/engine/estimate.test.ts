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
  it('is nil with fewer tickets ahead than idle windows', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W01', 'c1', 0));
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    h.issue('biz');
    expect(estimateWait(h.s, h.issue('biz'), 0)).toEqual({ ahead: 1, estimatedWaitSec: 0 });
  });

  it('counts another queue that shares our windows, for the share of its windows that are ours', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W01', 'c1', 0));
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    for (const w of ['W01', 'W02']) h.run(commands.callTicket(h.s, w, h.issue('biz').id, 0));
    h.issue('tax'); // only W01 can serve it, and W01 serves biz too: all of it is ahead of biz
    h.issue('biz');
    const mine = h.issue('biz');
    // Two busy windows (300 s each by the prior): 300 s of tax and 300 s of biz ahead, plus one
    // service to free a window, over two windows.
    expect(estimateWait(h.s, mine, 0)).toEqual({ ahead: 1, estimatedWaitSec: (300 + 300 + 300) / 2 });
  });

  it('puts green tickets ahead of a normal one, and a booked visitor waits at least for the slot', () => {
    const h = hall();
    h.run(commands.signIn(h.s, 'W02', 'c2', 0));
    h.run(commands.callTicket(h.s, 'W02', h.issue('biz').id, 0));
    const normal = h.issue('biz');
    h.issue('biz', 'green');
    expect(estimateWait(h.s, normal, 0)).toEqual({ ahead: 1, estimatedWaitSec: 600 });
    const booked = h.issue('biz', 'normal', 3_600_000);
    expect(estimateWait(h.s, booked, 0).estimatedWaitSec).toBe(3600);
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
