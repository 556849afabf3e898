// The front of the hall over real HTTP on a real SQLite file, with a loopback TCP printer: the guide
// desk issuing for a visitor, looking them up, putting a no-show back, cancelling, re-printing; the
// 一次性告知 kept and shown; the slip in the visitor's language and a booking's promised time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { startPrinterEmulator, type EscPosOp, type PrinterEmulator } from '@onewindow/drivers/printer';
import { DEFAULT_CONFIG, refused, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
let emu: PrinterEmulator;
let guide: { token: string; id: string };
let clerk: { token: string; id: string };
let sup: { token: string; id: string };
let kiosk: string;
/** The printed strings of a job, one per line, as the printer decodes them. */
const texts = (job: EscPosOp[]) => job.flatMap((o) => (o.op === 'text' ? [o.text] : [])).join('\n');

beforeAll(async () => {
  emu = await startPrinterEmulator();
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.hall.publicUrl = 'https://q.example.gov.cn';
  config.kiosks = [{ id: 'K1', name: '大厅入口取号机', printer: { type: 'network', host: '127.0.0.1', port: emu.port, width: 48 } }, { id: 'K2', name: '二楼取号机' }];
  srv = await startTestServer({ config });
  guide = await srv.user('guide');
  clerk = await srv.user('clerk');
  sup = await srv.user('supervisor');
  kiosk = await srv.device('kiosk', { kioskId: 'K1' });
});
afterAll(async () => {
  await srv.close();
  await emu.close();
});

const call = <T = any>(path: string, token: string, body?: object) => srv.api<T>(path, { token, ...(body ? { body } : {}) });
const audit = async () => (await call<{ entries: { action: string; detail: any }[] }>('/api/audit?limit=50', await srv.login())).entries;

describe('the guide desk issues for a visitor', () => {
  it('issues the green channel with its reason and a phone, prints it at the kiosk chosen, and audits it', async () => {
    const before = emu.jobs().length;
    const { ticket } = await call('/api/tickets', guide.token, { serviceId: 'social', priority: 'green', greenReason: '75岁老人', phone: '13812345678', printAt: 'K1' });
    expect(ticket).toMatchObject({ priority: 'green', channel: 'guide', visitor: { phone: '138****5678' } });
    const [job] = (await emu.waitForJobs(before + 1, 8000)).slice(before);
    expect(texts(job)).toContain(ticket.number);
    expect(texts(job)).toContain('绿色通道');
    const entry = (await audit()).find((e) => e.action === 'ticket-issued');
    expect(entry?.detail).toMatchObject({ number: ticket.number, greenReason: '75岁老人', phone: true, printAt: 'K1' });
    // The phone is never in an answer in full, nor in the audit.
    expect(JSON.stringify(entry)).not.toContain('13812345678');
  });

  it('refuses a phone, a typed ID number or a printer from a kiosk, and an unknown printer from the guide', async () => {
    expect(await refused(call('/api/tickets', kiosk, { serviceId: 'biz', phone: '13812345678' }))).toEqual({ status: 403, code: 'STAFF_ONLY' });
    expect(await refused(call('/api/tickets', guide.token, { serviceId: 'biz', printAt: 'K9' }))).toEqual({ status: 404, code: 'UNKNOWN_PRINTER' });
    expect(await refused(call('/api/tickets', guide.token, { serviceId: 'biz', phone: '123' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('prints a slip in the language the visitor chose, and a booked visitor\'s slot with the time they may be called from', async () => {
    let before = emu.jobs().length;
    await call('/api/tickets', kiosk, { serviceId: 'prop', language: 'en' });
    let [job] = (await emu.waitForJobs(before + 1, 8000)).slice(before);
    const en = texts(job);
    for (const s of ['Your number', 'Real estate registration', 'ahead of you', 'Scan to follow your place']) expect(en).toContain(s);
    expect(en).not.toContain('您的排队号');

    const slots = await srv.api<any>('/api/appointments/slots?serviceId=biz&date=2026-11-23');
    const slot = slots.slots.find((s: any) => s.start.includes('T10:30'));
    const { appointment } = await srv.api<any>('/api/appointments', { body: { serviceId: 'biz', slotStart: slot.start, phone: '13900001234' } });
    before = emu.jobs().length;
    const r = await call('/api/tickets', kiosk, { appointmentCode: appointment.code });
    expect(r.checkIn).toMatchObject({ kind: 'early', callableFrom: expect.stringContaining('T10:25') });
    [job] = (await emu.waitForJobs(before + 1, 8000)).slice(before);
    // The slip says what the kiosk said: 10:25 (the slot less the 5-minute lead).
    expect(texts(job)).toContain('【预约】10:30 时段 · 10:25 起叫号');
  });
});

describe('finding a visitor, putting a no-show back, cancelling, re-printing', () => {
  it('finds today\'s tickets by number (with or without leading zeros), by phone, and a booking by code', async () => {
    const { ticket } = await call('/api/tickets', guide.token, { serviceId: 'fund', phone: '13700001111' });
    const byNumber = await call(`/api/guide/lookup?q=${ticket.number.replace(/0+(\d)/, '$1').toLowerCase()}`, guide.token);
    expect(byNumber).toMatchObject({ kind: 'number', tickets: [{ id: ticket.id }] });
    const byPhone = await call('/api/guide/lookup?q=13700001111', guide.token);
    expect(byPhone.kind).toBe('phone');
    expect(byPhone.tickets.map((t: any) => t.id)).toEqual([ticket.id]);
    const { appointments } = await call('/api/appointments', guide.token);
    const byCode = await call(`/api/guide/lookup?q=${appointments[0].code}`, guide.token);
    expect(byCode).toMatchObject({ kind: 'code', bookings: [{ code: appointments[0].code }] });
    expect(await refused(call('/api/guide/lookup?q=A001', kiosk))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('refuses an early no-show with how far off it is; puts a no-show back behind those waiting; refuses it twice', async () => {
    await call('/api/windows/W06/sign-in', clerk.token, {});
    const mine = (await call('/api/tickets', kiosk, { serviceId: 'fund' })).ticket;
    await call('/api/windows/W06/call', clerk.token, { number: mine.number });
    const early = await srv.api('/api/windows/W06/no-show', { token: clerk.token, body: {} }).catch((e) => e);
    expect(early).toMatchObject({ status: 409, code: 'NO_SHOW_TOO_EARLY', details: { calls: 1, afterCalls: 3, afterSec: 180 } });
    await call('/api/windows/W06/recall', clerk.token, {});
    await call('/api/windows/W06/recall', clerk.token, {});
    expect((await call('/api/windows/W06/no-show', clerk.token, {})).ticket.status).toBe('no-show');
    const hall = await call('/api/hall', guide.token);
    expect(hall.hall.noShow).toEqual({ afterCalls: 3, afterSec: 180, reinstateWithinMin: 30, reinstateBehind: 3 });

    const others = [];
    for (let i = 0; i < 5; i++) {
      srv.clock.advance(1000);
      others.push((await call('/api/tickets', kiosk, { serviceId: 'fund' })).ticket);
    }
    expect(await refused(call(`/api/tickets/${others[0].id}/reinstate`, guide.token, {}))).toEqual({ status: 409, code: 'TICKET_NOT_NO_SHOW' });
    expect(await refused(call(`/api/tickets/${mine.id}/reinstate`, clerk.token, {}))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const { ticket } = await call(`/api/tickets/${mine.id}/reinstate`, guide.token, {});
    expect(ticket).toMatchObject({ id: mine.id, status: 'waiting', reinstated: true });
    expect(ticket.steps.map((s: any) => s.status)).toEqual(['no-show', 'waiting']);
    // Behind the next three waiting for fund (顺延三位), ahead of the rest: the queue order by the time each joined.
    const waitingFund = srv.ctx.hall.state.tickets;
    const order = [...waitingFund.values()].filter((t) => t.steps.at(-1)!.status === 'waiting' && t.steps.at(-1)!.serviceId === 'fund')
      .sort((a, b) => a.steps.at(-1)!.queuedAt - b.steps.at(-1)!.queuedAt || (a.id < b.id ? -1 : 1)).map((t) => t.number);
    expect(order.indexOf(mine.number)).toBe(3);
    expect(order.slice(4)).toEqual(others.slice(2).map((t) => t.number));
    expect(await refused(call(`/api/tickets/${mine.id}/reinstate`, guide.token, {}))).toEqual({ status: 409, code: 'TICKET_NOT_NO_SHOW' });
    expect((await audit()).some((e) => e.action === 'ticket-reinstated' && e.detail.number === mine.number)).toBe(true);

    // Too late: more than 30 minutes after the no-show.
    await call(`/api/windows/W06/call`, clerk.token, { number: others[4].number });
    srv.clock.advance(180_000);
    await call('/api/windows/W06/no-show', clerk.token, {});
    srv.clock.advance(31 * 60_000);
    expect(await refused(call(`/api/tickets/${others[4].id}/reinstate`, guide.token, {}))).toEqual({ status: 409, code: 'REINSTATE_TOO_LATE' });
    await call('/api/windows/W06/sign-out', clerk.token, {});
  });

  it('cancels a waiting ticket with a reason (audited) and re-prints one, marked 补打, on the printer chosen', async () => {
    const { ticket } = await call('/api/tickets', guide.token, { serviceId: 'pickup' });
    const before = emu.jobs().length;
    const { job } = await call(`/api/tickets/${ticket.id}/print`, guide.token, { kioskId: 'K1' });
    expect(job).toMatchObject({ kioskId: 'K1', status: 'printed' });
    const [printed] = (await emu.waitForJobs(before + 1, 8000)).slice(before);
    expect(texts(printed)).toContain('您的排队号 （补打）');
    expect(await refused(call(`/api/tickets/${ticket.id}/print`, guide.token, { kioskId: 'K9' }))).toEqual({ status: 404, code: 'UNKNOWN_PRINTER' });
    const cancelled = await call(`/api/tickets/${ticket.id}/cancel`, guide.token, { reason: '群众离开' });
    expect(cancelled.ticket.status).toBe('cancelled');
    expect((await audit()).find((e) => e.action === 'ticket-cancelled')?.detail).toEqual({ number: ticket.number, reason: '群众离开' });
  });

  it('takes a phone for a ticket already held, shown masked', async () => {
    const { ticket } = await call('/api/tickets', kiosk, { serviceId: 'tax' });
    const r = await call(`/api/tickets/${ticket.id}/phone`, guide.token, { phone: '13655556666' });
    expect(r.ticket.visitor).toEqual({ phone: '136****6666' });
    expect((await call('/api/guide/lookup?q=13655556666', guide.token)).tickets.map((t: any) => t.id)).toEqual([ticket.id]);
  });
});

describe('一次性告知', () => {
  it('keeps the missing materials with the ticket, counts it apart from 办结, prints its data for staff and shows it on the phone', async () => {
    await call('/api/windows/W02/sign-in', clerk.token, {});
    const { ticket } = await call('/api/tickets', kiosk, { serviceId: 'biz' });
    await call('/api/windows/W02/call', clerk.token, { number: ticket.number });
    await call('/api/windows/W02/finish', clerk.token, { outcome: 'incomplete', note: '缺：营业执照复印件；股东会决议', missing: [' 营业执照复印件 ', '股东会决议', ''] })
      .catch((e) => e).then((r) => expect(r).toMatchObject({ status: 400 }));
    await call('/api/windows/W02/finish', clerk.token, { outcome: 'incomplete', note: '缺：营业执照复印件；股东会决议', missing: [' 营业执照复印件 ', '股东会决议'] });
    const { notice } = await call(`/api/tickets/${ticket.id}/notice`, clerk.token);
    expect(notice).toMatchObject({
      number: ticket.number, stepIndex: 0, hallName: '长安区政务服务中心', serviceName: '企业开办', windowName: '2号综合窗口',
      items: ['营业执照复印件', '股东会决议'], trackUrl: `https://q.example.gov.cn/track/${ticket.trackToken}`,
      clerkName: expect.stringContaining('测试clerk'),
    });
    const summary = await call('/api/windows/W02/summary', clerk.token);
    expect([summary.servedToday, summary.incompleteToday]).toEqual([0, 1]);
    // The visitor's phone: the same list, without the clerk's name or the staff's link.
    const track = await srv.api<any>(`/api/tickets/track/${ticket.trackToken}`);
    expect(track.notice).toMatchObject({ items: ['营业执照复印件', '股东会决议'], serviceName: '企业开办', windowName: '2号综合窗口', clerkName: null, trackUrl: null });
    expect(await refused(call(`/api/tickets/${ticket.id}/notice`, kiosk))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const other = (await call('/api/tickets', kiosk, { serviceId: 'tax' })).ticket;
    expect(await refused(call(`/api/tickets/${other.id}/notice`, clerk.token))).toEqual({ status: 404, code: 'NO_NOTICE' });
    await call('/api/windows/W02/sign-out', clerk.token, {});
  });
});
