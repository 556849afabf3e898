import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateSnapshot } from '@onewindow/protocol';
import { nextEvent, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

/** Collects every message a socket receives, in order. */
function record(s: ReturnType<TestServer['socket']>) {
  const log: { event: string; payload: any }[] = [];
  s.onAny((event, payload) => log.push({ event, payload }));
  return log;
}

describe('snapshot and seq protocol', () => {
  it('sends a snapshot on connect, then events with increasing seq and a consistent prev', async () => {
    const sup = await srv.user('supervisor');
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    const s = srv.socket({ token: sup.token });
    const state = await nextEvent<StateSnapshot>(s, 'state');
    expect(state.feed).toBe('staff');
    expect(state.tickets.map((t) => t.number)).toEqual(['A001']);
    expect(state.seq).toBe(srv.ctx.hall.lastSeq());
    const log = record(s);
    for (let i = 0; i < 3; i++) await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } });
    await expect.poll(() => log.length).toBe(3);
    let last = state.seq;
    for (const m of log) {
      expect(m.event).toBe('ticket:issued');
      expect(m.payload.seq).toBeGreaterThan(last);
      expect(m.payload.prev).toBeLessThanOrEqual(last);
      last = m.payload.seq;
    }
    expect(log.map((m) => m.payload.ticket.number)).toEqual(['B001', 'B002', 'B003']);
    expect(log[0].payload.services[0]).toMatchObject({ id: 'tax', waiting: 1 });
  });

  it('answers state:request with a fresh snapshot', async () => {
    const sup = await srv.user('supervisor');
    const s = srv.socket({ token: sup.token });
    await nextEvent(s, 'state');
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'fund' } });
    const fresh = await s.timeout(3000).emitWithAck('state:request');
    expect(fresh.tickets.map((t: any) => t.number)).toEqual(['E001']);
  });

  it('refuses a socket without a valid token', async () => {
    const s = srv.socket({ token: 'forged' });
    const err = await nextEvent<Error>(s, 'connect_error');
    expect(err.message).toBe('UNAUTHORIZED');
  });
});

describe('batches (auth.batch, what the hall\'s own UIs ask for)', () => {
  it('a batch holds what one turn committed, exactly as a plain connection of the same feed hears it', async () => {
    const sup = await srv.user('supervisor');
    const display = await srv.device('display');
    const [plainStaff, batchStaff, plainPublic, batchPublic] = [
      srv.socket({ token: sup.token }), srv.socket({ token: sup.token, batch: true }),
      srv.socket({ token: display }), srv.socket({ token: display, batch: true }),
    ];
    await Promise.all([plainStaff, batchStaff, plainPublic, batchPublic].map((s) => nextEvent(s, 'state')));
    const [logs, batches] = [[plainStaff, plainPublic].map(record), [batchStaff, batchPublic].map(record)];
    const guide = await srv.user('guide');
    const kiosk = srv.ctx.auth.authenticate(guide.token)!;
    // Three tickets in one turn of the event loop: one batch per feed; the caller screens' feed
    // merges the run of issues into one message with both queues' counts.
    for (const serviceId of ['biz', 'tax', 'biz']) srv.ctx.queue.issue(kiosk, { serviceId });
    await expect.poll(() => batches.map((b) => b.length)).toEqual([1, 1]);
    await expect.poll(() => logs.map((l) => l.length)).toEqual([3, 1]);
    for (const [i, b] of batches.entries()) {
      expect(b[0].event).toBe('batch');
      const { seq, prev, messages } = b[0].payload;
      expect(messages).toEqual(logs[i].map((m) => ({ event: m.event, payload: m.payload })));
      expect([seq, prev]).toEqual([messages[messages.length - 1].payload.seq, messages[0].payload.prev]);
    }
    expect(logs[0].map((m) => m.payload.ticket.number)).toEqual(['A001', 'B001', 'A002']);
    expect(logs[1][0].payload.ticket.number).toBe('A002');
    expect(logs[1][0].payload.services.map((s: { id: string; waiting: number }) => [s.id, s.waiting])).toEqual([['biz', 2], ['tax', 1]]);
    expect(logs[1][0].payload.prev).toBeLessThan(logs[0][0].payload.seq);
  });
});

