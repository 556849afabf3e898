import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refused, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

describe('the ticket life cycle over HTTP', () => {
  it('issues, calls, starts and finishes a ticket at a window', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const clerk = await srv.user('clerk');
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    expect(ticket).toMatchObject({ number: 'A001', serviceId: 'biz', priority: 'normal', status: 'waiting', ahead: 0, windowId: null });
    expect(ticket.issuedAt).toMatch(/^2026-11-23T10:00:00\.000\+08:00$/);
    expect(ticket.trackToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const called = await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    expect(called.ticket).toMatchObject({ number: 'A001', status: 'called', windowId: 'W01' });
    expect(called.window).toMatchObject({ id: 'W01', phase: 'calling' });
    await srv.api('/api/windows/W01/recall', { token: clerk.token, body: {} });
    srv.clock.advance(30_000);
    await srv.api('/api/windows/W01/start', { token: clerk.token, body: {} });
    srv.clock.advance(300_000);
    const done = await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'incomplete', note: '缺营业执照复印件' } });
    expect(done.ticket.status).toBe('done');
    expect(done.ticket.steps[0]).toMatchObject({ outcome: 'incomplete', note: '缺营业执照复印件', recalls: 1, clerkId: clerk.id });
    expect(done.window.servedToday).toBe(1);
    const empty = await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    expect(empty.ticket).toBeNull();

    const track = await srv.api(`/api/tickets/track/${ticket.trackToken}`);
    expect(track).toMatchObject({ number: 'A001', status: 'done', serviceName: '企业开办' });
    expect(track.trackToken).toBeUndefined();
  });

  it('refuses illegal transitions with stable codes', async () => {
    const clerk = await srv.user('clerk');
    expect(await refused(srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} }))).toEqual({ status: 403, code: 'NOT_AT_WINDOW' });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    expect(await refused(srv.api('/api/windows/W01/start', { token: clerk.token, body: {} }))).toEqual({ status: 409, code: 'WINDOW_IDLE' });
    expect(await refused(srv.api('/api/windows/W01/resume', { token: clerk.token, body: {} }))).toEqual({ status: 409, code: 'WINDOW_NOT_PAUSED' });
    expect(await refused(srv.api('/api/windows/W99/sign-in', { token: clerk.token, body: {} }))).toEqual({ status: 404, code: 'UNKNOWN_WINDOW' });
    const other = await srv.user('clerk');
    expect(await refused(srv.api('/api/windows/W01/sign-in', { token: other.token, body: {} }))).toEqual({ status: 409, code: 'WINDOW_TAKEN' });
    expect(await refused(srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'maybe' } }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('transfers to another service at the front, and pauses and resumes', async () => {
    const guide = await srv.user('guide');
    const clerk = await srv.user('clerk');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } });
    const { ticket } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/call', { token: clerk.token, body: { number: ticket.number } });
    const moved = await srv.api('/api/windows/W01/transfer', { token: clerk.token, body: { serviceId: 'tax', position: 'front', note: '先办税务' } });
    expect(moved.ticket.steps.map((s: any) => `${s.serviceId}:${s.status}`)).toEqual(['biz:transferred', 'tax:waiting']);
    const next = await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    expect(next.ticket.id).toBe(ticket.id);
    // No-show only after a real call: three minutes after it, by the hall's default rule.
    srv.clock.advance(180_000);
    await srv.api('/api/windows/W01/no-show', { token: clerk.token, body: {} });
    const paused = await srv.api('/api/windows/W01/pause', { token: clerk.token, body: { reason: '午休' } });
    expect(paused.window).toMatchObject({ status: 'paused', pauseReason: '午休', phase: 'paused' });
    expect(await refused(srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} }))).toEqual({ status: 409, code: 'WINDOW_PAUSED' });
    await srv.api('/api/windows/W01/resume', { token: clerk.token, body: {} });
  });
});

