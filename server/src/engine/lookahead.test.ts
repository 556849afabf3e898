import { afterEach, describe, expect, it } from 'vitest';
import { apply, commands, createHallState, getPolicy, newStep, restoreHallState, type EngineEvent, type HallModel, type HallState, type Priority, type Ticket } from './index.ts';
import { sequentialContext } from './testing.ts';
import { LOOKAHEAD, lookaheadSec } from './lookahead.ts';

const model: HallModel = {
  services: [
    { id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 },
    { id: 'tax', name: '税务办理', prefix: 'B', targetWaitSec: 600 },
    { id: 'prop', name: '不动产', prefix: 'C', targetWaitSec: 1200 },
  ],
  windows: [
    { id: 'W01', name: '1号', skills: ['biz', 'tax'] },
    { id: 'W02', name: '2号', skills: ['tax', 'prop'] },
    { id: 'W03', name: '3号', skills: ['prop', 'biz'] },
  ],
  greenStreakCap: 2,
  appointmentLeadSec: 300,
};
const SERVICES = ['biz', 'tax', 'prop'];
const fifo = getPolicy('fifo')!;
const PLAYED = LOOKAHEAD.MAX_WAITING;

/** A busy morning: 60 visitors of three matters, some green, some booked, windows calling now and then. */
function busyHall(): { s: HallState; ctx: ReturnType<typeof sequentialContext>; run: (events: EngineEvent[]) => void } {
  const s = createHallState(model, '2026-12-07', 0);
  const ctx = sequentialContext(0);
  const run = (events: EngineEvent[]) => events.forEach((e) => apply(s, e));
  for (const w of model.windows) run(commands.signIn(s, w.id, `c-${w.id}`, 0));
  for (let i = 0; i < 60; i++) {
    ctx.advance(40_000);
    const priority: Priority = i % 9 === 4 ? 'green' : 'normal';
    const appointmentAt = i % 11 === 3 ? ctx.now + 900_000 : null;
    run(commands.issueTicket(s, { serviceId: SERVICES[(i * 7) % 3], priority, channel: 'kiosk', appointmentAt }, ctx));
    if (i % 4 === 0) {
      const w = model.windows[i % 3].id;
      if (s.windows.get(w)!.currentTicketId) run(commands.finish(s, w, { outcome: 'done' }, ctx.now));
      run(commands.callNext(s, w, fifo, ctx.now));
    }
  }
  return { s, ctx, run };
}

function plain(serviceId: string, now: number): Ticket {
  return {
    id: 'newcomer', day: '2026-12-07', number: '', priority: 'normal', channel: 'kiosk', issuedAt: now, trackToken: '',
    appointmentAt: null, appointmentId: null, kioskId: null, steps: [newStep(serviceId, now)],
  };
}

afterEach(() => {
  LOOKAHEAD.MAX_WAITING = PLAYED;
});

describe('the lookahead', () => {
  it('tells a ticket taken now of each matter the same call as a play with that ticket in the queue', () => {
    const { s, ctx, run } = busyHall();
    expect(s.waiting.size).toBeGreaterThan(30);
    let later = 0;
    for (const serviceId of SERVICES) {
      const told = lookaheadSec(s, plain(serviceId, ctx.now), ctx.now);
      expect(told).not.toBeNull();
      // Issued at the same moment, the ticket joins the queue; the play of the new queue calls it then.
      const [e] = commands.issueTicket(s, { serviceId, channel: 'kiosk' }, ctx);
      run([e]);
      const issued = s.tickets.get(e.type === 'ticket.issued' ? e.ticket.id : '')!;
      expect(issued.steps[0].lookSec).toBe(Math.round(told!));
      expect(lookaheadSec(s, issued, ctx.now)).toBeCloseTo(told!, 6);
      if (told! > 0) later++;
    }
    expect(later).toBe(SERVICES.length);
  });

  it('plays every waiting ticket, each called no earlier than the windows can free', () => {
    const { s, ctx } = busyHall();
    const calls = [...s.waiting].map((id) => lookaheadSec(s, s.tickets.get(id)!, ctx.now));
    expect(calls.every((x) => x !== null && x >= 0)).toBe(true);
    // Three windows: at most three calls in any one moment's play.
    const at = new Map<number, number>();
    for (const x of calls) at.set(x!, (at.get(x!) ?? 0) + 1);
    expect(Math.max(...at.values())).toBeLessThanOrEqual(3);
  });

  it('is not played on a queue deeper than it plays: the estimate falls back to the shared queue\'s reckoning', () => {
    const { s, ctx } = busyHall();
    LOOKAHEAD.MAX_WAITING = s.waiting.size - 1;
    expect(lookaheadSec(s, s.tickets.get([...s.waiting][0])!, ctx.now + 1000)).toBeNull();
    expect(lookaheadSec(s, plain('biz', ctx.now), ctx.now + 1000)).toBeNull();
  });

  it('is the base of the day\'s record, kept in the ticket: a restart rebuilds the same record', () => {
    const { s, ctx, run } = busyHall();
    // Call the rest, so most tickets' waits are on record.
    for (let i = 0; i < 40; i++) {
      ctx.advance(60_000);
      const w = model.windows[i % 3].id;
      if (s.windows.get(w)!.currentTicketId) run(commands.finish(s, w, { outcome: 'done' }, ctx.now));
      run(commands.callNext(s, w, fifo, ctx.now));
    }
    const lookKeys = [...s.waitStats.keys()].filter((k) => k.startsWith('\u0001'));
    expect(lookKeys.length).toBeGreaterThan(2);
    const restored = restoreHallState(model, s.day, structuredClone([...s.tickets.values()]), structuredClone([...s.windows.values()]), ctx.now);
    for (const k of lookKeys) {
      const a = s.waitStats.get(k)!, b = restored.waitStats.get(k)!;
      expect(b.weight).toBeCloseTo(a.weight, 9);
      expect(b.actual).toBeCloseTo(a.actual, 6);
      expect(b.base).toBeCloseTo(a.base, 6);
    }
  });
});
