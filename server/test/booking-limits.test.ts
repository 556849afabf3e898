import { afterEach, describe, expect, it } from 'vitest';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import type { LoggingNotifier } from '../src/services/notifications/notifier.ts';
import { DEFAULT_CONFIG, refused, startTestServer, type TestServer } from './helper.ts';

// The test clock: Monday 2026-11-23, 10:00 in Shanghai. prop: 30-minute slots for 3; permit: 60-minute slots for 2.
const slot = (hhmm: string, day = '2026-11-24') => `${day}T${hhmm}:00+08:00`;
const SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
let n = 0;
const newPhone = () => `137${String(10_000_000 + ++n).slice(-8)}`;

const hall = (appointments: Record<string, unknown> = {}): HallConfig => {
  const c = loadHallConfig(DEFAULT_CONFIG);
  return { ...c, appointments: { ...c.appointments, ...appointments } };
};

/** The error body of a refused request, as the public sees it. */
async function refusal(srv: TestServer, body: object): Promise<{ status: number; error: { code: string; message: string } }> {
  const r = await fetch(`${srv.url}/api/appointments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, error: (await r.json()).error };
}

describe('one address cannot take every booking slot', () => {
  let srv: TestServer;
  afterEach(async () => { await srv.close(); });

  it('a phone holds one booking per service and two a day; an address makes ten for a day; the public hears one answer for every limit', async () => {
    srv = await startTestServer({ config: hall() });
    const book = (body: object) => srv.api('/api/appointments', { body });
    const p = newPhone();
    await book({ serviceId: 'prop', slotStart: slot('09:00'), phone: p });
    await book({ serviceId: 'permit', slotStart: slot('10:00'), phone: p });
    const third = await refusal(srv, { serviceId: 'biz', slotStart: slot('11:00'), phone: p });
    const again = await refusal(srv, { serviceId: 'prop', slotStart: slot('13:00'), phone: p });
    expect(third.status).toBe(409);
    expect(third.error.code).toBe('BOOKING_LIMIT');
    expect(again).toEqual(third);

    // Eight more phones from the same address: ten bookings for the day in all, then no more.
    for (let i = 0; i < 8; i++) await book({ serviceId: 'prop', slotStart: slot(SLOTS[1 + (i % 13)]), phone: newPhone() });
    const eleventh = await refusal(srv, { serviceId: 'prop', slotStart: slot('16:30'), phone: newPhone() });
    // The same words as for a phone that already holds a booking: nothing tells the two apart.
    expect(eleventh).toEqual(third);
    // Another day, or the guide desk booking for a visitor, is not held by the address's share.
    await book({ serviceId: 'prop', slotStart: slot('09:00', '2026-11-25'), phone: newPhone() });
    const guide = await srv.user('guide');
    await srv.api('/api/appointments', { token: guide.token, body: { serviceId: 'prop', slotStart: slot('16:30'), name: '李阿姨' } });
    // Staff are told plainly.
    expect(await refused(srv.api('/api/appointments', { token: guide.token, body: { serviceId: 'prop', slotStart: slot('16:00'), phone: p } }))).toEqual({ status: 409, code: 'DUPLICATE_BOOKING' });
  });

  it('supervisors see a day\'s bookings from one address and release them; the places are free again', async () => {
    srv = await startTestServer({ config: hall({ perAddressPerDay: 50 }) });
    const codes: string[] = [];
    for (const t of SLOTS.slice(0, 6)) codes.push((await srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: slot(t), phone: newPhone() } })).appointment.code);
    const guide = await srv.user('guide');
    await srv.api('/api/appointments', { token: guide.token, body: { serviceId: 'prop', slotStart: slot('16:00'), name: '李阿姨', phone: newPhone() } });
    const supervisor = await srv.user('supervisor');

    const list = await srv.api('/api/appointments/flagged?date=2026-11-24', { token: supervisor.token });
    expect(list.bookings).toHaveLength(6);
    expect(list.bookings[0]).toMatchObject({ address: '127.0.0.1', addressBookings: 6, phoneBookings: 1, phoneVerified: false, channel: 'public' });
    expect(JSON.stringify(list)).not.toMatch(/137\d{8}/); // phones stay masked
    expect(await refused(srv.api('/api/appointments/flagged', { token: guide.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });

    for (const code of codes) {
      const r = await srv.api(`/api/appointments/${code}/release`, { token: supervisor.token, body: {} });
      expect(r.appointment.status).toBe('cancelled');
    }
    expect(await refused(srv.api(`/api/appointments/${codes[0]}/release`, { token: supervisor.token, body: {} }))).toEqual({ status: 409, code: 'APPOINTMENT_CANCELLED' });
    expect((await srv.api('/api/appointments/flagged?date=2026-11-24', { token: supervisor.token })).bookings).toEqual([]);
    const slots = await srv.api('/api/appointments/slots?serviceId=prop&date=2026-11-24');
    expect(slots.slots.slice(0, 6).every((s: { booked: number }) => s.booked === 0)).toBe(true);
    const audit = srv.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'booking-released'").get() as { n: number };
    expect(audit.n).toBe(6);
    const stored = srv.db.prepare('SELECT cancelled_by FROM appointments WHERE code = ?').get(codes[0]) as { cancelled_by: string };
    expect(stored.cancelled_by).toBe(`user:${supervisor.id}`);
  });

  it('where the hall verifies phones, a booking needs the code sent to the phone; asking for a code says nothing about the phone', async () => {
    srv = await startTestServer({ config: hall({ verifyPhone: true }) });
    const notifier = srv.ctx.notifier as LoggingNotifier;
    expect((await srv.api('/api/appointments/calendar')).rules.verifyPhone).toBe(true);
    const p = newPhone();
    expect(await refused(srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: slot('09:00'), phone: p } }))).toEqual({ status: 422, code: 'PHONE_CODE_REQUIRED' });

    const ask = (phone: string) => fetch(`${srv.url}/api/appointments/phone-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
    const first = await ask(p);
    expect(first.status).toBe(202);
    const sent = notifier.sent.filter((m) => m.kind === 'phone-code' && m.phone === p);
    expect(sent).toHaveLength(1);
    const code = /验证码 (\d{6})/.exec(sent[0].text)![1];
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await refused(srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: slot('09:00'), phone: p, phoneCode: wrong } }))).toEqual({ status: 422, code: 'PHONE_CODE_INVALID' });
    const { appointment } = await srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: slot('09:00'), phone: p, phoneCode: code } });
    expect(appointment.status).toBe('booked');
    // Used once only.
    expect(await refused(srv.api('/api/appointments', { body: { serviceId: 'permit', slotStart: slot('10:00'), phone: p, phoneCode: code } }))).toEqual({ status: 422, code: 'PHONE_CODE_INVALID' });

    // A phone that holds a booking, one that does not, one asked for a moment ago: the same answer.
    const answers = await Promise.all([ask(p), ask(newPhone()), ask(p)].map(async (r) => { const x = await r; return [x.status, await x.text()]; }));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Five wrong tries spend a code.
    const q = newPhone();
    await ask(q);
    const qCode = /验证码 (\d{6})/.exec(notifier.sent.filter((m) => m.kind === 'phone-code' && m.phone === q)[0].text)![1];
    for (let i = 0; i < 5; i++) await refused(srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: slot('09:30'), phone: q, phoneCode: qCode === '123456' ? '654321' : '123456' } }));
    expect(await refused(srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: slot('09:30'), phone: q, phoneCode: qCode } }))).toEqual({ status: 422, code: 'PHONE_CODE_INVALID' });
  });
});
