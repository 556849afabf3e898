// api.md, line by line, against a listening server with real HTTP: every endpoint of the table,
// who may call it (401 without a token, 403 with the wrong one), the ticket's shape, the error
// shape, idempotency, and a POST without a body where the body asks for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helper.ts';
import { call, isErrorShape, type Answer } from './http.ts';

let srv: TestServer;
let t: { admin: string; supervisor: string; clerk: string; clerk2: string; guide: string; kiosk: string; display: string; pad1: string; pad2: string };
let clerkId: string;
const api = (method: string, path: string, o: Parameters<typeof call>[3] = {}) => call(srv.url, method, path, o);

const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;
const STATUSES = ['waiting', 'called', 'serving', 'done', 'no-show', 'transferred', 'cancelled', 'expired', 'held'];

/** api.md's ticket, every field with its type. */
function expectTicket(x: any): void {
  expect(x).toMatchObject({
    id: expect.any(String), number: expect.stringMatching(/^[A-Z]{1,2}\d{3,4}$/), serviceId: expect.any(String),
    priority: expect.stringMatching(/^(normal|green)$/), status: expect.any(String), issuedAt: expect.stringMatching(ISO_LOCAL),
    ahead: expect.any(Number), estimatedWaitSec: expect.any(Number),
  });
  expect(STATUSES).toContain(x.status);
  expect(x.windowId === null || typeof x.windowId === 'string').toBe(true);
}

function refusedWith(a: Answer, status: number, code?: string): void {
  expect(a.status, a.text).toBe(status);
  expect(isErrorShape(a), a.text).toBe(true);
  if (code) expect(a.json.error.code).toBe(code);
}

/**
 * No-show only after a real call (extension): the clerk recalls twice (three calls, the hall's
 * default) before marking the visitor not come.
 */
async function noShow(w: string, token: string): Promise<Answer> {
  for (let i = 0; i < 2; i++) await api('POST', `${w}/recall`, { token, body: {} });
  return api('POST', `${w}/no-show`, { token, body: {} });
}

async function issue(token = t.kiosk, body: object = { serviceId: 'biz' }): Promise<any> {
  const a = await api('POST', '/api/tickets', { token, body });
  expect(a.status, a.text).toBe(201);
  return a.json.ticket;
}

beforeAll(async () => {
  srv = await startTestServer();
  const clerk = await srv.user('clerk');
  clerkId = clerk.id;
  t = {
    admin: await srv.login(), supervisor: (await srv.user('supervisor')).token, clerk: clerk.token, clerk2: (await srv.user('clerk')).token,
    guide: (await srv.user('guide')).token, kiosk: await srv.device('kiosk', { kioskId: 'K1' }), display: await srv.device('display'),
    pad1: await srv.device('pad', { windowId: 'W01' }), pad2: await srv.device('pad', { windowId: 'W02' }),
  };
});
afterAll(async () => { await srv.close(); });

