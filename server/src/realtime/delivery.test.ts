import { describe, expect, it } from 'vitest';
import type { CallView, FeedBatchItem, ServiceView, TicketView } from '@onewindow/protocol';
import { Delivery, type Frame } from './delivery.ts';

const turn = () => new Promise<void>((r) => setImmediate(r));
// Views cut down to what delivery reads.
const msg = (seq: number, prev: number, event: 'ticket:called' | 'ticket:issued' = 'ticket:called', services: { id: string; waiting: number }[] = []): FeedBatchItem => {
  const change = { seq, prev, ticket: { id: `t${seq}` } as TicketView, services: services as ServiceView[] };
  return event === 'ticket:issued' ? { event, payload: change } : { event, payload: { ...change, call: { ticketId: `t${seq}` } as CallView } };
};
const frame = (...messages: FeedBatchItem[]): Frame => ({ seq: messages.at(-1)!.payload.seq, prev: messages[0].payload.prev, messages });

function rooms(sizes: Record<string, number>) {
  const log: string[] = [];
  const sent: { room: string; frame: Frame; turn: number }[] = [];
  let turns = 0;
  const tick = () => { if (++turns < 50) setImmediate(tick); };
  setImmediate(tick);
  return {
    log, sent,
    rooms: {
      emit: (room: string, f: Frame) => { sent.push({ room, frame: structuredClone(f), turn: turns }); log.push(`${room}:${f.messages.map((m) => m.payload.seq).join(',')}`); },
      size: (room: string) => sizes[room] ?? 0,
    },
  };
}

