import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoLocal } from '@onewindow/protocol';
import { manualClock, refused, startTestServer, type TestServer } from './helper.ts';

const at = (date: string, hh: number, mm = 0) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);

describe('follow-ups of bad reviews', () => {
  let srv: TestServer;
  let supervisor: string;
  let clerk: { token: string; id: string };
  let kiosk: string;
  let pad: string;

  /** A visitor served at W01 and rated by the window's pad. */
  async function servedAndRated(rating: Record<string, unknown>): Promise<string> {
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    srv.clock.advance(5 * 60_000);
    await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'done' } });
    await srv.api('/api/evaluations', { token: pad, body: { ticketId: ticket.id, ...rating } });
    srv.clock.advance(60_000);
    return ticket.number;
  }

  beforeEach(async () => {
    // Friday 27 November 2026, 15:00
    srv = await startTestServer({ clock: manualClock(at('2026-11-27', 15)) });
    supervisor = (await srv.user('supervisor', 'sup')).token;
    clerk = await srv.user('clerk', 'clerk-li');
    kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    pad = await srv.device('pad', { windowId: 'W01' });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
  });
  afterEach(async () => { await srv.close(); });

  it('lists bad reviews oldest first with contacts masked, and records a call-back then the resolution', async () => {
    const first = await servedAndRated({ score: 2, reasons: ['slow', 'unclear'], comment: '等太久', contact: '13812345678' });
    await servedAndRated({ score: 5 });
    const second = await servedAndRated({ score: 1 });

    const { followUps } = await srv.api('/api/follow-ups', { token: supervisor });
    expect(followUps.map((f: any) => [f.number, f.score, f.status])).toEqual([[first, 2, 'open'], [second, 1, 'open']]);
    const f = followUps[0];
    expect(f).toMatchObject({
      serviceId: 'biz', serviceName: '企业开办', windowId: 'W01', windowName: '1号综合窗口', clerkId: clerk.id, clerkName: '测试clerk0',
      reasons: ['slow', 'unclear'], comment: '等太久', contact: '138****5678', label: '不满意', overdue: [], notes: [],
      // Rated Friday 15:05: one working day later is Saturday 15:05 (the hall opens on Saturdays); fifteen is 15 December
      ratedAt: '2026-11-27T15:05:00.000+08:00', callBackDue: '2026-11-28T15:05:00.000+08:00', resolveDue: '2026-12-15T15:05:00.000+08:00',
    });
    expect(followUps[1].contact).toBeNull();

    // The whole number only when one is opened for the call, and that is audited
    const one = await srv.api(`/api/follow-ups/${f.id}`, { token: supervisor });
    expect(one.followUp.contact).toBe('13812345678');

    srv.clock.advance(3_600_000);
    const called = await srv.api(`/api/follow-ups/${f.id}`, { token: supervisor, body: { status: 'called-back', note: '已致电，解释了材料要求' } });
    expect(called.followUp).toMatchObject({ status: 'called-back', calledBackAt: isoLocal(srv.clock.now(), 'Asia/Shanghai'), resolvedAt: null });
    const resolved = await srv.api(`/api/follow-ups/${f.id}`, { token: supervisor, body: { status: 'resolved', note: '已补办' } });
    expect(resolved.followUp.status).toBe('resolved');
    expect(resolved.followUp.notes.map((n: any) => [n.status, n.note, n.by])).toEqual([['called-back', '已致电，解释了材料要求', '测试supervisor0'], ['resolved', '已补办', '测试supervisor0']]);
    // Both are in the hall's log, which the district centre is shipped, with who did it.
    const logged = srv.ctx.db.prepare(`SELECT ticket_id, actor, data FROM events WHERE type = 'follow-up.recorded' ORDER BY seq`).all() as { ticket_id: string; actor: string; data: string }[];
    expect(logged.map((e) => [e.ticket_id, e.actor, JSON.parse(e.data)])).toEqual(['called-back', 'resolved'].map((status, i) => [f.ticketId, expect.stringMatching(/^user:/), {
      type: 'follow-up.recorded', at: expect.any(Number), ticketId: f.ticketId, windowId: f.windowId, status, note: ['已致电，解释了材料要求', '已补办'][i], by: '测试supervisor0',
    }]));

    expect((await srv.api('/api/follow-ups', { token: supervisor })).followUps.map((x: any) => x.number)).toEqual([second]);
    expect((await srv.api('/api/follow-ups?status=all', { token: supervisor })).followUps).toHaveLength(2);
    expect(await refused(srv.api(`/api/follow-ups/${f.id}`, { token: supervisor, body: { status: 'called-back', note: '再次' } }))).toEqual({ status: 409, code: 'FOLLOW_UP_RESOLVED' });

    const admin = await srv.login();
    const { entries } = await srv.api('/api/audit', { token: admin });
    expect(entries.filter((e: any) => e.action.startsWith('follow-up')).map((e: any) => [e.action, e.actor])).toEqual([
      ['follow-up-resolved', 'user:sup'], ['follow-up-called-back', 'user:sup'], ['follow-up-contact-viewed', 'user:sup'],
    ]);
  });

  it('refuses clerks, bad bodies and unknown follow-ups', async () => {
    await servedAndRated({ score: 2 });
    const [f] = (await srv.api('/api/follow-ups', { token: supervisor })).followUps;
    expect(await refused(srv.api('/api/follow-ups', { token: clerk.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api(`/api/follow-ups/${f.id}`, { token: supervisor, body: { status: 'open', note: 'x' } }))).toMatchObject({ status: 400 });
    expect(await refused(srv.api(`/api/follow-ups/${f.id}`, { token: supervisor, body: { status: 'resolved', note: '   ' } }))).toMatchObject({ status: 400 });
    expect(await refused(srv.api('/api/follow-ups/nope', { token: supervisor, body: { status: 'resolved', note: 'x' } }))).toEqual({ status: 404, code: 'UNKNOWN_FOLLOW_UP' });
  });

  it('raises one overdue alert per follow-up and stage, by working days', async () => {
    await servedAndRated({ score: 2, contact: '13900001111' });
    const called = await servedAndRated({ score: 1 });
    const ids = (await srv.api('/api/follow-ups', { token: supervisor })).followUps.map((f: any) => f.id);
    await srv.api(`/api/follow-ups/${ids[1]}`, { token: supervisor, body: { status: 'called-back', note: '已回访' } });
    const overdueAlerts = () => srv.ctx.alerts.open().filter((a) => a.kind === 'follow-up-overdue');

    // Saturday 14:00: not yet a working day later
    srv.clock.set(at('2026-11-28', 14));
    expect(srv.ctx.followUps.checkOverdue()).toBe(0);
    // Saturday 16:00: the first was never called back
    srv.clock.set(at('2026-11-28', 16));
    expect(srv.ctx.followUps.checkOverdue()).toBe(1);
    expect(overdueAlerts().map((a) => [a.subject, a.level])).toEqual([[`follow-up:${ids[0]}:call-back`, 'warning']]);
    expect(overdueAlerts()[0].message).toContain('未在 1 个工作日内回访');
    // Once raised, never again, even after a supervisor acknowledged it
    expect(srv.ctx.followUps.checkOverdue()).toBe(0);
    srv.ctx.alerts.acknowledge(overdueAlerts()[0].id, 'user:sup');
    expect(srv.ctx.followUps.checkOverdue()).toBe(0);
    const sup = await srv.login('sup', 'password-123');
    const list = (await srv.api('/api/follow-ups', { token: sup })).followUps;
    expect(list.map((f: any) => f.overdue)).toEqual([['call-back'], []]);

    // Fifteen working days on, neither is resolved
    srv.clock.set(at('2026-12-16', 9));
    expect(srv.ctx.followUps.checkOverdue()).toBe(2);
    expect(overdueAlerts().map((a) => [a.subject, a.level]).sort()).toEqual([[`follow-up:${ids[0]}:resolution`, 'critical'], [`follow-up:${ids[1]}:resolution`, 'critical']].sort());
    void called;
  });
});