describe('feeds: each device hears only what it may see', () => {
  it('a caller screen gets calls without track tokens; a pad hears only its own window', async () => {
    const tokens = [await srv.device('display'), await srv.device('pad', { windowId: 'W01' }), await srv.device('pad', { windowId: 'W02' })];
    const [display, padW01, padW02] = tokens.map((token) => srv.socket({ token }));
    const states = await Promise.all([display, padW01, padW02].map((s) => nextEvent<StateSnapshot>(s, 'state')));
    expect(states.map((s) => s.feed)).toEqual(['public', 'window:W01', 'window:W02']);
    expect(states[1].windows.map((w) => w.id)).toEqual(['W01']);
    const logs = [display, padW01, padW02].map(record);

    const guide = await srv.user('guide');
    const clerk = await srv.user('clerk');
    const { ticket } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'done' } });

    await expect.poll(() => logs[1].map((m) => m.event)).toEqual(['window:changed', 'ticket:called', 'ticket:finished', 'evaluation:request']);
    const call = logs[0].find((m) => m.event === 'ticket:called')!.payload;
    expect(call.call).toMatchObject({ number: 'A001', windowId: 'W01', text: '请A001号到1号综合窗口办理', recall: false });
    for (const m of logs[0]) expect(JSON.stringify(m.payload)).not.toContain(ticket.trackToken);
    await expect.poll(() => logs[0].map((m) => m.event)).toEqual(['ticket:issued', 'window:changed', 'ticket:called']);
    expect(logs[1].find((m) => m.event === 'evaluation:request')!.payload.request).toMatchObject({ ticketId: ticket.id, windowId: 'W01' });
    expect(logs[2]).toEqual([]);
  });

  it('a window turning ready is told to the clerks\' feeds, not to caller screens (their next message says what they missed by prev)', async () => {
    const tokens = [await srv.device('display'), await srv.device('pad', { windowId: 'W01' }), await srv.login()];
    const [display, pad, staff] = tokens.map((token) => srv.socket({ token }));
    await Promise.all([display, pad, staff].map((s) => nextEvent(s, 'state')));
    const [shown, padLog, staffLog] = [display, pad, staff].map(record);
    const clerk = await srv.user('clerk');
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const asked = await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    expect(asked.ticket).toBeNull();
    expect(asked.window.ready).not.toBeNull();
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    const readyOf = (log: typeof shown) => log.filter((m) => m.event === 'window:changed' && m.payload.window.ready).length;
    await expect.poll(() => staffLog.map((m) => m.event)).toContain('ticket:called');
    // The ticket went at once to the ready window: the screen hears the call, which carries the
    // issue's counts too (a counting feed, outbox.ts); the staff feed hears both.
    await expect.poll(() => shown.map((m) => m.event)).toEqual(['window:changed', 'ticket:called']);
    expect(staffLog.map((m) => m.event)).toEqual(['window:changed', 'window:changed', 'ticket:issued', 'ticket:called']);
    expect(readyOf(staffLog)).toBe(1);
    expect(readyOf(padLog)).toBe(1);
    expect(readyOf(shown)).toBe(0);
    // The screen's call names the sign-in as its previous message: the gap is the ready event and the issue it was not sent.
    const [signIn, called] = shown;
    expect(called.payload.prev).toBe(signIn.payload.seq);
    expect(called.payload.seq).toBe(signIn.payload.seq + 3);
    expect(called.event === 'ticket:called' && called.payload.services.map((x: { id: string }) => x.id)).toContain('biz');
  });

  it('a phone following its ticket hears its own call and its place moving, never other tickets', async () => {
    const guide = await srv.user('guide');
    const first = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'social' } })).ticket;
    const mine = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'social' } })).ticket;
    const phone = srv.socket({ trackToken: mine.trackToken });
    const state = await nextEvent<StateSnapshot>(phone, 'state');
    expect(state.tickets).toHaveLength(1);
    expect(state.tickets[0]).toMatchObject({ id: mine.id, ahead: 1, noWindow: true });
    const log = record(phone);
    const clerk = await srv.user('clerk');
    // A window able to serve it opens: the phone's estimate is one again (issue 18).
    await srv.api('/api/windows/W06/sign-in', { token: clerk.token, body: {} });
    await expect.poll(() => log.length).toBeGreaterThan(0);
    expect(log[0]).toMatchObject({ event: 'ticket:updated', payload: { ticket: { id: mine.id, ahead: 1 } } });
    expect(log[0].payload.ticket.noWindow).toBeUndefined();
    await srv.api('/api/windows/W06/call-next', { token: clerk.token, body: {} });
    await expect.poll(() => log.length).toBeGreaterThan(1);
    expect(log[1].payload.ticket).toMatchObject({ id: mine.id, ahead: 0 });
    expect(JSON.stringify(log)).not.toContain(first.trackToken);
    await srv.api('/api/windows/W06/finish', { token: clerk.token, body: { outcome: 'done' } });
    await srv.api('/api/windows/W06/call-next', { token: clerk.token, body: {} });
    await expect.poll(() => log.some((m) => m.event === 'ticket:called')).toBe(true);
    const called = log.find((m) => m.event === 'ticket:called')!.payload;
    expect(called.ticket).toMatchObject({ id: mine.id, status: 'called', windowId: 'W06' });
    expect(called.ticket.trackToken).toBeUndefined();
  });
});

describe('revocation reaches live sockets', () => {
  it('unpairing a device and disabling a user disconnect their sockets at once', async () => {
    const admin = await srv.login();
    const { id, pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'display', name: '大厅屏' } });
    const { token } = await srv.api('/api/devices/pair', { body: { pairingCode } });
    const screen = srv.socket({ token });
    await nextEvent(screen, 'state');
    const clerk = await srv.user('clerk');
    const terminal = srv.socket({ token: clerk.token });
    await nextEvent(terminal, 'state');
    const dropped = nextEvent(screen, 'disconnect');
    await srv.api(`/api/devices/${id}`, { token: admin, method: 'DELETE' });
    expect(await dropped).toBe('io server disconnect');
    const dropped2 = nextEvent(terminal, 'disconnect');
    await srv.api(`/api/users/${clerk.id}`, { token: admin, method: 'PATCH', body: { disabled: true } });
    expect(await dropped2).toBe('io server disconnect');
    const again = srv.socket({ token: clerk.token });
    expect((await nextEvent<Error>(again, 'connect_error')).message).toBe('UNAUTHORIZED');
  });
});