describe('delivery of batch frames', () => {
  it('sends a fan-out a budget of sockets per turn, every room in order', async () => {
    const r = rooms({ a: 30, b: 30, c: 30, d: 30 });
    const d = new Delivery(r.rooms, { perTurn: 48, maxWaitMs: 1000 });
    for (const room of ['a', 'b', 'c', 'd']) d.send(room, frame(msg(1, 0)));
    expect(r.sent).toHaveLength(0); // nothing in the committing turn itself
    for (let i = 0; i < 5; i++) await turn();
    expect(r.log).toEqual(['a:1', 'b:1', 'c:1', 'd:1']);
    // 48 sockets a turn: two rooms of 30 per turn at most, so the four take two turns.
    const turns = new Set(r.sent.map((s) => s.turn));
    expect(turns.size).toBe(2);
  });

  it('joins a later group to a frame still waiting, keeping the first prev and the last seq', async () => {
    const r = rooms({ a: 100, b: 10 });
    const d = new Delivery(r.rooms, { perTurn: 10, maxWaitMs: 1000 });
    d.send('a', frame(msg(1, 0)));
    d.send('b', frame(msg(1, 0)));
    d.send('b', frame(msg(2, 1), msg(3, 2)));
    for (let i = 0; i < 4; i++) await turn();
    expect(r.log).toEqual(['a:1', 'b:1,2,3']);
    expect(r.sent[1].frame).toMatchObject({ seq: 3, prev: 0 });
    expect(d.queued).toBe(0);
  });

  it('merges a run of issues across groups on the counting feeds, as one group\'s are merged', async () => {
    const r = rooms({ pub: 5, staff: 5 });
    const d = new Delivery(r.rooms, { perTurn: 1, maxWaitMs: 1000, mergesIssues: (room) => room === 'pub' });
    d.send('staff', frame(msg(1, 0, 'ticket:called'))); // takes the first turn's budget
    for (const room of ['pub', 'staff']) {
      d.send(room, frame(msg(2, 1, 'ticket:issued', [{ id: 'biz', waiting: 1 }])));
      d.send(room, frame(msg(3, 2, 'ticket:issued', [{ id: 'tax', waiting: 1 }]), msg(4, 3, 'ticket:issued', [{ id: 'biz', waiting: 2 }])));
    }
    for (let i = 0; i < 5; i++) await turn();
    const pub = r.sent.find((s) => s.room === 'pub')!.frame;
    expect(pub.messages.map((m) => [m.payload.seq, m.payload.prev])).toEqual([[3, 1], [4, 3]]);
    const first = pub.messages[0];
    expect(first.event === 'ticket:issued' && first.payload.services).toEqual([{ id: 'biz', waiting: 1 }, { id: 'tax', waiting: 1 }]);
    // A staff terminal shows every ticket: nothing merged there.
    expect(r.sent.filter((s) => s.room === 'staff').flatMap((s) => s.frame.messages.map((m) => m.payload.seq))).toEqual([1, 2, 3, 4]);
  });

  it('merges an issue waiting in a frame into the next group\'s call on the counting feeds, keeping its prev', async () => {
    const r = rooms({ pub: 5, staff: 5 });
    const d = new Delivery(r.rooms, { perTurn: 1, maxWaitMs: 1000, mergesIssues: (room) => room === 'pub' });
    d.send('staff', frame(msg(1, 0, 'ticket:called'))); // takes the first turn's budget
    for (const room of ['pub', 'staff']) {
      d.send(room, frame(msg(2, 1, 'ticket:issued', [{ id: 'tax', waiting: 1 }])));
      d.send(room, frame(msg(3, 2, 'ticket:called', [{ id: 'biz', waiting: 0 }])));
    }
    for (let i = 0; i < 5; i++) await turn();
    const pub = r.sent.find((s) => s.room === 'pub')!.frame;
    expect(pub).toMatchObject({ seq: 3, prev: 1 });
    expect(pub.messages.map((m) => [m.event, m.payload.seq, m.payload.prev])).toEqual([['ticket:called', 3, 1]]);
    expect(pub.messages[0].event === 'ticket:called' && pub.messages[0].payload.services).toEqual([{ id: 'tax', waiting: 1 }, { id: 'biz', waiting: 0 }]);
    expect(r.sent.filter((s) => s.room === 'staff').flatMap((s) => s.frame.messages.map((m) => m.payload.seq))).toEqual([1, 2, 3]);
  });

  it('lets a socket join after the frames made before its snapshot, and never merges across the join', async () => {
    const r = rooms({ a: 1 });
    const d = new Delivery(r.rooms, { perTurn: 1, maxWaitMs: 1000 });
    d.send('a', frame(msg(1, 0)));
    d.join('a', () => r.log.push('join'));
    d.send('a', frame(msg(2, 1)));
    d.send('a', frame(msg(3, 2)));
    for (let i = 0; i < 5; i++) await turn();
    expect(r.log).toEqual(['a:1', 'join', 'a:2,3']);
  });

  it('sends a frame that has waited too long in the next turn, whatever the budget', async () => {
    const r = rooms({ a: 100, b: 100, c: 100 });
    const d = new Delivery(r.rooms, { perTurn: 1, maxWaitMs: 30, spread: 1000 });
    for (const room of ['a', 'b', 'c']) d.send(room, frame(msg(1, 0)));
    const until = performance.now() + 40;
    while (performance.now() < until) { /* the server busy with other work */ }
    await turn();
    expect(r.log).toEqual(['a:1', 'b:1', 'c:1']);
  });

  it('sends a backlog within about `spread` turns, however small the budget', async () => {
    for (const [spread, turns] of [[3, 3], [1, 1]]) {
      const r = rooms({ a: 100, b: 100, c: 100 });
      const d = new Delivery(r.rooms, { perTurn: 1, maxWaitMs: 1000, spread });
      for (const room of ['a', 'b', 'c']) d.send(room, frame(msg(1, 0)));
      for (let i = 0; i < 5; i++) await turn();
      expect(r.log).toEqual(['a:1', 'b:1', 'c:1']);
      expect(new Set(r.sent.map((x) => x.turn)).size).toBe(turns);
    }
  });

  it('sends everything at once when draining', () => {
    const r = rooms({ a: 100, b: 100 });
    const d = new Delivery(r.rooms, { perTurn: 1, maxWaitMs: 1000 });
    d.send('a', frame(msg(1, 0)));
    d.send('b', frame(msg(1, 0)));
    d.drain();
    expect(r.log).toEqual(['a:1', 'b:1']);
    expect(d.queued).toBe(0);
  });
});
