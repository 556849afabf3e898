// The counter terminal's and the pad's Pinia stores in Node against a real server (HTTP and socket.io).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { browserAt, until } from '../../test/store-env.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';

let srv: TestServer;
let admin: string;
let clerks = 0;
const stores = async () => ({
  session: (await import('../src/stores/session.ts')).useSessionStore(),
  live: (await import('../src/stores/live.ts')).useLiveStore(),
  counter: (await import('../src/stores/counter.ts')).useCounterStore(),
  pad: (await import('../src/stores/pad.ts')).usePadStore(),
});
/** A clerk of W01–W03 signed in through the session store, its live feed connected. */
async function clerkTerminal() {
  const s = await stores();
  const username = `clerk${++clerks}`;
  await srv.api('/api/users', { token: admin, body: { username, password: 'password-123', name: `张${clerks}`, role: 'clerk', windows: ['W01', 'W02', 'W03'] } });
  await s.session.login(username, 'password-123');
  s.live.connect(s.session.token!, () => s.session.forget());
  await until(() => s.live.synced);
  return s;
}
const issue = async (serviceId: string) => srv.api('/api/tickets', { token: (await srv.user('guide')).token, body: { serviceId } });

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.login();
});
afterAll(async () => { await srv?.close(); });
beforeEach(() => {
  browserAt(`${srv.url}/counter/`);
  setActivePinia(createPinia());
});

describe('session store', () => {
  it('Given a clerk, when they sign in, then the terminal asks for a window; a wrong password says why', async () => {
    const { session } = await stores();
    await session.login('nobody', 'wrong-password');
    expect(session.error?.code).toBe('BAD_CREDENTIALS');
    await srv.api('/api/users', { token: admin, body: { username: 'wang', password: 'password-123', name: '王', role: 'clerk' } });
    await session.login('wang', 'password-123');
    expect([session.stage, session.user?.name, session.isStaff]).toEqual(['picker', '王', true]);
    await session.logout();
    expect([session.stage, session.token]).toEqual(['login', null]);
  });
});

describe('live store', () => {
  it('Given a connected terminal, when a ticket is issued, then it is in the live state and listeners hear what it touched', async () => {
    const { live } = await clerkTerminal();
    const heard: string[] = [];
    const off = live.on((name, t) => heard.push(`${name}:${t.ticketId ?? ''}`));
    const { ticket } = await issue('biz');
    await until(() => live.state.tickets[ticket.id] !== undefined);
    expect(heard).toContain(`ticket:issued:${ticket.id}`);
    off();
    live.disconnect();
  });
});

describe('counter store', () => {
  it('Given a clerk at W01 with a visitor waiting, when they call, start and finish, then the window follows and a refusal is explained', async () => {
    const { session, live, counter } = await clerkTerminal();
    await counter.signIn('W01');
    expect(session.windowId).toBe('W01');
    await issue('biz');
    await counter.trigger('call-next');
    const called = srv.ctx.hall.state.windows.get('W01')!.currentTicketId!;
    expect(counter.current?.id).toBe(called);
    expect(counter.notice).toMatchObject({ kind: 'ok' });
    await counter.trigger('start');
    expect(counter.win?.phase).toBe('serving');
    expect(await counter.finish({ outcome: 'done' })).toBe(true);
    expect(counter.current).toBeNull();
    expect(live.state.tickets[called]).toBeUndefined();
    // a number that is not waiting: refused, and the clerk reads why in Chinese
    expect(await counter.callTicket({ number: 'Z999' })).toBe(false);
    expect(counter.notice).toMatchObject({ kind: 'error', text: '今天没有这个票号' });
    await counter.signOut();
    expect(session.windowId).toBeNull();
    live.disconnect();
  });
});

describe('pad store', () => {
  it('Given a pad of W02, when the clerk finishes a visitor, then it asks; when the visitor rates, then it thanks', async () => {
    const { pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'pad', name: '2号窗评价器', windowId: 'W02' } });
    browserAt(`${srv.url}/counter/pad/#pair=${pairingCode}`);
    const { pad } = await stores();
    await pad.start();
    expect(pad.stage).toBe('ready');
    await until(() => pad.status === 'online' && pad.window?.id === 'W02');
    const clerk = await srv.user('clerk', 'padclerk', ['W02']);
    await srv.api('/api/windows/W02/sign-in', { token: clerk.token, body: {} });
    await issue('biz');
    await srv.api('/api/windows/W02/call-next', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W02/start', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W02/finish', { token: clerk.token, body: { outcome: 'done' } });
    await until(() => pad.pad.phase === 'rating');
    await pad.submit({ score: 1, reasons: ['repeat', '等待时间长'] });
    expect(pad.pad.phase).toBe('thanks');
    const { evaluations } = await srv.api('/api/evaluations', { token: admin });
    expect(evaluations.at(-1)).toMatchObject({ score: 1, reasons: ['repeat', '等待时间长'], reasonCodes: ['repeat', 'wait'] });
  });
});
