import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helper.ts';

/**
 * Issue 18: a clerk who asks and gets nobody is told why, with a stable code the terminal puts in
 * words (WindowView.ready.reason); where the policy holds a window for a rare matter the answer is
 * `kept-for-rare`, and the hold ends as soon as no other ready window could take the common work.
 * The default hall, through the real HTTP API: W09 is the one open window for 工程建设审批 (permit,
 * a rare matter), W12 the one for 不动产 and 公积金; both can do 企业开办 (biz), which the hall has
 * learned takes half an hour: long against permit's 30-minute target and against the hall's mean.
 */
const MIN = 60_000;
let srv: TestServer;
let guide: string;
const clerks = new Map<string, string>();
const act = (w: string, path: string, body: object = {}) => srv.api(`/api/windows/${w}/${path}`, { token: clerks.get(w)!, body });
const issue = async (serviceId: string) => (await srv.api('/api/tickets', { token: guide, body: { serviceId } })).ticket;
const current = (w: string) => srv.ctx.hall.state.windows.get(w)!.currentTicketId;

beforeAll(async () => {
  srv = await startTestServer();
  guide = (await srv.user('guide')).token;
  for (const w of ['W01', 'W02', 'W03', 'W09', 'W12']) {
    clerks.set(w, (await srv.user('clerk', `clerk-${w}`)).token);
    await act(w, 'sign-in');
  }
  // The morning so far: three biz visits of 30 minutes at W12, three pickups of 2 minutes at W01.
  for (const [w, serviceId, min] of [['W12', 'biz', 30], ['W01', 'pickup', 2]] as const) {
    for (let i = 0; i < 3; i++) {
      const t = await issue(serviceId);
      await act(w, 'call', { ticketId: t.id });
      srv.clock.advance(min * MIN);
      await act(w, 'finish', { outcome: 'done' });
    }
  }
}, 60_000);
afterAll(async () => { await srv?.close(); });

describe('a clerk who asks and gets nobody', () => {
  it('is told nothing waits for the window, in a code', async () => {
    const r = await act('W09', 'call-next');
    expect(r.ticket).toBeNull();
    expect(r.window.ready).toMatchObject({ reason: 'nothing-waiting' });
    expect(Date.parse(r.window.ready.since)).toBe(srv.clock.now());
    // Asked and waiting ready: the next visitor it can serve is called to it at once.
    const t = await issue('permit');
    expect(current('W09')).toBe(t.id);
    srv.clock.advance(20 * MIN);
    await act('W09', 'finish', { outcome: 'done' });
  });

  it('is kept ready for the rare matter while another ready window takes the long common work, and the hold ends when none can', async () => {
    // W12 back from a short break, on auto-call: a minute later it is ready by itself.
    await act('W12', 'pause', { reason: '休息' });
    await act('W12', 'resume');
    await act('W12', 'auto-call', { afterSec: 60 });
    const biz1 = await issue('biz');
    expect(current('W12')).toBeNull();
    srv.clock.advance(61_000);
    // W09's clerk asks at the moment W12's pause ends: W12 takes the half-hour matter, W09 is kept for permits.
    const r = await act('W09', 'call-next');
    expect(r.ticket).toBeNull();
    expect(r.window.ready).toMatchObject({ reason: 'kept-for-rare' });
    expect(current('W12')).toBe(biz1.id);
    expect(srv.ctx.hall.state.tickets.get(biz1.id)!.steps[0].reason).toBeTruthy();
    // The hold ends as soon as no other ready window could take the common work: the next biz visitor goes to W09 at once.
    const biz2 = await issue('biz');
    expect(current('W09')).toBe(biz2.id);
    const hall = await srv.api('/api/hall', { token: guide });
    expect(hall.windows.find((w: { id: string }) => w.id === 'W09')).toMatchObject({ ready: null, currentTicket: { id: biz2.id } });
  });
});
