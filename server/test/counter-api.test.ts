import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, refused, startTestServer, type TestServer } from './helper.ts';

// One hall for the file: a morning at window W01 played step by step, each test reading it.
let srv: TestServer;
let clerk: { token: string; id: string };
let other: { token: string; id: string };
let sup: { token: string; id: string };
let pad: string;
const t: Record<string, { id: string; number: string }> = {};

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await srv.user('clerk', 'wang');
  other = await srv.user('clerk', 'li');
  sup = await srv.user('supervisor');
  pad = await srv.device('pad', { windowId: 'W01' });
  const guide = await srv.user('guide');
  const issue = async (key: string, serviceId: string) => {
    t[key] = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId } })).ticket;
    srv.clock.advance(60_000);
  };
  await issue('a', 'biz');
  await issue('b', 'tax');
  await issue('c', 'biz');
  await issue('d', 'prop'); // W01 cannot serve prop
  await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
  await srv.api('/api/windows/W02/sign-in', { token: other.token, body: {} });
}, 60_000);
afterAll(async () => { await srv.close(); });

const api = (path: string, token: string, body?: unknown) => srv.api(path, { token, body });

describe('the counter over HTTP and socket.io', () => {
  it('plays a visit: call, start, hold, resume, finish with a further matter, serve it, rate it', async () => {
    const staff = srv.socket({ token: clerk.token });
    await nextEvent(staff, 'state');
    const called = nextEvent(staff, 'ticket:called');
    const first = await api('/api/windows/W01/call-next', clerk.token, {});
    expect(first.ticket.number).toBe(t.a.number);
    expect((await called).call).toMatchObject({ windowId: 'W01', number: t.a.number });
    srv.clock.advance(20_000);
    await api('/api/windows/W01/start', clerk.token, {});
    srv.clock.advance(60_000);
    const held = await api('/api/windows/W01/hold', clerk.token, { note: '回去取营业执照原件' });
    expect(held.window.held).toEqual([{ id: t.a.id, number: t.a.number }]);
    srv.clock.advance(300_000);
    const resumed = await api('/api/windows/W01/call', clerk.token, { ticketId: t.a.id });
    expect(resumed.ticket.status).toBe('called');
    await api('/api/windows/W01/start', clerk.token, {});
    srv.clock.advance(120_000);
    const fin = await api('/api/windows/W01/finish', clerk.token, { outcome: 'done', nextServiceId: 'tax' });
    expect(fin.ticket.steps.map((s: any) => `${s.serviceId}:${s.status}`)).toEqual(['biz:done', 'tax:waiting']);
    await api('/api/evaluations', pad, { ticketId: t.a.id, score: 5 });
    // The second matter, here and now (W01 has the tax skill).
    await api('/api/windows/W01/call', clerk.token, { ticketId: t.a.id });
    srv.clock.advance(90_000);
    await api('/api/windows/W01/finish', clerk.token, { outcome: 'incomplete', note: '缺：股东会决议' });
  });

  it('refuses the summary to a clerk of another window, gives it to the clerk there and to supervisors', async () => {
    expect(await refused(api('/api/windows/W01/summary', other.token))).toEqual({ status: 403, code: 'NOT_AT_WINDOW' });
    expect(await refused(api('/api/windows/W01/summary', pad))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(api('/api/windows/W99/summary', sup.token))).toEqual({ status: 404, code: 'UNKNOWN_WINDOW' });
    const s = await api('/api/windows/W01/summary', sup.token);
    expect(s.windowId).toBe('W01');
  });

  it('summarises what waits for the window\'s skills, today\'s figures and the last tickets with ratings', async () => {
    const s = await api('/api/windows/W01/summary', clerk.token);
    expect(s.waiting.map((w: any) => [w.serviceId, w.waiting])).toEqual([['biz', 1], ['tax', 1], ['pickup', 0]]);
    const biz = s.waiting[0];
    expect(biz.longestWaitSec).toBe(Math.round((srv.clock.now() - Date.parse(biz.oldestAt)) / 1000));
    expect(biz.longestWaitSec).toBeGreaterThan(600);
    expect(s.targeted).toEqual({ waiting: 0, longestWaitSec: 0, oldestAt: null });
    // 办结 and 一次性告知 are counted apart: one of each.
    expect([s.servedToday, s.incompleteToday]).toEqual([1, 1]);
    // A matter keeps its first start: its service time runs from there to the finish, hold included.
    expect(s.recent.map((r: any) => [r.number, r.serviceId, r.stepIndex, r.outcome, r.score])).toEqual([
      [t.a.number, 'tax', 1, 'incomplete', 5], [t.a.number, 'biz', 0, 'done', 5],
    ]);
    expect(s.recent[0]).toMatchObject({ serviceSec: 90, note: '缺：股东会决议', flagged: false });
    expect(s.meanServiceSec).toBe(Math.round((s.recent[0].serviceSec + s.recent[1].serviceSec) / 2));
  });

  it('flags a service time once; the mean leaves it out; another window\'s clerk may not', async () => {
    expect(await refused(api(`/api/tickets/${t.a.id}/flag`, other.token, { note: 'x' }))).toEqual({ status: 403, code: 'NOT_YOUR_TICKET' });
    expect(await refused(api(`/api/tickets/${t.a.id}/flag`, clerk.token, { note: '' }))).toMatchObject({ status: 400 });
    expect(await refused(api(`/api/tickets/${t.d.id}/flag`, clerk.token, { note: '未叫号' }))).toEqual({ status: 409, code: 'STEP_NOT_TIMED' });
    const r = await api(`/api/tickets/${t.a.id}/flag`, clerk.token, { note: '群众中途离开接电话', stepIndex: 0 });
    expect(r.flag).toMatchObject({ ticketId: t.a.id, stepIndex: 0, serviceId: 'biz', windowId: 'W01', note: '群众中途离开接电话' });
    expect(await refused(api(`/api/tickets/${t.a.id}/flag`, sup.token, { note: 'again', stepIndex: 0 }))).toEqual({ status: 409, code: 'ALREADY_FLAGGED' });
    const s = await api('/api/windows/W01/summary', clerk.token);
    expect(s.recent.map((x: any) => x.flagged)).toEqual([false, true]);
    expect(s.meanServiceSec).toBe(90);
    const logged = srv.db.prepare("SELECT window_id, actor FROM events WHERE type = 'ticket.flagged'").all();
    expect(logged).toEqual([{ window_id: 'W01', actor: `user:${clerk.id}` }]);
  });

  it('tells the visit from the event log: who, where, when, and each phase of each matter', async () => {
    const tl = await api(`/api/tickets/${t.a.id}/timeline`, sup.token);
    expect(tl.number).toBe(t.a.number);
    expect(tl.entries.map((e: any) => e.type)).toEqual([
      'ticket.issued', 'ticket.called', 'ticket.started', 'ticket.held', 'ticket.called', 'ticket.started', 'ticket.finished',
      'evaluation.requested', 'evaluation.recorded', 'ticket.called', 'ticket.finished', 'evaluation.requested', 'ticket.flagged',
    ]);
    const calledEntry = tl.entries[1];
    expect(calledEntry).toMatchObject({ windowId: 'W01', windowName: '1号综合窗口', clerkId: clerk.id, clerkName: srv.ctx.auth.userName(clerk.id), actor: { kind: 'user', id: clerk.id } });
    expect(tl.entries[0].actor.kind).toBe('user');
    expect(tl.entries[3].detail).toEqual({ note: '回去取营业执照原件' });
    expect(tl.entries[8].actor).toMatchObject({ kind: 'device', name: expect.stringMatching(/^pad-/) });
    expect(tl.entries[10]).toMatchObject({ matter: 1, serviceId: 'tax', detail: { outcome: 'incomplete', note: '缺：股东会决议' } });
    // A rating is about the matter just finished; a flag about the matter it names.
    expect([7, 8, 11, 12].map((i) => `${tl.entries[i].type}:${tl.entries[i].matter}:${tl.entries[i].serviceId}`)).toEqual([
      'evaluation.requested:0:biz', 'evaluation.recorded:0:biz', 'evaluation.requested:1:tax', 'ticket.flagged:0:biz',
    ]);
    expect(tl.entries[8]).toMatchObject({ clerkId: clerk.id, detail: { score: 5 } });
    expect(tl.phases.map((p: any) => `${p.matter}:${p.serviceId}:${p.phase}:${p.sec}`)).toEqual([
      '0:biz:waiting:240', '0:biz:called:20', '0:biz:serving:60', '0:biz:held:300', '0:biz:called:0', '0:biz:serving:120',
      '1:tax:waiting:0', '1:tax:called:90',
    ]);
    expect(tl.phases[3]).toMatchObject({ windowId: 'W01', clerkName: srv.ctx.auth.userName(clerk.id) });
    expect(await refused(api('/api/tickets/nope/timeline', sup.token))).toEqual({ status: 404, code: 'UNKNOWN_TICKET' });
    expect(await refused(api(`/api/tickets/${t.a.id}/timeline`, pad))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});
