import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { loadHallConfig } from '@onewindow/config';
import { createApi, type ApiClient } from '../src/client/api.ts';
import { ENDPOINTS, type EndpointKey } from '../src/endpoints.ts';
import { schemaProblems } from '../src/schema-errors.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

/**
 * The UIs' types come from the protocol's endpoint table, the server answers from its routes: every
 * call the UIs make is made here, through the typed client, against a real server, and its answer
 * checked against the table's schema. A route that drifts from the table fails here.
 */
let srv: TestServer;
const seen = new Set<EndpointKey>();

/** The typed client, with every answer checked against its route's response schema. */
function checked(token: () => string | null, base = srv.url): ApiClient {
  const api = createApi({ base, token });
  const call = async (route: EndpointKey, opts?: object) => {
    const answer = await (api.call as (r: EndpointKey, o?: object) => Promise<unknown>)(route, opts);
    const problems = schemaProblems(ENDPOINTS[route].response, answer);
    expect(problems, `${route} answered off its schema`).toEqual([]);
    expect(Value.Check(ENDPOINTS[route].response, answer)).toBe(true);
    seen.add(route);
    return answer;
  };
  return { call } as ApiClient;
}

beforeAll(async () => {
  // The console writes the hall file back: a copy of it, in a folder of this test's own.
  const dir = mkdtempSync(join(tmpdir(), 'ow-endpoints-'));
  const file = join(dir, 'hall.yaml');
  copyFileSync(DEFAULT_CONFIG, file);
  const config = loadHallConfig(file);
  config.kiosks = [{ id: 'K1', name: '取号机', printer: { type: 'file', file: { path: join(dir, 'printer') } } }];
  srv = await startTestServer({ config, configPath: file });
});
afterAll(async () => { await srv?.close(); });

