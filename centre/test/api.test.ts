import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { ApiError } from '@onewindow/protocol';
import type { DistrictSnapshot, HallCard } from '@onewindow/protocol/centre';
import { syntheticDay } from '../src/testing/synthetic-day.ts';
import type { DistrictReport } from '../src/services/report.service.ts';
import type { FollowUp } from '../src/services/follow-up.service.ts';
import { startTestCentre, type TestCentre } from './helper.ts';

const DAY = '2026-11-23'; // a Monday
let now = Date.parse(`${DAY}T09:00:00Z`); // 17:00 in Shanghai
let c: TestCentre;
const keys: Record<string, string> = {};
const day1 = syntheticDay({ day: DAY, visits: 120, seed: 11 });
const day2 = syntheticDay({ day: DAY, visits: 80, seed: 12 });
const refusal = async (p: Promise<unknown>) => { try { await p; } catch (e) { return e as ApiError; } throw new Error('accepted'); };
const heartbeat = (id: string, localSeq: number) => c.call(`/api/halls/${id}/heartbeat`, { token: keys[id], body: {
  at: now, day: DAY, localSeq, open: true, timezone: 'Asia/Shanghai', catalogueVersion: null,
  services: ['biz', 'tax', 'prop', 'social'].map((s) => ({ id: s, name: `${s}-name`, targetWaitSec: 900, waiting: 1, longestWaitSec: 60, estimatedWaitSec: 300, openWindows: 2 })),
  windows: [{ id: 'W01', name: '1号窗口', skills: ['biz'] }],
} });

beforeAll(async () => {
  c = await startTestCentre({ clock: () => now });
  keys.a = (await c.registerHall('a', { level: 'centre', regionCode: '610116' })).key;
  keys.b = (await c.registerHall('b', { parentId: 'a', regionCode: '610116001' })).key;
  await c.call('/api/halls/a/events', { token: keys.a, body: { events: day1 } });
  await c.call('/api/halls/b/events', { token: keys.b, body: { events: day2 } });
  await heartbeat('a', day1.length);
  await heartbeat('b', day2.length + 900);
});
afterAll(async () => c?.close());

describe('people and roles', () => {
  it('signs in, refuses a wrong password, and keeps each role to its part', async () => {
    expect((await refusal(c.call('/api/auth/login', { body: { username: 'admin', password: 'nope' } }))).status).toBe(401);
    await c.admin('/api/users', { body: { username: 'district1', password: 'password-123', name: '区督查', role: 'district' } });
    await c.admin('/api/users', { body: { username: 'viewer-b', password: 'password-123', name: '乙厅', role: 'hall-viewer', hallId: 'b' } });
    expect((await refusal(c.admin('/api/users', { body: { username: 'v2', password: 'password-123', name: 'x', role: 'hall-viewer' } }))).code).toBe('HALL_REQUIRED');
    const district = (await c.call<{ token: string }>('/api/auth/login', { body: { username: 'district1', password: 'password-123' } })).token;
    const viewer = (await c.call<{ token: string }>('/api/auth/login', { body: { username: 'viewer-b', password: 'password-123' } })).token;

    expect((await refusal(c.call('/api/district/halls', { token: district, body: { id: 'x', name: 'x', level: 'street' } }))).status).toBe(403);
    expect((await refusal(c.call('/api/district/catalogue', { token: district, method: 'PUT', body: { services: [] } }))).status).toBe(400);
    expect((await refusal(c.call('/api/district/catalogue', { token: district, method: 'PUT', body: { services: [{ id: 'a', code: 'c', name: 'n', prefix: 'A', targetWaitSec: 60 }] } }))).status).toBe(403);
    expect((await refusal(c.call('/api/district/halls'))).status).toBe(401);

    const all = await c.call<DistrictSnapshot>('/api/district/halls', { token: district });
    expect(all.halls.map((h) => h.id).sort()).toEqual(['a', 'b']);
    const own = await c.call<DistrictSnapshot>('/api/district/halls', { token: viewer });
    expect(own.halls.map((h) => h.id)).toEqual(['b']);
    expect((await refusal(c.call('/api/district/halls/a', { token: viewer }))).status).toBe(403);
    expect((await refusal(c.call('/api/district/halls/a/events', { token: viewer }))).status).toBe(403);
    const r = await c.call<DistrictReport>(`/api/district/reports/day?date=${DAY}`, { token: viewer });
    expect(r.byHall.map((h) => h.key)).toEqual(['b']);
    expect((await refusal(c.call(`/api/district/reports/day?date=${DAY}&hallId=a`, { token: viewer }))).status).toBe(403);

    const audit = await c.admin<{ entries: { action: string }[] }>('/api/audit');
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['hall.register', 'user.create', 'auth.login', 'auth.login-failed']));
  });

  it('keeps the key of a hall as a hash, and a rotated key replaces the old one', async () => {
    const { rows } = await c.db.pool.query('SELECT key_hash FROM halls WHERE id = $1', ['a']);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].key_hash).not.toContain(keys.a.split('.')[1]);
    const { key } = await c.admin<{ key: string }>('/api/district/halls/a/key', { body: {} });
    expect((await refusal(heartbeat('a', 1))).status).toBe(401);
    keys.a = key;
    await heartbeat('a', day1.length);
  });
});

