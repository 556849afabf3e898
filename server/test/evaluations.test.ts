import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextEvent, refused, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

/** A clerk at the window serves one fresh ticket of `serviceId` to the end; returns its id and number. */
async function serveOne(clerk: string, windowId: string, serviceId = 'biz', finish: Record<string, unknown> = { outcome: 'done' }) {
  const guide = await srv.user('guide');
  const { ticket } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId } });
  await srv.api(`/api/windows/${windowId}/call`, { token: clerk, body: { ticketId: ticket.id } });
  await srv.api(`/api/windows/${windowId}/start`, { token: clerk, body: {} });
  srv.clock.advance(240_000);
  await srv.api(`/api/windows/${windowId}/finish`, { token: clerk, body: finish });
  return { id: ticket.id as string, number: ticket.number as string };
}

async function clerkAt(windowId: string) {
  const c = await srv.user('clerk');
  await srv.api(`/api/windows/${windowId}/sign-in`, { token: c.token, body: {} });
  return c;
}

describe('a pad rates the ticket its window finished', () => {
  it('accepts a rating once, from the pad of the serving window only', async () => {
    const clerk = await clerkAt('W01');
    const padW01 = await srv.device('pad', { windowId: 'W01' });
    const padW02 = await srv.device('pad', { windowId: 'W02' });
    const t = await serveOne(clerk.token, 'W01');

    expect(await refused(srv.api('/api/evaluations', { token: padW02, body: { ticketId: t.id, score: 5 } }))).toEqual({ status: 403, code: 'EVALUATION_WRONG_WINDOW' });
    const r = await srv.api('/api/evaluations', { token: padW01, body: { ticketId: t.id, score: 4, aspects: { efficiency: 4, competence: 5, attitude: 4 } } });
    expect(r.evaluation).toMatchObject({ ticketId: t.id, number: t.number, windowId: 'W01', clerkId: clerk.id, score: 4, label: '满意', source: 'pad-web', followUp: false, aspects: { efficiency: 4, competence: 5, attitude: 4 } });
    expect(await refused(srv.api('/api/evaluations', { token: padW01, body: { ticketId: t.id, score: 1 } }))).toEqual({ status: 409, code: 'EVALUATION_DUPLICATE' });
    expect(srv.db.prepare('SELECT COUNT(*) AS n FROM evaluations').get()).toEqual({ n: 1 });
  });

  it('refuses people, unknown tickets, unfinished tickets and bad bodies', async () => {
    const clerk = await clerkAt('W01');
    const pad = await srv.device('pad', { windowId: 'W01' });
    const t = await serveOne(clerk.token, 'W01');
    expect(await refused(srv.api('/api/evaluations', { token: clerk.token, body: { ticketId: t.id, score: 5 } }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/evaluations', { body: { ticketId: t.id, score: 5 } }))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(await refused(srv.api('/api/evaluations', { token: pad, body: { ticketId: 'nope', score: 5 } }))).toEqual({ status: 404, code: 'UNKNOWN_TICKET' });
    const guide = await srv.user('guide');
    const { ticket: waiting } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    expect(await refused(srv.api('/api/evaluations', { token: pad, body: { ticketId: waiting.id, score: 5 } }))).toEqual({ status: 409, code: 'EVALUATION_NOT_REQUESTED' });
    for (const body of [{ ticketId: t.id, score: 6 }, { ticketId: t.id, score: 0 }, { ticketId: t.id, score: '5' }, { ticketId: t.id, score: 5, extra: 1 }, { ticketId: t.id, score: 2, reasons: [''] }, { ticketId: t.id, score: 2, reasons: ['x'.repeat(101)] }]) {
      expect(await refused(srv.api('/api/evaluations', { token: pad, body }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('takes reasons as free text (api.md): stored as given, mapped to a reason code where one matches', async () => {
    const clerk = await clerkAt('W01');
    const pad = await srv.device('pad', { windowId: 'W01' });
    const t = await serveOne(clerk.token, 'W01');
    // a vendor's pad writes its own words
    const r = await srv.api('/api/evaluations', { token: pad, body: { ticketId: t.id, score: 1, reasons: ['等待时间长', ' 需要多次跑 ', '窗口空调太冷'] } });
    expect(r.evaluation).toMatchObject({ reasons: ['等待时间长', '需要多次跑', '窗口空调太冷'], reasonCodes: ['wait', 'repeat', null] });
    const { followUps } = await srv.api('/api/follow-ups', { token: (await srv.user('supervisor')).token });
    expect(followUps.find((f: { ticketId: string }) => f.ticketId === t.id).reasons).toEqual(['等待时间长', '需要多次跑', '窗口空调太冷']);
  });

  it('refuses a rating past the time limit', async () => {
    const clerk = await clerkAt('W01');
    const pad = await srv.device('pad', { windowId: 'W01' });
    const t = await serveOne(clerk.token, 'W01');
    srv.clock.advance(3 * 60_000 + 1000);
    expect(await refused(srv.api('/api/evaluations', { token: pad, body: { ticketId: t.id, score: 5 } }))).toEqual({ status: 409, code: 'EVALUATION_EXPIRED' });
  });

  it('takes the window of the last finished matter: 一票到底 across two windows', async () => {
    const c1 = await clerkAt('W01');
    const c3 = await clerkAt('W03');
    const pad1 = await srv.device('pad', { windowId: 'W01' });
    const pad3 = await srv.device('pad', { windowId: 'W03' });
    const t = await serveOne(c1.token, 'W01', 'biz', { outcome: 'done', nextServiceId: 'social' });
    await srv.api('/api/windows/W03/call', { token: c3.token, body: { ticketId: t.id } });
    await srv.api('/api/windows/W03/finish', { token: c3.token, body: { outcome: 'done' } });
    expect(await refused(srv.api('/api/evaluations', { token: pad1, body: { ticketId: t.id, score: 5 } }))).toEqual({ status: 403, code: 'EVALUATION_WRONG_WINDOW' });
    const r = await srv.api('/api/evaluations', { token: pad3, body: { ticketId: t.id, score: 5 } });
    expect(r.evaluation).toMatchObject({ windowId: 'W03', serviceId: 'social', clerkId: c3.id });
  });
});

describe('bad reviews', () => {
  it('open a follow-up, raise an alert and are listed for supervisors with the contact masked', async () => {
    const clerk = await clerkAt('W01');
    const pad = await srv.device('pad', { windowId: 'W01' });
    const sup = await srv.user('supervisor');
    const staff = srv.socket({ token: sup.token });
    await nextEvent(staff, 'state');
    const t = await serveOne(clerk.token, 'W01');

    const recorded = nextEvent(staff, 'evaluation:recorded');
    const alerted = nextEvent(staff, 'alert');
    const r = await srv.api('/api/evaluations', {
      token: pad, body: { ticketId: t.id, score: 2, reasons: ['slow', 'unclear', 'slow'], comment: ' 材料清单没说清楚 ', contact: '13812345678' },
    });
    expect(r.evaluation).toMatchObject({ score: 2, label: '不满意', followUp: true, reasons: ['slow', 'unclear'], reasonCodes: ['slow', 'unclear'], comment: '材料清单没说清楚', contact: '13812345678' });
    expect(await recorded).toMatchObject({ ticketId: t.id, windowId: 'W01', score: 2 });
    const { alert } = await alerted;
    expect(alert).toMatchObject({ kind: 'bad-review', level: 'warning', subject: `ticket:${t.id}` });
    expect(alert.message).toContain(t.number);

    const fu = srv.db.prepare('SELECT * FROM follow_ups WHERE ticket_id = ?').get(t.id) as any;
    expect(fu).toMatchObject({ status: 'open', evaluation_id: r.evaluation.id, day: '2026-11-23' });
    // The rating and its log event were written together.
    const ev = srv.db.prepare("SELECT actor FROM events WHERE type = 'evaluation.recorded' AND ticket_id = ?").get(t.id) as any;
    expect(ev.actor).toMatch(/^device:/);

    const list = await srv.api('/api/evaluations?date=2026-11-23', { token: sup.token });
    expect(list.evaluations).toHaveLength(1);
    expect(list.evaluations[0]).toMatchObject({ contact: '138****5678', followUp: true, clerkName: expect.any(String) });
    expect((await srv.api('/api/evaluations', { token: sup.token })).date).toBe('2026-11-23');
    expect(await refused(srv.api('/api/evaluations', { token: clerk.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('a 1 is a critical alert; 3–5 open nothing', async () => {
    const clerk = await clerkAt('W01');
    const pad = await srv.device('pad', { windowId: 'W01' });
    const a = await serveOne(clerk.token, 'W01');
    await srv.api('/api/evaluations', { token: pad, body: { ticketId: a.id, score: 3, reasons: ['slow'] } });
    const b = await serveOne(clerk.token, 'W01');
    await srv.api('/api/evaluations', { token: pad, body: { ticketId: b.id, score: 1 } });
    const rows = srv.db.prepare('SELECT ticket_id FROM follow_ups').all() as any[];
    expect(rows.map((x) => x.ticket_id)).toEqual([b.id]);
    expect(srv.ctx.alerts.open().filter((x) => x.kind === 'bad-review').map((x) => x.level)).toEqual(['critical']);
  });
});

describe('the pad hears its own window only', () => {
  it('gets evaluation:request live and in its snapshot until rated', async () => {
    const clerk = await clerkAt('W01');
    const padW01 = await srv.device('pad', { windowId: 'W01' });
    const padW02 = await srv.device('pad', { windowId: 'W02' });
    const s1 = srv.socket({ token: padW01 });
    const s2 = srv.socket({ token: padW02 });
    const [snap1] = await Promise.all([nextEvent(s1, 'state'), nextEvent(s2, 'state')]);
    expect(snap1).toMatchObject({ feed: 'window:W01', evaluation: null });
    let heardByW02 = 0;
    s2.on('evaluation:request', () => heardByW02++);

    const request = nextEvent(s1, 'evaluation:request');
    const t = await serveOne(clerk.token, 'W01');
    const m = await request;
    expect(m.request).toMatchObject({ ticketId: t.id, number: t.number, windowId: 'W01', clerkName: expect.any(String) });
    expect(Date.parse(m.request.expiresAt) - srv.clock.now()).toBe(180_000);

    const late = srv.socket({ token: padW01 });
    expect((await nextEvent(late, 'state')).evaluation).toMatchObject({ ticketId: t.id });
    const w2 = srv.socket({ token: padW02 });
    expect((await nextEvent(w2, 'state')).evaluation).toBeNull();

    const recorded = nextEvent(s1, 'evaluation:recorded');
    await srv.api('/api/evaluations', { token: padW01, body: { ticketId: t.id, score: 5 } });
    expect(await recorded).toMatchObject({ ticketId: t.id, score: 5 });
    const after = srv.socket({ token: padW01 });
    expect((await nextEvent(after, 'state')).evaluation).toBeNull();
    expect(heardByW02).toBe(0);
  });

  it('forgets an expired request in the snapshot', async () => {
    const clerk = await clerkAt('W01');
    const pad = await srv.device('pad', { windowId: 'W01' });
    await serveOne(clerk.token, 'W01');
    srv.clock.advance(181_000);
    expect((await nextEvent(srv.socket({ token: pad }), 'state')).evaluation).toBeNull();
  });
});
