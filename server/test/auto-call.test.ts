import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, refused, startTestServer, type TestServer } from './helper.ts';

/**
 * Issue 18, auto-call (自动叫号) and readiness through the real HTTP API: a window on auto-call
 * calls its next visitor a few seconds after each, shows the countdown (`autoCallAt`), stops while
 * paused, keeps the setting across a restart; a clerk who asks and gets nobody is told why.
 */
const SEC = 1000;
let srv: TestServer;
const dirs: string[] = [];
afterEach(async () => {
  await srv?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Auto-call on, and its first countdown (from the sign-in) over: the window waits ready. */
async function autoCall(h: Awaited<ReturnType<typeof hall>>, afterSec: number) {
  await h.act('auto-call', { afterSec });
  srv.clock.advance(afterSec * SEC);
  srv.ctx.queue.dispatchDue();
}

async function hall(opts: Parameters<typeof startTestServer>[0] = {}) {
  srv = await startTestServer(opts);
  const guide = (await srv.user('guide')).token;
  const clerk = await srv.user('clerk', 'clerk-w01');
  await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
  const issue = async (serviceId = 'biz') => (await srv.api('/api/tickets', { token: guide, body: { serviceId } })).ticket;
  const act = (path: string, body: object = {}) => srv.api(`/api/windows/W01/${path}`, { token: clerk.token, body });
  const window = async () => (await srv.api('/api/hall', { token: guide })).windows.find((w: { id: string }) => w.id === 'W01');
  return { guide, clerk, issue, act, window };
}

const sameInstant = (a: string | null, ms: number) => a !== null && Date.parse(a) === ms;

describe('auto-call through the HTTP API', () => {
  it('after a finish, calls the next visitor when the countdown ends, not before; the window shows the countdown', async () => {
    const h = await hall();
    const on = await h.act('auto-call', { afterSec: 10 });
    expect(on.window.autoCallSec).toBe(10);
    // The window has been free since its clerk signed in: it asks 10 s after that.
    expect(sameInstant(on.window.autoCallAt, srv.clock.now() + 10 * SEC)).toBe(true);
    srv.clock.advance(10 * SEC);
    srv.ctx.queue.dispatchDue();
    // Nothing waiting: it asked and waits ready, and says why it has nobody.
    expect(await h.window()).toMatchObject({ autoCallAt: null, ready: { reason: 'nothing-waiting' } });
    const a = await h.issue();
    expect((await h.window()).currentTicket?.id).toBe(a.id);
    await h.act('start');
    srv.clock.advance(5 * 60 * SEC);
    const b = await h.issue();
    const finished = await h.act('finish', { outcome: 'done' });
    const end = srv.clock.now() + 10 * SEC;
    expect(sameInstant(finished.window.autoCallAt, end)).toBe(true);
    expect(finished.window.ready).toBeNull();

    srv.clock.advance(9 * SEC);
    srv.ctx.queue.dispatchDue();
    expect((await h.window()).currentTicket).toBeNull();
    srv.clock.advance(1 * SEC);
    srv.ctx.queue.dispatchDue();
    const w = await h.window();
    expect(w.currentTicket).toMatchObject({ id: b.id, status: 'called' });
    expect(w.autoCallAt).toBeNull();
  });

  it('is driven by its own timer: nobody needs to press anything', async () => {
    const h = await hall();
    await autoCall(h, 1);
    await h.issue();
    await h.act('finish', { outcome: 'done' });
    const b = await h.issue();
    srv.clock.advance(1 * SEC);
    // The timer set after the finish sleeps one second (of the hall's clock, here moved by hand) and calls.
    await expect.poll(async () => (await h.window()).currentTicket?.id, { timeout: 5000, interval: 100 }).toBe(b.id);
  });

  it('stops while the clerk pauses, and counts down again from the resume', async () => {
    const h = await hall();
    await autoCall(h, 10);
    await h.issue();
    await h.act('finish', { outcome: 'done' });
    await h.issue();
    const paused = await h.act('pause', { reason: '整理材料' });
    expect(paused.window.autoCallAt).toBeNull();
    srv.clock.advance(5 * 60 * SEC);
    srv.ctx.queue.dispatchDue();
    expect((await h.window()).currentTicket).toBeNull();
    const resumed = await h.act('resume');
    expect(sameInstant(resumed.window.autoCallAt, srv.clock.now() + 10 * SEC)).toBe(true);
    srv.clock.advance(10 * SEC);
    srv.ctx.queue.dispatchDue();
    expect((await h.window()).currentTicket).not.toBeNull();
  });

  it('turned off, leaves the window to its clerk', async () => {
    const h = await hall();
    await autoCall(h, 5);
    await h.issue();
    await h.act('finish', { outcome: 'done' });
    const off = await h.act('auto-call', { afterSec: null });
    expect(off.window).toMatchObject({ autoCallSec: null, autoCallAt: null });
    await h.issue();
    srv.clock.advance(60 * SEC);
    srv.ctx.queue.dispatchDue();
    expect((await h.window()).currentTicket).toBeNull();
  });

  it('survives a restart: the setting is kept, and a countdown that ended while the server was down calls at start-up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-autocall-'));
    dirs.push(dataDir);
    const clock = manualClock();
    const h = await hall({ dataDir, clock });
    await autoCall(h, 10);
    await h.issue();
    await h.act('finish', { outcome: 'done' });
    const b = await h.issue();
    await srv.close();

    clock.advance(30 * SEC);
    srv = await startTestServer({ dataDir, clock });
    // Start-up looked at what fell due while it was down: the window has called its next visitor.
    const w = srv.ctx.hall.state.windows.get('W01')!;
    expect(w.autoCallSec).toBe(10);
    expect(w.currentTicketId).toBe(b.id);
    expect((await srv.api(`/api/tickets/track/${b.trackToken}`)).status).toBe('called');
  });

  it('refuses a bad setting with a stable code, and other people\'s windows', async () => {
    const h = await hall();
    expect(await refused(h.act('auto-call', { afterSec: 601 }))).toMatchObject({ status: 400 });
    expect(await refused(h.act('auto-call', { afterSec: -1 }))).toMatchObject({ status: 400 });
    expect(await refused(h.act('auto-call', { afterSec: '10' }))).toMatchObject({ status: 400 });
    expect(await refused(h.act('auto-call', {}))).toMatchObject({ status: 400 });
    const other = await srv.user('clerk');
    expect(await refused(srv.api('/api/windows/W01/auto-call', { token: other.token, body: { afterSec: 10 } }))).toEqual({ status: 403, code: 'NOT_AT_WINDOW' });
    const supervisor = await srv.user('supervisor');
    expect(await refused(srv.api('/api/windows/W02/auto-call', { token: supervisor.token, body: { afterSec: 10 } }))).toEqual({ status: 409, code: 'WINDOW_CLOSED' });
    expect(await refused(srv.api('/api/windows/W99/auto-call', { token: supervisor.token, body: { afterSec: 10 } }))).toMatchObject({ status: 404 });
  });
});