describe('the wall', () => {
  it('puts the hall in trouble first and names the trouble', async () => {
    const snap = await c.admin<DistrictSnapshot>('/api/district/halls');
    const b = snap.halls.find((h) => h.id === 'b')!;
    expect(b.behind).toBe(900);
    expect(b.troubles.map((t) => t.kind)).toContain('behind');
    expect(snap.halls.map((h) => h.rank)).toEqual([...snap.halls.map((h) => h.rank)].sort((x, y) => y - x));
    const a = snap.halls.find((h) => h.id === 'a')!;
    expect(a.issuedToday).toBe(120);
    expect(a.online).toBe(true);
    now += 31_000;
    const later = await c.admin<DistrictSnapshot>('/api/district/halls');
    expect(later.halls.every((h) => !h.online && h.troubles.some((t) => t.kind === 'offline'))).toBe(true);
  });

  it('opens one hall: services with queues and today, windows', async () => {
    const d = await c.admin<{ hall: HallCard; services: { id: string; issuedToday: number }[]; windows: { id: string; status: string }[] }>('/api/district/halls/a');
    expect(d.services.reduce((s, x) => s + x.issuedToday, 0)).toBe(120);
    expect(d.windows.length).toBeGreaterThanOrEqual(12);
  });

  it('streams a snapshot, then each hall that changes', async () => {
    const s = ioClient(c.base, { auth: { token: c.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const snap = await new Promise<DistrictSnapshot>((r) => s.once('snapshot', r));
      expect(snap.halls).toHaveLength(2);
      const changed = new Promise<{ hall: HallCard }>((r) => s.once('hall:changed', r));
      await c.call('/api/halls/b/events', { token: keys.b, body: { events: syntheticDay({ day: DAY, visits: 2, firstSeq: day2.length + 1, seed: 99 }) } });
      const m = await changed;
      expect(m.hall.id).toBe('b');
      expect(m.hall.shippedSeq).toBeGreaterThan(day2.length);
    } finally {
      s.close();
    }
    const bad = ioClient(c.base, { auth: { token: 'nope' }, transports: ['websocket'], forceNew: true, reconnection: false });
    const err = await new Promise<Error>((r) => bad.once('connect_error', r));
    expect(err.message).toBe('UNAUTHORIZED');
    bad.close();
  });
});

describe('reports', () => {
  it('adds up by hall and service, with district totals and CSV', async () => {
    const r = await c.admin<DistrictReport>(`/api/district/reports/day?date=${DAY}`);
    expect(r.byHall.map((h) => h.key)).toEqual(['a', 'b']);
    expect(r.byHall.find((h) => h.key === 'a')!.issued).toBe(120);
    for (const k of ['issued', 'served', 'called', 'rated', 'badReviews'] as const) {
      expect(r.totals[k]).toBe(r.byHall.reduce((s, h) => s + h[k], 0));
      expect(r.totals[k]).toBe(r.byService.reduce((s, h) => s + h[k], 0));
    }
    expect(r.totals.satisfaction).toBeGreaterThan(0.5);
    const csv = await fetch(`${c.base}/api/district/reports/day?date=${DAY}&format=csv`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF类别,代码,名称,取号量')).toBe(true);
    expect(text).toContain('全区,all,全区合计,');
    const range = await c.admin<DistrictReport>(`/api/district/reports/range?from=2026-11-01&to=${DAY}`);
    expect(range.totals.issued).toBe(r.totals.issued);
    expect((await refusal(c.admin('/api/district/reports/range?from=2026-01-01&to=2026-11-23'))).code).toBe('RANGE_TOO_LONG');
    expect((await refusal(c.admin('/api/district/reports/day?date=23-11-2026'))).status).toBe(400);
  });

  it('exports every rating for the provincial platform with the catalogue codes', async () => {
    await c.admin('/api/district/catalogue', { method: 'PUT', body: { services: [{ id: 'biz', code: '11610116MB1234567X', name: '企业开办', prefix: 'A', targetWaitSec: 900 }] } });
    const { evaluations } = await c.admin<{ evaluations: Record<string, unknown>[] }>(`/api/district/evaluations?from=${DAY}&to=${DAY}`);
    const rated = (await c.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE type = 'evaluation.recorded' AND day = $1`, [DAY])).rows[0].n;
    expect(rated).toBeGreaterThan(40);
    expect(evaluations).toHaveLength(rated);
    const biz = evaluations.find((e) => e.serviceId === 'biz' && e.hallId === 'a')!;
    expect(biz).toMatchObject({ hallName: 'a 便民服务中心', regionCode: '610116', catalogueCode: '11610116MB1234567X', serviceName: '企业开办', channel: '1', windowName: expect.any(String) });
    expect(String(biz.ratedAt)).toMatch(/\+08:00$/);
    expect(evaluations.find((e) => (e.level as number) <= 2)!.reasons).toEqual(['等候时间长']);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(`${c.base}/api/district/evaluations?from=${DAY}&to=${DAY}&format=csv`, { headers: { authorization: `Bearer ${c.token}` } })).arrayBuffer());
    expect(csv.split('\r\n')[0]).toBe('\uFEFF大厅编码,大厅名称,行政区划代码,窗口编码,窗口名称,工作人员编码,工作人员,事项编码,事项名称,本地事项,取号,评价等级,评价等级名称,差评原因,评价时间,评价渠道,评价渠道名称');
    expect(csv.split('\r\n').length).toBe(rated + 2);
  });

  it('gives the 好差评 indicators per hall', async () => {
    const { halls } = await c.admin<{ halls: { hallId: string; rated: number; served: number; ratedShare: number; goodShare: number; bad: number }[] }>(`/api/district/ratings?from=${DAY}&to=${DAY}`);
    const a = halls.find((h) => h.hallId === 'a')!;
    expect(a.ratedShare).toBeCloseTo(a.rated / a.served, 3);
    expect(a.bad).toBeGreaterThan(0);
  });
});

describe('follow-ups', () => {
  it('lists bad reviews with working-day deadlines, overdue first, and records the district\'s call-back and fix', async () => {
    let { followUps } = await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups');
    const bad = (await c.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE type = 'evaluation.recorded' AND (data->>'score')::int <= 2`)).rows[0].n;
    expect(followUps).toHaveLength(bad);
    const f = followUps[0];
    // Rated on Monday: called back by the same time on Tuesday, fixed within 15 working days (3 weekends later).
    expect(Date.parse(f.callBackDue!) - Date.parse(f.ratedAt)).toBe(86_400_000);
    expect(Date.parse(f.resolveDue!) - Date.parse(f.ratedAt)).toBe(21 * 86_400_000);
    expect(f.overdue).toEqual([]);
    now = Date.parse('2026-11-25T09:00:00Z');
    ({ followUps } = await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups'));
    expect(followUps.every((x) => x.overdue.includes('call-back'))).toBe(true);

    const done = await c.admin<FollowUp>(`/api/district/follow-ups/${f.id}`, { body: { status: 'called-back', note: '已电话回访，致歉' } });
    expect(done.status).toBe('called-back');
    expect(done.overdue).toEqual([]);
    ({ followUps } = await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups'));
    expect(followUps[followUps.length - 1].id).toBe(f.id); // no longer overdue: last
    await c.admin(`/api/district/follow-ups/${f.id}`, { body: { status: 'resolved', note: '窗口增开' } });
    expect((await refusal(c.admin(`/api/district/follow-ups/${f.id}`, { body: { status: 'resolved', note: 'again' } }))).code).toBe('FOLLOW_UP_RESOLVED');
    ({ followUps } = await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups'));
    expect(followUps.some((x) => x.id === f.id)).toBe(false);
    ({ followUps } = await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups?all=1'));
    expect(followUps.find((x) => x.id === f.id)!.actions.map((a) => a.status)).toEqual(['called-back', 'resolved']);
  });

  it('shows what a hall did itself: its supervisor\'s call-back, shipped in its log, moves the district\'s follow-up on', async () => {
    const open = (await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups')).followUps;
    const g = open.find((x) => x.hallId === 'a' && x.status === 'open')!;
    const ticketId = g.id.split('/')[1];
    const seq = Number((await c.db.pool.query(`SELECT max(seq) AS s FROM events WHERE hall_id = 'a'`)).rows[0].s) + 1;
    const data = { type: 'follow-up.recorded', at: now, ticketId, windowId: g.windowId, status: 'called-back', note: '已电话致歉，约定补办', by: '王主任' };
    await c.call('/api/halls/a/events', { token: keys.a, body: { events: [{ seq, day: DAY, at: now, type: data.type, ticketId, windowId: g.windowId, actor: 'user:u7', data }] } });
    let h = (await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups?all=1')).followUps.find((x) => x.id === g.id)!;
    expect(h).toMatchObject({ status: 'called-back', overdue: [] });
    expect(h.actions).toEqual([{ status: 'called-back', note: '已电话致歉，约定补办', by: '王主任', at: new Date(now).toISOString(), source: 'hall' }]);
    // The district resolves it after the hall's call-back; both stand in order.
    await c.admin(`/api/district/follow-ups/${g.id}`, { body: { status: 'resolved', note: '已督办' } });
    h = (await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups?all=1')).followUps.find((x) => x.id === g.id)!;
    expect(h.actions.map((x) => [x.source, x.status])).toEqual([['hall', 'called-back'], ['district', 'resolved']]);
  });

  it('takes the province\'s deadlines and calendar', async () => {
    const s = await c.admin<Record<string, unknown>>('/api/district/settings/follow-up', { method: 'PUT', body: {
      callBackWorkingDays: 2, resolveWorkingDays: 5, timezone: 'Asia/Shanghai', workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2026-11-24'], workdays: [] } });
    expect(s.callBackWorkingDays).toBe(2);
    const { followUps } = await c.admin<{ followUps: FollowUp[] }>('/api/district/follow-ups?all=1');
    const f = followUps.find((x) => x.ratedAt.startsWith(DAY))!;
    // Monday's review: Tuesday is a holiday, so two working days end on Thursday.
    expect(Date.parse(f.callBackDue!) - Date.parse(f.ratedAt)).toBe(3 * 86_400_000);
    expect((await refusal(c.admin('/api/district/settings/follow-up', { method: 'PUT', body: { ...s, timezone: 'Mars/Olympus' } }))).code).toBe('TIMEZONE_INVALID');
  });
});

describe('the OpenAPI description', () => {
  it('lists the contract\'s routes', async () => {
    const doc = await c.call<{ paths: Record<string, unknown> }>('/api/docs/json');
    for (const p of ['/api/district/halls', '/api/district/halls/{id}/events', '/api/district/reports/day', '/api/district/follow-ups', '/api/district/evaluations', '/api/district/catalogue', '/api/halls/{id}/events', '/api/halls/{id}/heartbeat', '/api/public/halls']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
