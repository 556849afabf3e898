import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, StateSnapshot } from '../events.ts';
import type { FeedStatus, ServerMessage } from '../feed.ts';
import { openFeed, type FeedConnection } from './feed.ts';

/**
 * The feed client against a real socket.io server on a loopback port: the seq protocol, batches,
 * a server-side disconnect and a final refusal. (The UIs' browser tests run it against the hall.)
 */
type Io = Server<ClientToServerEvents, ServerToClientEvents>;
const snapshot = (seq: number): StateSnapshot => ({
  seq, feed: 'public', services: [], windows: [], recentCalls: [], tickets: [], alerts: [], printers: [], evaluation: null,
  hall: { name: '大厅', timezone: 'Asia/Shanghai', day: '2026-11-23', open: true, announcement: { template: '', repeat: 1 }, now: '2026-11-23T09:00:00.000+08:00' },
});
const alert = (seq: number, prev: number, id = `a${seq}`) => ({
  seq, prev, alert: { id, kind: 'printer', level: 'warning' as const, message: '', raisedAt: '', acknowledgedAt: null, acknowledgedBy: null },
});

let io: Io | null = null;
let conn: FeedConnection | null = null;
afterEach(async () => {
  conn?.close();
  conn = null;
  await new Promise<void>((r) => (io ? io.close(() => r()) : r()));
  io = null;
});

/** A server that answers every connection (and every state:request) with a snapshot at `seq()`. */
async function serve(opts: { seq?: () => number; refuse?: string } = {}) {
  const http = createServer();
  const server: Io = new Server(http);
  io = server;
  const requests: number[] = [];
  if (opts.refuse) server.use((_s, next) => next(new Error(opts.refuse)));
  server.on('connection', (s) => {
    s.emit('state', snapshot(opts.seq?.() ?? 10));
    s.on('state:request', () => {
      requests.push(Date.now());
      s.emit('state', snapshot(opts.seq?.() ?? 10));
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { server, requests, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function client(url: string, extra: Parameters<typeof openFeed>[2] = {}) {
  const got = { states: [] as number[], messages: [] as ServerMessage[], statuses: [] as string[] };
  conn = openFeed({ token: 't' }, {
    state: (s) => got.states.push(s.seq),
    message: (m) => got.messages.push(m),
    status: (s: FeedStatus, d?: string) => got.statuses.push(d ? `${s}:${d}` : s),
  }, { url, socket: { transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 50 }, retryMs: 20, maxRetryMs: 50, ...extra });
  return got;
}

describe('openFeed', () => {
  it('applies messages in order, drops duplicates, and repairs a gap with one fresh snapshot', async () => {
    // Given a screen that has its first snapshot at seq 10
    let seq = 10;
    const { server, requests, url } = await serve({ seq: () => seq });
    const got = client(url);
    await expect.poll(() => got.states).toEqual([10]);
    // When the server sends 11, 11 again, then 14 after 12 (13 lost), then 15
    server.emit('alert', alert(11, 10));
    server.emit('alert', alert(11, 10));
    seq = 15;
    server.emit('alert', alert(14, 13));
    server.emit('alert', alert(15, 14));
    // Then 11 is applied once, the gap asks for one snapshot (15), and nothing after the gap is applied before it
    await expect.poll(() => got.states).toEqual([10, 15]);
    expect(got.messages.map((m) => m.payload.seq)).toEqual([11]);
    expect(requests).toHaveLength(1);
    expect(conn!.gaps).toBe(2);
    expect(conn!.seq).toBe(15);
  });

  it('unpacks a batch into typed messages and answers hall:reset with a snapshot instead of a message', async () => {
    // Given a connected screen
    const { server, requests, url } = await serve();
    const got = client(url);
    await expect.poll(() => got.states).toEqual([10]);
    // When one turn's messages come as a batch, the last one a reset
    server.emit('batch', { seq: 13, prev: 10, messages: [
      { event: 'alert', payload: alert(11, 10) },
      { event: 'printer:status', payload: { seq: 12, prev: 11, printer: { kioskId: 'K1', state: 'paper-out', at: '' } } },
      { event: 'hall:reset', payload: { seq: 13, prev: 12, reason: 'day.started' } },
    ] });
    // Then the two messages arrive with their names and payloads, and the reset brings a snapshot
    await expect.poll(() => requests.length).toBe(1);
    expect(got.messages.map((m) => m.event)).toEqual(['alert', 'printer:status']);
    const printer = got.messages[1];
    expect(printer.event === 'printer:status' && printer.payload.printer.state).toBe('paper-out');
  });

  it('listens only to the events asked for', async () => {
    const { server, url } = await serve();
    const got = client(url, { events: ['ticket:called'] });
    await expect.poll(() => got.states).toEqual([10]);
    server.emit('alert', alert(11, 10));
    server.emit('hall:reset', { seq: 12, prev: 11, reason: 'x' });
    await new Promise((r) => setTimeout(r, 100));
    expect(got.messages).toEqual([]);
  });

  it('reconnects after the server closed the connection (a restart), and takes a fresh snapshot', async () => {
    // Given a connected screen
    const { server, url } = await serve();
    const got = client(url);
    await expect.poll(() => got.states.length).toBe(1);
    // When the server disconnects it (socket.io does not retry that by itself)
    server.disconnectSockets(true);
    // Then it goes offline, comes back and is in step again
    await expect.poll(() => got.states.length).toBe(2);
    expect(got.statuses).toEqual(['connecting', 'online', 'offline:io server disconnect', 'online']);
  });

  it('gives up on a final refusal and retries any other', async () => {
    const refused = await serve({ refuse: 'TICKET_NOT_FOUND' });
    const got = client(refused.url, { final: ['TICKET_NOT_FOUND'] });
    await expect.poll(() => got.statuses).toEqual(['connecting', 'refused:TICKET_NOT_FOUND']);
    await new Promise((r) => setTimeout(r, 150));
    expect(got.statuses).toHaveLength(2);
  });
});