describe('api.md: conventions', () => {
  it('answers JSON, and every refusal is {"error": {code, message, details?}} with a stable code, never a 500 for bad input', async () => {
    const ok = await api('GET', '/api/health');
    expect(ok.type).toMatch(/^application\/json/);
    const bad: Answer[] = [
      await api('GET', '/api/hall'),
      await api('GET', '/api/hall', { token: 'not-a-token' }),
      await api('POST', '/api/tickets', { token: t.kiosk, body: { serviceId: 'nope' } }),
      await api('POST', '/api/tickets', { token: t.kiosk, rawBody: '{"serviceId":', headers: { 'content-type': 'application/json' } }),
      await api('POST', '/api/tickets', { token: t.kiosk, body: { serviceId: 'biz', extra: 1 } }),
      await api('POST', '/api/tickets', { token: t.kiosk, rawBody: 'serviceId=biz', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      await api('POST', '/api/windows/W99/sign-in', { token: t.clerk, body: {} }),
      await api('GET', '/api/no-such-route'),
      await api('GET', '/api/reports/day?date=yesterday', { token: t.supervisor }),
    ];
    for (const a of bad) {
      expect(a.status, a.text).toBeGreaterThanOrEqual(400);
      expect(a.status, a.text).toBeLessThan(500);
      expect(isErrorShape(a), a.text).toBe(true);
    }
    expect(bad.map((a) => a.json.error.code)).toEqual([
      'UNAUTHORIZED', 'UNAUTHORIZED', 'UNKNOWN_SERVICE', 'INVALID_JSON', 'VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE', 'UNKNOWN_WINDOW', 'NOT_FOUND', 'VALIDATION_FAILED',
    ]);
  });

  it('accepts a POST with no body at all on a route whose body is all optional (curl -X POST), as JSON or without a type', async () => {
    refusedWith(await api('POST', '/api/windows/W05/sign-in', { token: t.clerk2, rawBody: '{"x":1}', headers: { 'content-type': 'application/json' } }), 400, 'VALIDATION_FAILED');
    const bare = await api('POST', '/api/windows/W05/sign-in', { token: t.clerk2 });
    expect(bare.status, bare.text).toBe(200);
    expect(bare.json.window).toMatchObject({ id: 'W05', status: 'open' });
    const emptyJson = await api('POST', '/api/windows/W05/call-next', { token: t.clerk2, rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(emptyJson.status, emptyJson.text).toBe(200);
    expect(emptyJson.json).toHaveProperty('ticket');
    expect((await api('POST', '/api/windows/W05/sign-out', { token: t.clerk2 })).status).toBe(200);
    // A body that asks for something is still asked for.
    refusedWith(await api('POST', '/api/tickets', { token: t.kiosk }), 400, 'VALIDATION_FAILED');
    refusedWith(await api('POST', '/api/windows/W05/pause', { token: t.clerk2 }), 400, 'VALIDATION_FAILED');
  });

  it('Idempotency-Key: the same key within the day returns the first result instead of acting twice', async () => {
    const headers = { 'idempotency-key': 'contract-key-1' };
    const first = await api('POST', '/api/tickets', { token: t.kiosk, body: { serviceId: 'tax' }, headers });
    const again = await api('POST', '/api/tickets', { token: t.kiosk, body: { serviceId: 'tax' }, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.ticket.id).toBe(first.json.ticket.id);
    const other = await api('POST', '/api/tickets', { token: t.kiosk, body: { serviceId: 'tax' }, headers: { 'idempotency-key': 'contract-key-2' } });
    expect(other.json.ticket.id).not.toBe(first.json.ticket.id);
  });
});

describe('api.md: endpoints every build has, and who may call them', () => {
  it('GET /api/health — anyone: {"status": "ok", …} once ready', async () => {
    const a = await api('GET', '/api/health');
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ status: 'ok' });
  });

  it('POST /api/auth/login — anyone: {username, password} → {token, user: {id, username, name, role}}', async () => {
    const a = await api('POST', '/api/auth/login', { body: { username: 'admin', password: 'admin-test-password' } });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ token: expect.any(String), user: { id: expect.any(String), username: 'admin', name: expect.any(String), role: 'admin' } });
    refusedWith(await api('POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong' } }), 401);
  });

  it('POST /api/users — admin: {username, password, name, role} → the user', async () => {
    const body = { username: 'contract-user', password: 'password-123', name: '契约', role: 'clerk' };
    refusedWith(await api('POST', '/api/users', { body }), 401);
    refusedWith(await api('POST', '/api/users', { token: t.supervisor, body }), 403);
    const a = await api('POST', '/api/users', { token: t.admin, body });
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ id: expect.any(String), username: 'contract-user', name: '契约', role: 'clerk' });
    expect(a.json).not.toHaveProperty('password');
  });

  it('POST /api/devices — admin: {kind, name, windowId?, kioskId?} → {id, pairingCode}; POST /api/devices/pair — anyone, a code pairs once', async () => {
    const body = { kind: 'display', name: '契约屏' };
    refusedWith(await api('POST', '/api/devices', { body }), 401);
    refusedWith(await api('POST', '/api/devices', { token: t.supervisor, body }), 403);
    const made = await api('POST', '/api/devices', { token: t.admin, body });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ id: expect.any(String), pairingCode: expect.any(String) });
    const paired = await api('POST', '/api/devices/pair', { body: { pairingCode: made.json.pairingCode } });
    expect(paired.status).toBe(200);
    expect(paired.json).toMatchObject({ token: expect.any(String), device: { id: made.json.id, kind: 'display' } });
    const twice = await api('POST', '/api/devices/pair', { body: { pairingCode: made.json.pairingCode } });
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(isErrorShape(twice)).toBe(true);
  });

  it('GET /api/hall — any token: services, windows with their skills and live state', async () => {
    refusedWith(await api('GET', '/api/hall'), 401);
    for (const token of [t.display, t.pad1, t.kiosk, t.clerk, t.guide]) {
      const a = await api('GET', '/api/hall', { token });
      expect(a.status).toBe(200);
      expect(a.json.services[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), waiting: expect.any(Number) });
      expect(a.json.windows[0]).toMatchObject({ id: expect.any(String), skills: expect.any(Array), status: expect.any(String) });
    }
  });

  it('POST /api/tickets — kiosk, guide, clerk: {serviceId, priority?} → 201 {ticket} in api.md\'s shape', async () => {
    refusedWith(await api('POST', '/api/tickets', { body: { serviceId: 'biz' } }), 401);
    for (const token of [t.display, t.pad1]) refusedWith(await api('POST', '/api/tickets', { token, body: { serviceId: 'biz' } }), 403);
    for (const token of [t.kiosk, t.guide, t.clerk]) {
      const ticket = await issue(token, { serviceId: 'social', priority: 'normal' });
      expectTicket(ticket);
      expect(ticket).toMatchObject({ serviceId: 'social', status: 'waiting', windowId: null, trackToken: expect.any(String) });
    }
    expect((await issue(t.guide, { serviceId: 'social', priority: 'green' })).priority).toBe('green');
  });

  it('POST /api/tickets {appointmentCode} — check-in of a booking → 201 {ticket}', async () => {
    const slots = await api('GET', '/api/appointments/slots?serviceId=prop&date=2026-11-23');
    const booked = await api('POST', '/api/appointments', { token: t.guide, body: { serviceId: 'prop', slotStart: slots.json.slots[0].start, phone: '13800000001' } });
    const a = await api('POST', '/api/tickets', { token: t.kiosk, body: { appointmentCode: booked.json.appointment.code } });
    expect(a.status, a.text).toBe(201);
    expectTicket(a.json.ticket);
    expect(a.json.ticket.serviceId).toBe('prop');
  });

  it('GET /api/tickets/track/:trackToken — anyone: status, people ahead, estimated wait, window when called', async () => {
    const ticket = await issue(t.kiosk, { serviceId: 'fund' });
    const a = await api('GET', `/api/tickets/track/${ticket.trackToken}`);
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ status: 'waiting', ahead: expect.any(Number), estimatedWaitSec: expect.any(Number), windowId: null });
    refusedWith(await api('GET', '/api/tickets/track/unknown-token-123'), 404);
  });

  it('POST /api/windows/:id/… — a clerk signs in and out; the clerk at the window calls, recalls, starts, finishes, no-shows, transfers, pauses and resumes', async () => {
    const w = '/api/windows/W01';
    for (let i = 0; i < 3; i++) await issue(t.kiosk, { serviceId: 'biz' });
    refusedWith(await api('POST', `${w}/sign-in`, { body: {} }), 401);
    refusedWith(await api('POST', `${w}/sign-in`, { token: t.kiosk, body: {} }), 403);
    refusedWith(await api('POST', `${w}/sign-in`, { token: t.guide, body: {} }), 403);
    expect((await api('POST', `${w}/sign-in`, { token: t.clerk, body: {} })).status).toBe(200);
    // Only the clerk at the window acts there.
    refusedWith(await api('POST', `${w}/call-next`, { token: t.clerk2, body: {} }), 403, 'NOT_AT_WINDOW');

    const called = await api('POST', `${w}/call-next`, { token: t.clerk, body: {} });
    expect(called.status).toBe(200);
    expectTicket(called.json.ticket);
    expect(called.json.ticket).toMatchObject({ status: 'called', windowId: 'W01' });
    expect((await api('POST', `${w}/recall`, { token: t.clerk, body: {} })).json.ticket.status).toBe('called');
    expect((await api('POST', `${w}/start`, { token: t.clerk, body: {} })).json.ticket.status).toBe('serving');
    const done = await api('POST', `${w}/finish`, { token: t.clerk, body: { outcome: 'done', note: '材料齐全' } });
    expect(done.json.ticket.status).toBe('done');
    refusedWith(await api('POST', `${w}/finish`, { token: t.clerk, body: { outcome: 'maybe' } }), 400, 'VALIDATION_FAILED');

    await api('POST', `${w}/call-next`, { token: t.clerk, body: {} });
    // Called once, seconds ago: not yet a no-show (extension: config noShow).
    refusedWith(await api('POST', `${w}/no-show`, { token: t.clerk, body: {} }), 409, 'NO_SHOW_TOO_EARLY');
    expect((await noShow(w, t.clerk)).json.ticket.status).toBe('no-show');
    const next = await api('POST', `${w}/call-next`, { token: t.clerk, body: {} });
    const moved = await api('POST', `${w}/transfer`, { token: t.clerk, body: { serviceId: 'tax', position: 'front' } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.ticket).toMatchObject({ id: next.json.ticket.id, serviceId: 'tax', status: 'waiting' });
    expect((await api('POST', `${w}/pause`, { token: t.clerk, body: { reason: '午休' } })).json.window.status).toBe('paused');
    expect((await api('POST', `${w}/resume`, { token: t.clerk, body: {} })).json.window.status).toBe('open');
    // Nothing waits for a window whose skills have no queue: 200 {ticket: null}.
    expect((await api('POST', '/api/windows/W11/sign-in', { token: t.clerk2, body: {} })).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const a = await api('POST', '/api/windows/W11/call-next', { token: t.clerk2, body: {} });
      expect(a.status, a.text).toBe(200);
      if (a.json.ticket === null) break;
      await noShow('/api/windows/W11', t.clerk2);
    }
    expect((await api('POST', '/api/windows/W11/call-next', { token: t.clerk2, body: {} })).json).toMatchObject({ ticket: null });
    expect((await api('POST', '/api/windows/W11/sign-out', { token: t.clerk2, body: {} })).status).toBe(200);
  });

  it('POST /api/appointments — guide, supervisor or anyone (public page): → {appointment: {id, code, slotStart, …}}; a full slot is 409', async () => {
    const slots = await api('GET', '/api/appointments/slots?serviceId=biz&date=2026-11-24');
    expect(slots.status).toBe(200);
    const slot = slots.json.slots[0];
    expect(slot).toMatchObject({ start: expect.any(String), free: expect.any(Number) });
    const codes: string[] = [];
    for (const [i, token] of [t.guide, t.supervisor, undefined, undefined].entries()) {
      const a = await api('POST', '/api/appointments', { token, body: { serviceId: 'biz', slotStart: slot.start, name: '张三', phone: `1390000000${i}` } });
      expect(a.status, a.text).toBe(201);
      expect(a.json.appointment).toMatchObject({ id: expect.any(String), code: expect.any(String), slotStart: slot.start });
      codes.push(a.json.appointment.code);
    }
    expect(new Set(codes).size).toBe(4);
    refusedWith(await api('POST', '/api/appointments', { body: { serviceId: 'biz', slotStart: slot.start, phone: '13900000009' } }), 409, 'SLOT_FULL');
  });

  it('POST /api/evaluations — only the pad of the window that served the ticket: {ticketId, score 1..5, reasons?}; 1–2 open a follow-up', async () => {
    const w = '/api/windows/W01';
    const ticket = await issue(t.kiosk, { serviceId: 'biz' });
    let current = (await api('POST', `${w}/call-next`, { token: t.clerk, body: {} })).json.ticket;
    while (current && current.id !== ticket.id) {
      await noShow(w, t.clerk);
      current = (await api('POST', `${w}/call-next`, { token: t.clerk, body: {} })).json.ticket;
    }
    await api('POST', `${w}/finish`, { token: t.clerk, body: { outcome: 'done' } });
    const body = { ticketId: ticket.id, score: 2 };
    refusedWith(await api('POST', '/api/evaluations', { body }), 401);
    refusedWith(await api('POST', '/api/evaluations', { token: t.kiosk, body }), 403);
    refusedWith(await api('POST', '/api/evaluations', { token: t.pad2, body }), 403);
    refusedWith(await api('POST', '/api/evaluations', { token: t.pad1, body: { ticketId: ticket.id, score: 6 } }), 400, 'VALIDATION_FAILED');
    const a = await api('POST', '/api/evaluations', { token: t.pad1, body });
    expect(a.status, a.text).toBe(201);
    expect(a.json.evaluation).toMatchObject({ ticketId: ticket.id, score: 2, label: '不满意', followUp: true });

    // GET /api/follow-ups — supervisor: bad reviews awaiting a call-back or a fix, oldest first
    refusedWith(await api('GET', '/api/follow-ups'), 401);
    refusedWith(await api('GET', '/api/follow-ups', { token: t.clerk }), 403);
    const list = await api('GET', '/api/follow-ups', { token: t.supervisor });
    expect(list.status).toBe(200);
    const fu = list.json.followUps.find((f: any) => f.ticketId === ticket.id);
    expect(fu).toMatchObject({ score: 2, status: 'open' });
    // POST /api/follow-ups/:id — supervisor: {status: "called-back" | "resolved", note}
    refusedWith(await api('POST', `/api/follow-ups/${fu.id}`, { token: t.clerk, body: { status: 'called-back', note: '已回访' } }), 403);
    const back = await api('POST', `/api/follow-ups/${fu.id}`, { token: t.supervisor, body: { status: 'called-back', note: '已回访' } });
    expect(back.json.followUp.status).toBe('called-back');
    const fixed = await api('POST', `/api/follow-ups/${fu.id}`, { token: t.supervisor, body: { status: 'resolved', note: '已解决' } });
    expect(fixed.json.followUp.status).toBe('resolved');
  });

  it('GET /api/stats/live — supervisor: per service waiting, longest and estimated wait; per window state, current ticket, served today', async () => {
    refusedWith(await api('GET', '/api/stats/live'), 401);
    refusedWith(await api('GET', '/api/stats/live', { token: t.clerk }), 403);
    const a = await api('GET', '/api/stats/live', { token: t.supervisor });
    expect(a.status).toBe(200);
    expect(a.json.services[0]).toMatchObject({ waiting: expect.any(Number), longestWaitSec: expect.any(Number), estimatedWaitSec: expect.any(Number) });
    expect(a.json.windows.find((w: any) => w.id === 'W01')).toMatchObject({ status: 'open', servedToday: expect.any(Number), currentTicket: null });
  });

  it('GET /api/reports/day?date= — supervisor: by service, window, clerk and hour; &format=csv for a spreadsheet', async () => {
    refusedWith(await api('GET', '/api/reports/day?date=2026-11-23'), 401);
    refusedWith(await api('GET', '/api/reports/day?date=2026-11-23', { token: t.kiosk }), 403);
    const a = await api('GET', '/api/reports/day?date=2026-11-23', { token: t.supervisor });
    expect(a.status).toBe(200);
    for (const k of ['byService', 'byWindow', 'byClerk', 'byHour']) expect(Array.isArray(a.json[k]), k).toBe(true);
    expect(a.json.byClerk.some((r: any) => r.key === clerkId)).toBe(true);
    const csv = await api('GET', '/api/reports/day?date=2026-11-23&format=csv', { token: t.supervisor });
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\n').length).toBeGreaterThan(5);
  });

  it('GET /api/stats/staffing?date= — supervisor: per hour arrivals seen or expected, and the open windows that keep waits within target', async () => {
    refusedWith(await api('GET', '/api/stats/staffing?date=2026-11-23'), 401);
    refusedWith(await api('GET', '/api/stats/staffing?date=2026-11-23', { token: t.clerk }), 403);
    const a = await api('GET', '/api/stats/staffing?date=2026-11-23', { token: t.supervisor });
    expect(a.status).toBe(200);
    expect(a.json.hours.length).toBeGreaterThan(0);
    expect(a.json.hours[0]).toMatchObject({ hour: expect.any(Number), windowsNeeded: expect.any(Number) });
    expect(a.json.hours.some((h: any) => h.seen !== null || h.expected !== null)).toBe(true);
  });
});

describe('api.md: scores', () => {
  it('5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意', async () => {
    const { SCORE_LABELS } = await import('@onewindow/protocol');
    expect([5, 4, 3, 2, 1].map((s) => SCORE_LABELS[s].zh)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  });
});
