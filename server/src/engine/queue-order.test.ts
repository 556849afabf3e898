import { describe, expect, it } from 'vitest';
import { getPolicy } from './routing/index.ts';
import { restoreHallState } from './state.ts';
import { MIN, testHall } from './testing.ts';

const fifo = getPolicy('fifo')!;
const T = 10 * 60 * MIN;

describe('the queue is in the order the log applied, not the wall clock\'s', () => {
  it('given a ticket issued after the clock was set back an hour, when a window calls first come first served, then the earlier visitor goes first', () => {
    const h = testHall();
    const first = h.issue('biz', T);
    const second = h.issue('biz', T - 60 * MIN);
    expect(h.s.tickets.get(second)!.steps[0].order).toBe(2);
    h.open('W01');
    const called = h.callNext('W01', fifo, T + MIN);
    expect(called.type === 'ticket.called' && called.ticketId).toBe(first);
  });

  it('given a matter queued after a finish, then it joins behind those already waiting, whatever the clock said', () => {
    const h = testHall();
    h.open('W01');
    const a = h.issue('biz', T);
    const b = h.issue('tax', T + MIN);
    h.callNext('W01', fifo, T + 2 * MIN);
    // The finish's clock reads earlier than b's issue: a's second matter still joins after b.
    h.run([{ type: 'ticket.finished', at: T - 30 * MIN, ticketId: a, windowId: 'W01', outcome: 'done', note: null, nextServiceId: 'tax' }]);
    const next = h.callNext('W01', fifo, T + 3 * MIN);
    expect(next.type === 'ticket.called' && next.ticketId).toBe(b);
    expect(h.s.tickets.get(a)!.steps[1].order).toBe(3);
  });

  it('given a restart, then the order comes back as stored; a day stored before the order existed is numbered by time joined', () => {
    const h = testHall();
    const ids = [h.issue('biz', T), h.issue('biz', T - 60 * MIN), h.issue('biz', T + MIN)];
    const stored = [...h.s.tickets.values()].map((t) => structuredClone(t)).reverse();
    const again = restoreHallState(h.s.model, h.s.day, stored, [...h.s.windows.values()], T + 2 * MIN);
    expect([...again.waiting.after({ ticket: again.tickets.get(ids[0])!, step: again.tickets.get(ids[0])!.steps[0] })].map((c) => c.ticket.id)).toEqual([ids[1], ids[2]]);
    expect(again.joins).toBe(3);

    const old = stored.map((t) => ({ ...t, steps: t.steps.map(({ order: _, ...st }) => st) }));
    const legacy = restoreHallState(h.s.model, h.s.day, old, [...h.s.windows.values()], T + 2 * MIN);
    expect(ids.map((id) => legacy.tickets.get(id)!.steps[0].order)).toEqual([2, 1, 3]);
    expect(legacy.joins).toBe(3);
  });

  it('given a new day, then the order starts again', () => {
    const h = testHall();
    h.issue('biz', T);
    h.run([{ type: 'day.started', at: T + 24 * 60 * MIN, day: '2026-11-24' }]);
    expect(h.s.joins).toBe(0);
    const t = h.issue('biz', T + 25 * 60 * MIN);
    expect(h.s.tickets.get(t)!.steps[0].order).toBe(1);
  });
});