describe('auth and roles', () => {
  it('401 without or with a wrong token, 403 for the wrong role or kind', async () => {
    expect(await refused(srv.api('/api/hall'))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(await refused(srv.api('/api/hall', { token: 'nope' }))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(await refused(srv.login('admin', 'wrong'))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    const display = await srv.device('display');
    expect(await refused(srv.api('/api/tickets', { token: display, body: { serviceId: 'biz' } }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const clerk = await srv.user('clerk');
    expect(await refused(srv.api('/api/stats/live', { token: clerk.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/users', { token: clerk.token, body: { username: 'x', password: 'password-1', name: 'x', role: 'admin' } }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const bound = await srv.user('clerk', 'bound', ['W02']);
    expect(await refused(srv.api('/api/windows/W01/sign-in', { token: bound.token, body: {} }))).toEqual({ status: 403, code: 'WINDOW_NOT_ALLOWED' });
    const sup = await srv.user('supervisor');
    const live = await srv.api('/api/stats/live', { token: sup.token });
    expect(live.windows).toHaveLength(12);
  });

  it('pairs a device once, and an unpaired device loses access at once', async () => {
    const admin = await srv.login();
    const { id, pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: '入口取号机', kioskId: 'K1' } });
    expect(pairingCode).toMatch(/^\d{8}$/);
    const { token, device } = await srv.api('/api/devices/pair', { body: { pairingCode } });
    expect(device).toMatchObject({ id, kind: 'kiosk', paired: true });
    expect(await refused(srv.api('/api/devices/pair', { body: { pairingCode } }))).toEqual({ status: 404, code: 'PAIRING_CODE_INVALID' });
    await srv.api('/api/hall', { token });
    await srv.api(`/api/devices/${id}`, { token: admin, method: 'DELETE' });
    expect(await refused(srv.api('/api/hall', { token }))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    await srv.user('clerk', 'hashcheck');
    const row = srv.db.prepare('SELECT password_hash FROM users WHERE username = ?').get('hashcheck') as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$16384\$/);
    expect(row.password_hash).not.toContain('password-123');
  });
});

describe('idempotency and concurrency', () => {
  it('the same Idempotency-Key returns the first ticket instead of issuing twice', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const a = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'prop' }, idempotencyKey: 'tap-1' });
    const b = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'prop' }, idempotencyKey: 'tap-1' });
    const c = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'prop' }, idempotencyKey: 'tap-2' });
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(c.ticket.number).toBe('C002');
  });

  it('windows calling at the same instant never get the same ticket', async () => {
    const guide = await srv.user('guide');
    for (let i = 0; i < 10; i++) await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    const clerks = await Promise.all(['W01', 'W02', 'W03', 'W04', 'W12'].map(async (w) => {
      const c = await srv.user('clerk');
      await srv.api(`/api/windows/${w}/sign-in`, { token: c.token, body: {} });
      return { w, token: c.token };
    }));
    const results = await Promise.all(clerks.flatMap((c) => [
      srv.api(`/api/windows/${c.w}/call-next`, { token: c.token, body: {} }).catch((e) => e),
      srv.api(`/api/windows/${c.w}/call-next`, { token: c.token, body: {} }).catch((e) => e),
    ]));
    const ids = results.filter((r) => r.ticket).map((r) => r.ticket.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(results.filter((r) => r.code === 'WINDOW_BUSY')).toHaveLength(5);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, unknown fields, wrong types and huge bodies with a 4xx code', async () => {
    const guide = await srv.user('guide');
    const raw = async (body: string, headers: Record<string, string> = {}) => {
      const r = await fetch(`${srv.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${guide.token}`, ...headers }, body });
      return { status: r.status, code: ((await r.json()) as any).error?.code };
    };
    expect(await raw('{"serviceId": ')).toEqual({ status: 400, code: 'INVALID_JSON' });
    expect(await raw('{"serviceId":"biz","extra":1}')).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await raw('{"serviceId":42}')).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await raw(JSON.stringify({ serviceId: 'x'.repeat(100_000) }))).toEqual({ status: 413, code: 'BODY_TOO_LARGE' });
    expect(await raw('{"serviceId":"nope"}')).toEqual({ status: 404, code: 'UNKNOWN_SERVICE' });
    const r = await fetch(`${srv.url}/api/windows/..%2F..%2Fetc/call-next`, { method: 'POST', headers: { authorization: `Bearer ${guide.token}` } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it('publishes the OpenAPI description', async () => {
    const doc = await srv.api('/api/docs/json');
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/tickets', '/api/windows/{id}/call-next', '/api/tickets/track/{trackToken}', '/api/devices/pair', '/api/stats/live']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});

describe('sign-in rate limit', () => {
  it('locks out guessing at one account, not the clerk at the next window', async () => {
    await srv.user('clerk', 'victim');
    const attempts = [];
    for (let i = 0; i < 12; i++) attempts.push(await refused(srv.login('victim', `guess-${i}`)));
    // srv.user() signed in once already: ten tries a minute in all.
    expect(attempts.slice(0, 9).every((a) => a.code === 'BAD_CREDENTIALS')).toBe(true);
    expect(attempts.slice(9)).toEqual(Array(3).fill({ status: 429, code: 'RATE_LIMITED' }));
    await srv.user('clerk', 'neighbour');
    expect(typeof (await srv.login('neighbour', 'password-123'))).toBe('string');
  });
});
