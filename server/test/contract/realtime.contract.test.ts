// api.md's Realtime section against a listening server with real socket.io clients: a snapshot
// with its seq after the handshake, every later event with the next seq, gaps detectable, a fresh
// state on request, and the events the section names, each to the client that should hear it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { Socket } from 'socket.io-client';
import { loadHallConfig } from '@onewindow/config';
import type { StateSnapshot } from '@onewindow/protocol';
import { DEFAULT_CONFIG, nextEvent, startTestServer, type TestServer } from '../helper.ts';

let srv: TestServer;
let clerk: string;
let kiosk: string;

/** A port nothing listens on: the kiosk's network printer there is offline from the first poll. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Every message a socket hears after its snapshot, in order, with the event's name. */
function heard(s: Socket): { event: string; payload: any }[] {
  const out: { event: string; payload: any }[] = [];
  s.onAny((event: string, payload: unknown) => { if (event !== 'state') out.push({ event, payload }); });
  return out;
}

beforeAll(async () => {
  const config = loadHallConfig(DEFAULT_CONFIG);
  config.kiosks![0].printer = { type: 'network', host: '127.0.0.1', port: await closedPort(), width: 48 };
  srv = await startTestServer({ config });
  clerk = (await srv.user('clerk')).token;
  kiosk = await srv.device('kiosk', { kioskId: 'K1' });
});
afterAll(async () => { await srv.close(); });

describe('api.md: realtime', () => {
  it('rejects a handshake without a valid token', async () => {
    const s = srv.socket({ token: 'nope' });
    const err = await nextEvent<Error>(s, 'connect_error');
    expect(err.message).toBe('UNAUTHORIZED');
  });

  it('sends `state` after the handshake with the log\'s seq, then every event with a greater seq naming the one before (so a gap is visible), and a fresh state on request', async () => {
    const staff = srv.socket({ token: await srv.login() });
    const state = await nextEvent<StateSnapshot>(staff, 'state');
    expect(state).toMatchObject({ seq: srv.ctx.hall.lastSeq(), feed: 'staff', services: expect.any(Array), windows: expect.any(Array) });
    const log = heard(staff);
    await srv.api('/api/windows/W01/sign-in', { token: clerk, body: {} });
    const t = (await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } })).ticket;
    await srv.api('/api/windows/W01/call-next', { token: clerk, body: {} });
    await expect.poll(() => log.filter((m) => m.event.startsWith('ticket:')).length).toBeGreaterThanOrEqual(2);
    const seqs = log.map((m) => m.payload.seq);
    expect(seqs[0]).toBeGreaterThan(state.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
    // Each message names the one before it on this feed: nothing was missed (prev ≤ the last seq applied).
    expect(log[0].payload.prev).toBeLessThanOrEqual(state.seq);
    for (let i = 1; i < log.length; i++) expect(log[i].payload.prev).toBe(log[i - 1].payload.seq);
    // (The staff feed may also hear the offline printer: printer:status, alert.)
    const queue = log.filter((m) => m.event.startsWith('ticket:') || m.event.startsWith('window:'));
    expect(queue.map((m) => m.event)).toEqual(['window:changed', 'ticket:issued', 'ticket:called']);
    expect(queue[1].payload.ticket).toMatchObject({ id: t.id, number: t.number });

    const fresh = await new Promise<StateSnapshot>((resolve) => staff.emit('state:request', resolve));
    expect(fresh.seq).toBe(seqs.at(-1));
    expect(fresh.tickets.find((x) => x.id === t.id)?.status).toBe('called');
  });

  it('names the events of the section: ticket:called with number and window (for the screens and their voice), recalled, finished, evaluation:request to that window\'s pad, alert', async () => {
    // Tokens first, then the sockets: a socket's `state` comes as soon as it connects.
    const tokens = [await srv.device('display'), await srv.device('pad', { windowId: 'W02' }), await srv.device('pad', { windowId: 'W03' }), await srv.login()];
    const [screen, pad, otherPad, staff] = tokens.map((token) => srv.socket({ token }));
    await Promise.all([screen, pad, otherPad, staff].map((s) => nextEvent(s, 'state')));
    const [onScreen, onPad, onOtherPad, onStaff] = [screen, pad, otherPad, staff].map(heard);

    const clerk2 = (await srv.user('clerk')).token;
    await srv.api('/api/windows/W02/sign-in', { token: clerk2, body: {} });
    const t = (await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'tax' } })).ticket;
    await srv.api('/api/windows/W02/call', { token: clerk2, body: { ticketId: t.id } });
    await srv.api('/api/windows/W02/recall', { token: clerk2, body: {} });
    await srv.api('/api/windows/W02/start', { token: clerk2, body: {} });
    await srv.api('/api/windows/W02/finish', { token: clerk2, body: { outcome: 'done' } });
    await expect.poll(() => onPad.some((m) => m.event === 'evaluation:request')).toBe(true);

    const called = onScreen.find((m) => m.event === 'ticket:called')!.payload;
    expect(called.call).toMatchObject({ number: t.number, windowId: 'W02', windowName: expect.any(String), text: expect.stringContaining(t.number) });
    expect(onScreen.some((m) => m.event === 'ticket:recalled' && m.payload.call.recall === true)).toBe(true);
    expect(onStaff.some((m) => m.event === 'ticket:finished' && m.payload.ticket.id === t.id)).toBe(true);
    expect(onPad.find((m) => m.event === 'evaluation:request')!.payload.request).toMatchObject({ ticketId: t.id, number: t.number, windowId: 'W02' });
    expect(onOtherPad.some((m) => m.event === 'evaluation:request')).toBe(false);

    // A bad review raises an alert for the supervisors' feed.
    const padToken = await srv.device('pad', { windowId: 'W02' });
    await srv.api('/api/evaluations', { token: padToken, body: { ticketId: t.id, score: 1 } });
    await expect.poll(() => onStaff.some((m) => m.event === 'alert' && m.payload.alert.kind === 'bad-review')).toBe(true);
    expect(onScreen.some((m) => m.event === 'alert')).toBe(false);
  });

  it('printer:status reaches the kiosk and the supervisors when a printer cannot print', async () => {
    const k = srv.socket({ token: kiosk });
    const state = await nextEvent<StateSnapshot>(k, 'state');
    const now = state.printers.find((p) => p.kioskId === 'K1');
    // Either it was already known offline at the snapshot, or the next poll says so.
    const status = now ?? (await nextEvent<any>(k, 'printer:status', 10_000)).printer;
    expect(status).toMatchObject({ kioskId: 'K1', state: 'offline' });
    await expect.poll(async () => (await srv.api('/api/alerts', { token: await srv.login() })).alerts.some((a: any) => a.subject === 'printer:K1'), { timeout: 10_000 }).toBe(true);
  });
});
