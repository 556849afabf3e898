// The visitor's phone pages in headless Chromium at 375×812 against a real server: booking end to
// end, and the tracking page following a ticket live to its call. ONEWINDOW_SCREENSHOTS=1 also
// writes docs/images/booking.png, booking-done.png, track-waiting.png, track-called.png, track-no-show.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import { checksOut, formatBookingCode } from '@onewindow/protocol';
import { launchBrowser } from '../../server/test/browser.ts';
import { DEFAULT_CONFIG, ROOT, startTestServer, type TestServer } from '../../server/test/helper.ts';

const PHONE = { width: 375, height: 812 };
let srv: TestServer;
let browser: Browser;

beforeAll(async () => {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.appointments = { earlyMin: 30, graceMin: 15, daysAhead: 7 };
  srv = await startTestServer({ config });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** A phone: touch, 2× pixels, Shanghai time; vibrations are recorded in window.__vibrations. */
async function phone(path: string): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript(() => {
    const w = window as unknown as { __vibrations: unknown[] };
    w.__vibrations = [];
    Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: (p: unknown) => { w.__vibrations.push(p); return true; } });
  });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(srv.url + path);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.ONEWINDOW_SCREENSHOTS !== '1') return;
  const dir = join(ROOT, 'docs/images');
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

describe('booking from a phone', () => {
  it('chooses a service, day and slot, validates the phone, books, shows the code, and cancels it', async () => {
    const page = await phone('/book/');
    await page.getByTestId('book-service-prop').click();
    await page.getByTestId('book-date-2026-11-29').waitFor();
    expect(await page.getByTestId('book-date-2026-11-29').isDisabled()).toBe(true); // Sunday
    await page.getByTestId('book-date-2026-11-24').click();
    await page.getByTestId('book-slot-09:30').click();
    await page.getByTestId('book-name').fill('王小明');
    await page.getByTestId('book-phone').fill('1381234567');
    await page.getByTestId('book-submit').click();
    await page.getByTestId('book-phone-invalid').waitFor();
    await page.getByTestId('book-phone').fill('138 1234 5678');
    expect(await page.getByTestId('book-summary').textContent()).toBe('不动产登记 · 11月24日（周二）09:30–10:00');
    await page.locator('.phone-page').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'booking');

    await page.getByTestId('book-submit').click();
    await page.getByTestId('book-done').waitFor();
    // Ten digits that check themselves, shown in groups to read out and type
    const shown = (await page.getByTestId('book-code').textContent())!.trim();
    expect(shown).toMatch(/^\d{3} \d{3} \d{4}$/);
    const code = shown.replaceAll(' ', '');
    expect(checksOut(code)).toBe(true);
    expect(await page.getByTestId('book-how').textContent()).toContain('09:00 至 09:45');
    expect(new URL(page.url()).pathname).toBe(`/book/${code}`);
    const stored = (await srv.api(`/api/appointments/${code}`)).appointment;
    expect(stored).toMatchObject({ serviceId: 'prop', status: 'booked', name: '王小明', phone: '138****5678', slotStart: '2026-11-24T09:30:00.000+08:00' });
    await shot(page, 'booking-done');

    // Reopening the address finds it again; cancelling asks first.
    await page.reload();
    await page.getByTestId('book-cancel').click();
    await page.getByTestId('book-cancel-yes').click();
    await page.getByTestId('book-cancelled').waitFor();
    expect((await srv.api(`/api/appointments/${code}`)).appointment.status).toBe('cancelled');
    expect(page.errors).toEqual([]);
  });

  it('says so when the slot fills up meanwhile, and finds a booking by its code', async () => {
    const page = await phone('/book/');
    await page.getByTestId('book-service-permit').click();
    await page.getByTestId('book-slot-15:00').click();
    await page.getByTestId('book-name').fill('李华');
    await page.getByTestId('book-phone').fill('13900001111');
    // Two others take the last places of 15:00 while this visitor types.
    const guide = await srv.user('guide');
    for (const p of ['13900002222', '13900003333']) {
      await srv.api('/api/appointments', { token: guide.token, body: { serviceId: 'permit', slotStart: '2026-11-23T15:00:00+08:00', phone: p } });
    }
    await page.getByTestId('book-submit').click();
    expect(await page.getByTestId('book-error').textContent()).toContain('这个时段刚刚约满了');
    await page.getByText('已满').first().waitFor();
    expect(await page.getByTestId('book-slot-15:00').isDisabled()).toBe(true);

    const { appointment } = await srv.api('/api/appointments', { token: guide.token, body: { serviceId: 'biz', slotStart: '2026-11-23T16:00:00+08:00', name: '赵六', phone: '13900004444' } });
    await page.getByTestId('book-find-code').fill(formatBookingCode(appointment.code)); // as read out, with spaces
    await page.getByTestId('book-find-submit').click();
    await page.getByTestId('book-done').waitFor();
    expect(await page.getByTestId('book-done-service').textContent()).toBe('企业开办');
    expect(page.errors.filter((e) => !/409/.test(e))).toEqual([]);
  });
});

