import { describe, expect, it } from 'vitest';
import { apply, byQueueOrder, commands, createHallState, POLICIES, queueSummary, queueSummaryByWalk, restoreHallState, type EngineEvent, type HallState, type QueueSummary } from './index.ts';
import { sequentialContext, smallHall } from './testing.ts';

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plain = (x: QueueSummary) => ({
  byService: [...x.byService].sort(([a], [b]) => a.localeCompare(b)),
  groups: [...x.groups].sort((a, b) => `${a.serviceId}|${a.targetWindowId}`.localeCompare(`${b.serviceId}|${b.targetWindowId}`)),
});

/** Every command the hall has, at random, over a long day: the kept totals must equal a walk after each. */
function day(seed: number, steps: number, check: (s: HallState) => void) {
  const rnd = random(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const s = createHallState(smallHall, '2026-11-23', 0);
  const ctx = sequentialContext(0);
  const run = (events: EngineEvent[]) => events.forEach((e) => apply(s, e));
  const windows = smallHall.windows.map((w) => w.id);
  const services = smallHall.services.map((x) => x.id);
  for (const w of windows) run(commands.signIn(s, w, `c-${w}`, 0));
  for (let i = 0; i < steps; i++) {
    ctx.advance(Math.floor(rnd() * 30_000));
    const w = pick(windows);
    const busy = s.windows.get(w)!.currentTicketId !== null;
    const r = rnd();
    try {
      if (r < 0.45) {
        // Some booked (waiting from the slot, maybe later than now), some green.
        const booking = rnd() < 0.15;
        const appointmentAt = booking && rnd() < 0.9 ? ctx.now + Math.floor((rnd() - 0.3) * 3_600_000) : null;
        run(commands.issueTicket(s, { serviceId: pick(services), priority: rnd() < 0.1 ? 'green' : 'normal', channel: 'kiosk', appointmentAt, appointmentId: booking ? `a${i}` : null }, ctx));
      } else if (!busy && r < 0.65) run(commands.callNext(s, w, POLICIES.balanced, ctx.now));
      else if (!busy && r < 0.7 && s.waiting.size > 0) run(commands.callTicket(s, w, pick([...s.waiting]), ctx.now));
      else if (!busy && r < 0.72 && s.windows.get(w)!.held.length > 0) run(commands.callTicket(s, w, s.windows.get(w)!.held[0], ctx.now));
      else if (busy && r < 0.8) run(commands.finish(s, w, { outcome: 'done', nextServiceId: rnd() < 0.2 ? pick(services) : null }, ctx.now));
      else if (busy && r < 0.86) run(commands.transfer(s, w, { serviceId: pick(services), windowId: rnd() < 0.4 ? pick(windows) : null, position: rnd() < 0.5 ? 'front' : 'end' }, ctx.now));
      else if (busy && r < 0.9) run(commands.hold(s, w, null, ctx.now));
      else if (busy && r < 0.93) run(commands.noShow(s, w, ctx.now));
      else if (r < 0.97 && s.waiting.size > 0) run(commands.cancel(s, pick([...s.waiting]), 'left', ctx.now));
      else if (r < 0.98) run(commands.pause(s, w, 'break', ctx.now));
      else if (s.windows.get(w)!.status === 'paused') run(commands.resume(s, w, ctx.now));
    } catch (e) {
      // A command illegal in this state (a transfer to a window without the skill, …) changes nothing.
      if (!(e as { code?: string }).code) throw e;
    }
    check(s);
  }
  return s;
}

describe('the waiting queue keeps the totals a walk would find', () => {
  it('given long random days, after every command, then the counts, the oldest waits and the bookings equal a walk', () => {
    let compared = 0, withBookings = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      day(seed, 1500, (s) => {
        expect(plain(queueSummary(s))).toEqual(plain(queueSummaryByWalk(s)));
        const fromBookings = [...s.waiting].filter((id) => s.tickets.get(id)!.appointmentId !== null && s.tickets.get(id)!.steps.length === 1);
        expect([...s.waiting.fromBookings()].sort()).toEqual(fromBookings.sort());
        compared++;
        if (fromBookings.length > 0) withBookings++;
      });
    }
    expect(compared).toBe(7500);
    expect(withBookings).toBeGreaterThan(1000);
  });

  it('given long random days, every tenth command, then the steps after a ticket in queue order are those a sort finds', () => {
    let compared = 0, nonEmpty = 0, step = 0;
    for (const seed of [1, 2, 3]) {
      day(seed, 1500, (s) => {
        if (++step % 10 !== 0) return;
        // After a ticket in queue order: the tickets an estimate takes back out of the totals.
        const all = [...s.waiting].map((id) => ({ ticket: s.tickets.get(id)!, step: s.tickets.get(id)!.steps.at(-1)! }));
        for (const c of all.filter((_, i) => i % 7 === 0)) {
          const expected = all.filter((x) => !x.step.front && byQueueOrder(x, c) > 0).sort(byQueueOrder).map((x) => x.ticket.id);
          expect([...s.waiting.after(c)].map((x) => x.ticket.id)).toEqual(expected);
          compared++;
          if (expected.length > 0) nonEmpty++;
        }
      });
    }
    expect(compared).toBeGreaterThan(1000);
    expect(nonEmpty).toBeGreaterThan(900);
  });

  it('given the random days above, then they really queue: long, booked, transferred to the front and to a window', () => {
    let longest = 0, front = 0, targeted = 0, booked = 0;
    day(1, 1500, (s) => {
      longest = Math.max(longest, s.waiting.size);
      for (const id of s.waiting) {
        const t = s.tickets.get(id)!;
        const step = t.steps[t.steps.length - 1];
        if (step.front) front++;
        if (step.targetWindowId) targeted++;
        if (t.appointmentId !== null && t.steps.length === 1) booked++;
      }
    });
    expect(longest).toBeGreaterThan(50);
    expect(Math.min(front, targeted, booked)).toBeGreaterThan(0);
  });

  it('given a restart from the stored tickets in the store\'s order, then the totals and the queue order are the walk\'s', () => {
    const s = day(7, 600, () => undefined);
    const restored = restoreHallState(smallHall, s.day, [...s.tickets.values()].reverse().map((t) => structuredClone(t)), [...s.windows.values()], 0);
    expect(restored.waiting.size).toBe(s.waiting.size);
    expect(plain(queueSummary(restored))).toEqual(plain(queueSummaryByWalk(s)));
    // Reloaded in the store's order, not the queue's: the order is the queue's all the same.
    const first = [...restored.waiting].map((id) => ({ ticket: restored.tickets.get(id)!, step: restored.tickets.get(id)!.steps.at(-1)! })).sort(byQueueOrder).find((c) => !c.step.front)!;
    const rest = [...restored.waiting.after(first)];
    expect(rest.map((c) => c.ticket.id)).toEqual([...rest].sort(byQueueOrder).map((c) => c.ticket.id));
    expect(rest.length).toBeGreaterThan(10);
  });

  it('given a queue, when a new day starts, then it is empty with no totals left', () => {
    const restored = day(7, 600, () => undefined);
    expect(restored.waiting.size).toBeGreaterThan(0);
    apply(restored, { type: 'day.started', at: 1, day: '2026-11-24' });
    expect(plain(queueSummary(restored))).toEqual({ byService: [], groups: [] });
    expect(restored.waiting.size).toBe(0);
  });
});
