import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

/** Every text value anywhere in the database: tables, JSON columns and the event log alike. */
function everything(srv: TestServer): string {
  const tables = (srv.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  return tables.map((t) => JSON.stringify(srv.db.prepare(`SELECT * FROM ${t}`).all())).join('\n');
}

describe('personal data after the retention period', () => {
  it('is gone from comments, notes and audit details too, not only names and phones; the rows and figures stay', async () => {
    const admin = await srv.login();
    const clerk = await srv.user('clerk');
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const pad = await srv.device('pad', { windowId: 'W01' });
    const supervisor = await srv.user('supervisor');
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const issue = () => srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });

    // What people write about visitors, each with something personal in it.
    const first = (await issue()).ticket;
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/start', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/transfer', { token: clerk.token, body: { serviceId: 'tax', position: 'front', note: '王秀英 先办税务' } });
    await issue();
    const second = (await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} })).ticket;
    await srv.api('/api/windows/W01/start', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'incomplete', note: '王秀英 缺身份证 13700001111' } });
    await srv.api(`/api/tickets/${second.id}/flag`, { token: clerk.token, body: { note: '王秀英 来回跑了两次' } });
    const rating = await srv.api('/api/evaluations', { token: pad, body: { ticketId: second.id, score: 1, reasons: ['slow'], comment: '王秀英：等太久', contact: '13812345678' } });
    const followUp = (await srv.api('/api/follow-ups', { token: supervisor.token })).followUps.find((f: { evaluationId: string }) => f.evaluationId === rating.evaluation.id);
    await srv.api(`/api/follow-ups/${followUp.id}`, { token: supervisor.token, body: { status: 'called-back', note: '已致电王秀英 13812345678' } });
    const third = (await issue()).ticket;
    await srv.api(`/api/tickets/${third.id}/cancel`, { token: supervisor.token, body: { reason: '王秀英 代办，重复取号' } });
    await srv.api('/api/users', { token: admin, body: { username: 'wangxy', password: 'password-123', name: '王秀英', role: 'clerk' } });
    // A public booking keeps its address (the flood check); it goes with the name and phone.
    await srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: '2026-11-23T16:00:00+08:00', name: '王秀英', phone: '13812345678' } });
    const secrets = ['王秀英', '13812345678', '13700001111', '127.0.0.1'];
    for (const s of secrets) expect(everything(srv)).toContain(s);

    // 91 days later: a new business day, and the purge that follows each daily reset.
    srv.clock.advance(91 * 86_400_000);
    srv.ctx.hall.ensureDay();
    const purged = srv.ctx.retention.purge();
    expect(purged).toMatchObject({ appointments: 1, evaluations: 1, follow_ups: 1, tickets: 3, audit: expect.any(Number) });
    const left = everything(srv).replaceAll('"name":"王秀英"', '');  // the clerk's own account, not a visitor's data
    for (const s of secrets) expect([s, left.includes(s)]).toEqual([s, false]);

    // The rows stay: counts, scores, outcomes and the log's events.
    expect(srv.db.prepare('SELECT score, reasons FROM evaluations').get()).toEqual({ score: 1, reasons: '["slow"]' });
    expect((srv.db.prepare('SELECT notes FROM follow_ups').get() as { notes: string }).notes).toContain('"status":"called-back"');
    expect(srv.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type IN ('ticket.finished', 'ticket.transferred', 'ticket.flagged', 'ticket.cancelled')").get()).toEqual({ n: 4 });
    expect(srv.db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE day = ?').get(first.issuedAt.slice(0, 10))).toEqual({ n: 3 });
    expect(srv.ctx.retention.purge()).toMatchObject({ evaluations: 0, follow_ups: 0, tickets: 0, events: 0, audit: 0 });
  });
});
