import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepFeed, type FeedSocketLike } from './feed.ts';

/** A stand-in for a socket.io-client socket: only the retry decisions are under test here (the real
 * reconnects run in every UI's browser test against a real server). */
class FakeSocket extends EventEmitter implements FeedSocketLike {
  connected = false;
  active = false;
  connects = 0;
  connect() { this.connects++; }
  disconnect() { this.connected = false; }
}

afterEach(() => { vi.useRealTimers(); });

describe('keepFeed', () => {
  it('reconnects after the server closed the connection, with a growing delay, and stops when closed', () => {
    vi.useFakeTimers();
    const s = new FakeSocket();
    const statuses: string[] = [];
    const feed = keepFeed(s, { status: (x) => statuses.push(x), state: () => {}, event: () => {} }, { retryMs: 100 });
    s.emit('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(99);
    expect(s.connects).toBe(0);
    vi.advanceTimersByTime(1);
    expect(s.connects).toBe(1);
    s.emit('connect_error', new Error('xhr poll error'));
    vi.advanceTimersByTime(150);
    expect(s.connects).toBe(1);
    vi.advanceTimersByTime(50);
    expect(s.connects).toBe(2);
    feed.close();
    s.emit('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(10_000);
    expect(s.connects).toBe(2);
    expect(statuses).toEqual(['connecting', 'offline', 'offline']);
  });

  it('gives up on a final refusal and forwards state and events', () => {
    const s = new FakeSocket();
    const got: string[] = [];
    keepFeed(s, { status: (x, d) => got.push(`${x}:${d ?? ''}`), state: () => got.push('state'), event: (n) => got.push(n) },
      { final: ['TICKET_NOT_FOUND'], events: ['ticket:called'] });
    s.emit('state', {});
    s.emit('ticket:called', {});
    s.emit('ticket:issued', {});
    s.emit('connect_error', new Error('TICKET_NOT_FOUND'));
    expect(got).toEqual(['connecting:', 'state', 'ticket:called', 'refused:TICKET_NOT_FOUND']);
  });
});

describe('keepFeed batches', () => {
  it('unpacks a batch into its messages, in order, keeping only the events asked for', () => {
    const s = new FakeSocket();
    const got: [string, unknown][] = [];
    keepFeed(s, { status: () => {}, state: () => {}, event: (n, p) => got.push([n, p]) }, { events: ['ticket:issued', 'ticket:called'] });
    s.emit('batch', { seq: 7, prev: 4, messages: [
      { event: 'ticket:issued', payload: { seq: 5, prev: 4 } },
      { event: 'alert', payload: { seq: 6, prev: 5 } },
      { event: 'ticket:called', payload: { seq: 7, prev: 6 } },
    ] });
    s.emit('batch', {});
    expect(got).toEqual([['ticket:issued', { seq: 5, prev: 4 }], ['ticket:called', { seq: 7, prev: 6 }]]);
  });
});