describe('the endpoint table against the running server', () => {
  it('every route the UIs call answers as its schema says', async () => {
    let token: string | null = null;
    const api = checked(() => token);
    const login = await api.call('POST /api/auth/login', { body: { username: 'admin', password: 'admin-test-password' } });
    token = login.token;
    await api.call('GET /api/auth/me');
    await api.call('GET /api/hall');
    await api.call('GET /api/users');
    const clerk = await api.call('POST /api/users', { body: { username: 'zhang', password: 'password-123', name: '张敏', role: 'clerk', windows: ['W01'] } });
    await api.call('PATCH /api/users/:id', { params: { id: clerk.id }, body: { name: '张敏敏' } });
    await api.call('POST /api/users/:id/sign-out-everywhere', { params: { id: clerk.id }, body: {} });
    const kiosk = await api.call('POST /api/devices', { body: { kind: 'kiosk', name: '取号机', kioskId: 'K1' } });
    const pad = await api.call('POST /api/devices', { body: { kind: 'pad', name: '评价器', windowId: 'W01' } });
    await api.call('GET /api/devices');
    await api.call('PATCH /api/devices/:id', { params: { id: pad.id }, body: { name: '1号窗评价器' } });
    const kioskToken = (await api.call('POST /api/devices/pair', { token: null, body: { pairingCode: kiosk.pairingCode } })).token;
    const padToken = (await api.call('POST /api/devices/pair', { token: null, body: { pairingCode: pad.pairingCode } })).token;

    // A visit: issued at the kiosk, followed on a phone, served, rated, followed up
    const issued = await api.call('POST /api/tickets', { token: kioskToken, body: { serviceId: 'biz' }, idempotencyKey: 'k-1' });
    await api.call('GET /api/tickets/track/:token', { token: null, params: { token: issued.ticket.trackToken! } });
    const clerkToken = (await api.call('POST /api/auth/login', { token: null, body: { username: 'zhang', password: 'password-123' } })).token;
    const w = { params: { id: 'W01' }, token: clerkToken };
    await api.call('POST /api/windows/:id/sign-in', { ...w, body: {} });
    await api.call('POST /api/windows/:id/pause', { ...w, body: { reason: '午休' } });
    await api.call('POST /api/windows/:id/resume', { ...w, body: {} });
    await api.call('POST /api/windows/:id/call-next', { ...w, body: {} });
    await api.call('POST /api/windows/:id/recall', { ...w, body: {} });
    await api.call('POST /api/windows/:id/start', { ...w, body: {} });
    await api.call('POST /api/windows/:id/hold', { ...w, body: { note: '取材料' } });
    await api.call('POST /api/windows/:id/call', { ...w, body: { ticketId: issued.ticket.id } });
    await api.call('POST /api/windows/:id/start', { ...w, body: {} });
    await api.call('POST /api/windows/:id/finish', { ...w, body: { outcome: 'done' } });
    await api.call('GET /api/windows/:id/summary', w);
    await api.call('POST /api/windows/:id/auto-call', { ...w, body: { afterSec: 10 } });
    await api.call('POST /api/windows/:id/auto-call', { ...w, body: { afterSec: null } });
    await api.call('GET /api/tickets/:id/timeline', { params: { id: issued.ticket.id }, token: clerkToken });
    await api.call('POST /api/tickets/:id/flag', { params: { id: issued.ticket.id }, token: clerkToken, body: { note: '群众中途接电话' } });
    const rated = await api.call('POST /api/evaluations', { token: padToken, body: { ticketId: issued.ticket.id, score: 2, reasons: ['等待时间长', 'repeat'] } });
    expect(rated.evaluation.reasonCodes).toEqual(['wait', 'repeat']);
    const second = await api.call('POST /api/tickets', { token: kioskToken, body: { serviceId: 'biz' } });
    await api.call('POST /api/windows/:id/call-next', { ...w, body: {} });
    await api.call('POST /api/windows/:id/recall', { ...w, body: {} });
    await api.call('POST /api/windows/:id/recall', { ...w, body: {} }); // no-show only after a real call: three calls
    await api.call('POST /api/windows/:id/no-show', { ...w, body: {} });
    await api.call('POST /api/tickets', { token: kioskToken, body: { serviceId: 'biz' } });
    await api.call('POST /api/windows/:id/call-next', { ...w, body: {} });
    await api.call('POST /api/windows/:id/start', { ...w, body: {} });
    await api.call('POST /api/windows/:id/transfer', { ...w, body: { serviceId: 'tax' } });
    // 一次性告知: the list with the finish, read back for the printed notice and on the phone.
    const short = await api.call('POST /api/tickets', { token: kioskToken, body: { serviceId: 'pickup', language: 'en' } });
    await api.call('POST /api/windows/:id/call', { ...w, body: { ticketId: short.ticket.id } });
    await api.call('POST /api/windows/:id/finish', { ...w, body: { outcome: 'incomplete', missing: ['户口本原件'] } });
    const { notice } = await api.call('GET /api/tickets/:id/notice', { params: { id: short.ticket.id }, token: clerkToken });
    expect(notice.items).toEqual(['户口本原件']);
    const tracked = await api.call('GET /api/tickets/track/:token', { token: null, params: { token: short.ticket.trackToken! } });
    expect(tracked.notice?.items).toEqual(['户口本原件']);
    await api.call('POST /api/windows/:id/sign-out', { ...w, body: {} });

    // The guide desk: issue for a visitor, find them, put a no-show back, print again, cancel.
    await api.call('POST /api/users', { body: { username: 'wang', password: 'password-123', name: '王导', role: 'guide' } });
    const guideToken = (await api.call('POST /api/auth/login', { token: null, body: { username: 'wang', password: 'password-123' } })).token;
    const g = { token: guideToken };
    const forVisitor = await api.call('POST /api/tickets', { ...g, body: { serviceId: 'social', priority: 'green', greenReason: '老人', phone: '13812345678', printAt: 'K1' } });
    expect(forVisitor.ticket.visitor?.phone).toBe('138****5678');
    await api.call('GET /api/guide/lookup', { ...g, query: { q: forVisitor.ticket.number } });
    await api.call('GET /api/tickets', { ...g, query: { open: 'false' } });
    await api.call('POST /api/tickets/:id/print', { ...g, params: { id: forVisitor.ticket.id }, body: { kioskId: 'K1' } });
    await api.call('POST /api/tickets/:id/phone', { ...g, params: { id: forVisitor.ticket.id }, body: { phone: '13812340000' } });
    await api.call('POST /api/tickets/:id/reinstate', { ...g, params: { id: second.ticket.id }, body: {} });
    await api.call('POST /api/tickets/:id/cancel', { ...g, params: { id: second.ticket.id }, body: { reason: '群众离开' } });
    expect((await api.call('GET /api/id-cards/readers', g)).readers).toEqual([]);
    expect(await api.call('POST /api/id-cards/read', { ...g, body: { readerId: 'R1', waitSec: 0 } }).catch((e: { code: string }) => e.code)).toBe('NO_ID_READER');
    seen.add('POST /api/id-cards/read'); // refused: this hall has no reader (idcard.test.ts reads over ptys)
    expect(second.ticket.number).toMatch(/^A/);

    const { followUps } = await api.call('GET /api/follow-ups', { query: { status: 'all' } });
    await api.call('GET /api/follow-ups/:id', { params: { id: followUps[0].id } });
    await api.call('POST /api/follow-ups/:id', { params: { id: followUps[0].id }, body: { status: 'called-back', note: '已回访' } });
    const { alerts } = await srv.api<{ alerts: { id: string }[] }>('/api/alerts', { token });
    await api.call('POST /api/alerts/:id/acknowledge', { params: { id: alerts[0].id }, body: {} });
    await api.call('GET /api/stats/today');
    await api.call('GET /api/stats/staffing');
    const day = await api.call('GET /api/reports/day');
    expect(day.reviewReasons).toEqual([{ code: 'wait', text: '等候时间长', count: 1 }, { code: 'repeat', text: '需要多次跑', count: 1 }]);
    await api.call('GET /api/reports/range', { query: { from: day.from, to: day.to } });
    const config = await api.call('GET /api/admin/config');
    await api.call('PUT /api/admin/config', { body: { config: config.config, version: config.version } });
    await api.call('GET /api/audit', { query: { limit: '50' } });
    await api.call('POST /api/printers/:kioskId/test', { params: { kioskId: 'K1' }, body: {} });
    const renewed = await api.call('POST /api/devices/:id/pairing-code', { params: { id: pad.id }, body: {} });
    expect(renewed.pairingCode).toMatch(/^\d+$/);
    await api.call('DELETE /api/devices/:id', { params: { id: pad.id } });

    // The public booking page
    const calendar = await api.call('GET /api/appointments/calendar', { token: null });
    const date = calendar.days.find((d) => d.closed === null)!.date;
    const service = calendar.services[0].id;
    const slots = await api.call('GET /api/appointments/slots', { token: null, query: { serviceId: service, date } });
    const booked = await api.call('POST /api/appointments', { token: null, body: { serviceId: service, slotStart: slots.slots[0].start, name: '李', phone: '13812345678' } });
    await api.call('GET /api/appointments/:code', { token: null, params: { code: booked.appointment.code } });
    await api.call('POST /api/appointments/:code/cancel', { token: null, params: { code: booked.appointment.code }, body: {} });
    // At the kiosk: checked in by the phone number and the code's last four digits
    const again = await api.call('POST /api/appointments', { token: null, body: { serviceId: service, slotStart: slots.slots[0].start, phone: '13912345678' } });
    expect(date).toBe(calendar.hall.today); // the test clock stands in business hours
    const checkedIn = await api.call('POST /api/appointments/check-in', { token: kioskToken, body: { phone: '13912345678', codeSuffix: again.appointment.code.slice(-4) } });
    expect(checkedIn.ticket.serviceId).toBe(service);
    // Phones are verified only where a notifier reaches them (booking-limits.test.ts, webhook.test.ts send codes).
    expect(await api.call('POST /api/appointments/phone-code', { token: null, body: { phone: '13812345678' } }).catch((e: { code: string }) => e.code)).toBe('PHONE_CODE_NOT_USED');
    seen.add('POST /api/appointments/phone-code');
    // The console's 预约: bookings that look like a flood, and a place given back.
    await api.call('GET /api/appointments/flagged', { query: { date } });
    const third = await api.call('POST /api/appointments', { token: null, body: { serviceId: service, slotStart: slots.slots[0].start, phone: '13712345678' } });
    await api.call('POST /api/appointments/:code/release', { params: { code: third.appointment.code }, body: {} });
    // A member of staff changes their own password.
    await api.call('POST /api/auth/password', { token: guideToken, body: { currentPassword: 'password-123', newPassword: 'Guide-desk-2026!' } });

    // What if: the next morning, today is a finished day the console can replay with one more window.
    expect((await api.call('GET /api/what-if/days')).days).toEqual([]);
    srv.clock.advance(24 * 3_600_000);
    token = (await api.call('POST /api/auth/login', { token: null, body: { username: 'admin', password: 'admin-test-password' } })).token;
    const { days, windows } = await api.call('GET /api/what-if/days');
    expect(days.map((d) => d.day)).toEqual([day.from]);
    let replay = await api.call('POST /api/what-if', { body: { day: day.from, staffing: { open: [{ windowId: windows.at(-1)!.id, at: '09:00' }] } } });
    for (let i = 0; i < 400 && replay.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      replay = await api.call('GET /api/what-if/:id', { params: { id: replay.id } });
    }
    expect(replay).toMatchObject({ status: 'done', error: null });
    expect(replay.result?.hours.length).toBeGreaterThan(0);

    await api.call('POST /api/auth/logout', { body: {} });
  }, 60_000);

  it('the messages to phones, in a hall whose SMS gateway refuses them', async () => {
    const gateway = createServer((_req, res) => res.writeHead(400).end());
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
    config.notifications = {
      placesAhead: 3, kind: 'webhook',
      webhook: { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, secret: 'a-shared-secret-of-the-gateway', timeoutMs: 2000, maxAttempts: 2 },
    };
    const hall = await startTestServer({ config });
    try {
      const guide = await hall.user('guide');
      const clerk = await hall.user('clerk');
      await hall.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
      await hall.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz', phone: '13812345678' } });
      await hall.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
      const supervisor = (await hall.user('supervisor')).token;
      const api = checked(() => supervisor, hall.url);
      let list = await api.call('GET /api/notifications');
      for (let i = 0; i < 200 && list.totals.dead === 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
        list = await api.call('GET /api/notifications', { query: { status: 'dead' } });
      }
      expect(list.messages[0]).toMatchObject({ phone: '138****5678', status: 'dead', lastError: 'HTTP 400' }); // "还有 3 位" or the call
      const { message } = await api.call('POST /api/notifications/:id/retry', { params: { id: list.messages[0].id }, body: {} });
      expect(message.status).toBe('pending');
    } finally {
      await hall.close();
      await new Promise((r) => gateway.close(r));
    }
  });

  it('called every route of the table', () => {
    expect(Object.keys(ENDPOINTS).filter((k) => !seen.has(k as EndpointKey))).toEqual([]);
  });
});