describe('following a ticket from a phone', () => {
  it('shows the number, the people ahead and the wait, moves live, and rings for the call with the window', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const clerk = await srv.user('clerk');
    const before = [];
    for (let i = 0; i < 5; i++) before.push((await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'social' } })).ticket);
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'social' } });
    await srv.api('/api/windows/W03/sign-in', { token: clerk.token, body: {} });

    const page = await phone(`/track/${ticket.trackToken}`);
    await page.getByTestId('track-number').waitFor();
    expect(await page.getByTestId('track-number').textContent()).toBe(ticket.number);
    expect(await page.getByTestId('track-service').textContent()).toBe('社保医保');
    const ahead = Number(await page.getByTestId('track-ahead').textContent());
    expect(ahead).toBeGreaterThanOrEqual(4);
    // One figure, or the engine's range where it is unsure ("12–49" 分钟, issue 18): a fresh hall is.
    const wait = /^(\d+)(?:–(\d+))?$/.exec((await page.getByTestId('track-wait').textContent()) ?? '');
    expect(Number(wait?.[1])).toBeGreaterThan(0);
    if (wait?.[2]) expect(Number(wait[2])).toBeGreaterThan(Number(wait[1]));
    await page.locator('[data-testid="track-connection"].on').waitFor();
    await page.getByTestId('track-enable-alert').click();
    await page.getByTestId('track-alert-on').waitFor();

    // The first in line is called and served: the count goes down without a reload.
    await srv.api('/api/windows/W03/call', { token: clerk.token, body: { number: before[0].number } });
    await page.getByTestId('track-ahead').filter({ hasText: new RegExp(`^${ahead - 1}$`) }).waitFor();
    await srv.api('/api/windows/W03/finish', { token: clerk.token, body: { outcome: 'done' } });
    await shot(page, 'track-waiting');

    // Its own call: "轮到您了，请到3号综合窗口", vibration, the tab title.
    await srv.api('/api/windows/W03/call', { token: clerk.token, body: { number: ticket.number } });
    await page.getByTestId('track-called').waitFor();
    expect(await page.getByTestId('track-window').textContent()).toBe('3号综合窗口');
    expect(await page.getByTestId('track-called').textContent()).toContain('轮到您了');
    expect(await page.title()).toContain('轮到您了');
    const vibrations = await page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations);
    expect(vibrations).toContainEqual([400, 150, 400, 150, 800]);
    await shot(page, 'track-called');

    // A recall says so; a no-show leaves the advice.
    await srv.api('/api/windows/W03/recall', { token: clerk.token, body: {} });
    await page.getByTestId('track-recalled').waitFor();
    await srv.api('/api/windows/W03/recall', { token: clerk.token, body: {} }); // no-show only after the hall's three calls
    await srv.api('/api/windows/W03/no-show', { token: clerk.token, body: {} });
    await page.getByTestId('track-no-show').waitFor();
    expect(await page.getByTestId('track-no-show').textContent()).toContain('导服台');
    await shot(page, 'track-no-show');
    expect(page.errors).toEqual([]);
  });

  it('shows the 一次性告知 list on the phone as the clerk finishes with materials missing', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const clerk = await srv.user('clerk');
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'pickup' } });
    await srv.api('/api/windows/W12/sign-in', { token: clerk.token, body: {} });
    const page = await phone(`/track/${ticket.trackToken}`);
    await page.locator('[data-testid="track-connection"].on').waitFor();
    await srv.api('/api/windows/W12/call', { token: clerk.token, body: { ticketId: ticket.id } });
    await srv.api('/api/windows/W12/start', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W12/finish', { token: clerk.token, body: { outcome: 'incomplete', missing: ['户口本原件', '近期免冠照片两张'] } });
    await page.getByTestId('track-notice').waitFor();
    expect(await page.getByTestId('track-notice-items').locator('li').allTextContents()).toEqual(['户口本原件', '近期免冠照片两张']);
    expect(await page.getByTestId('track-notice').textContent()).toContain('综合出件');
    expect(await page.getByTestId('track-done').count()).toBe(0); // not "办理完毕"
    await shot(page, 'track-notice');
    expect(page.errors).toEqual([]);
  });

  it('tells a booked visitor called before the time the slip promised that the call is early', async () => {
    const guide = await srv.user('guide');
    const { appointment } = await srv.api('/api/appointments', {
      token: guide.token, body: { serviceId: 'biz', slotStart: '2026-11-23T10:30:00+08:00', name: '钱七', phone: '13900005555' },
    });
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { appointmentCode: appointment.code } });
    // The slip says "10:25 起叫号" (the slot less the hall's lead); the ticket carries the same time.
    expect(ticket.callFrom).toMatch(/T10:25:00/);
    const clerk = await srv.user('clerk');
    await srv.api('/api/windows/W02/sign-in', { token: clerk.token, body: {} });
    const page = await phone(`/track/${ticket.trackToken}`);
    await page.locator('[data-testid="track-connection"].on').waitFor();
    expect(await page.getByTestId('track-early').count()).toBe(0);
    await srv.api('/api/windows/W02/call', { token: clerk.token, body: { ticketId: ticket.id } });
    await page.getByTestId('track-early').waitFor();
    expect(await page.getByTestId('track-early').textContent()).toContain('您的预约 10:25 起叫号，现在窗口有空，提前为您办理');
    expect(await page.getByTestId('track-window').textContent()).toBe('2号综合窗口');
    await shot(page, 'track-called-early');
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('track-early').textContent()).toContain('called from 10:25');
    expect(page.errors).toEqual([]);
  });

  it('explains an unknown ticket and switches to English', async () => {
    const page = await phone('/track/this-token-does-not-exist');
    await page.getByTestId('track-not-found').waitFor();
    expect(await page.getByTestId('track-not-found').textContent()).toContain('未找到此号码');
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('track-not-found').textContent()).toContain('Ticket not found');
  });
});
