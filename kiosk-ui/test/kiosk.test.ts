// The kiosk in headless Chromium against a real server whose K1 printer is the loopback TCP
// emulator. ONEWINDOW_SCREENSHOTS=1 also writes the README's pictures to docs/images/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import { largestText, startPrinterEmulator, type PrinterEmulator } from '@onewindow/drivers/printer';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

let srv: TestServer;
let emu: PrinterEmulator;
let browser: Browser;
let admin: string;
let serverClosed = false;
let devices = 0;

beforeAll(async () => {
  emu = await startPrinterEmulator();
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.kiosks = [{ id: 'K1', name: '大厅入口取号机', printer: { type: 'network', host: '127.0.0.1', port: emu.port, width: 48 } }];
  srv = await startTestServer({ config });
  browser = await launchBrowser();
  admin = await srv.login();
  // A believable morning: people already waiting, four windows open.
  const guide = await srv.user('guide');
  const waiting: [string, number][] = [['biz', 3], ['tax', 2], ['prop', 5], ['social', 4], ['fund', 1], ['pickup', 2]];
  for (const [serviceId, n] of waiting) for (let i = 0; i < n; i++) await srv.api('/api/tickets', { token: guide.token, body: { serviceId } });
  for (const w of ['W01', 'W04', 'W06', 'W07']) await srv.api(`/api/windows/${w}/sign-in`, { token: (await srv.user('clerk')).token, body: {} });
});

afterAll(async () => {
  await browser?.close();
  if (!serverClosed) await srv?.close();
  await emu?.close();
});

/** A screenshot checked (fits its screen, not blank); into docs/images/ with ONEWINDOW_SCREENSHOTS=1. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // fonts, images and the last feed message settle
  const s = await checkedShot(page, name);
  expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
  expect(s.colours).toBeGreaterThan(20);
  expect(s.ink).toBeGreaterThan(0.05);
}

/** A kiosk page paired through its address, showing its menu. */
async function kiosk(size = PORTRAIT, query = ''): Promise<Page & { errors: string[] }> {
  const { pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: `取号机-${++devices}`, kioskId: 'K1' } });
  const page = await openPage(browser, `${srv.url}/kiosk/${query}#pair=${pairingCode}`, size);
  await page.getByTestId('service-biz').waitFor();
  await page.locator('[data-testid="offline-banner"]').waitFor({ state: 'detached' });
  return page;
}

const tickets = async () => (await srv.api('/api/tickets', { token: admin })).tickets as { number: string; priority: string; channel: string; trackToken: string }[];

describe('the kiosk', () => {
  it('pairs from #pair=CODE, keeps its token, and shows the number after a touch', async () => {
    const page = await kiosk();
    expect(page.url()).not.toContain('pair=');
    expect(await page.evaluate(() => localStorage.getItem('onewindow.kiosk.token'))).toMatch(/.{20,}/);
    await expect.poll(() => page.getByTestId('service-biz').textContent()).toContain('企业开办');
    await shot(page, 'kiosk-portrait');

    await page.getByTestId('service-biz').click();
    await expect.poll(() => page.getByTestId('ticket-number').textContent()).toBe('A004');
    expect(await page.getByTestId('ahead').textContent()).toContain('3');
    expect(await page.getByTestId('printing').isVisible()).toBe(true);
    const issued = (await tickets()).find((t) => t.number === 'A004')!;
    expect(issued).toMatchObject({ channel: 'kiosk', priority: 'normal' });
    expect(await page.getByTestId('qr').getAttribute('data-value')).toBe(`${srv.url}/track/${issued.trackToken}`);
    expect(largestText((await emu.waitForJobs(1, 8000))[0])).toBe('A004');
    await shot(page, 'kiosk-ticket-issued');

    await page.getByTestId('done').click();
    await page.getByTestId('menu').waitFor();
    await page.reload();
    await page.getByTestId('service-biz').waitFor(); // still paired: no pairing screen
    expect(await page.getByTestId('pairing').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('goes back to the menu by itself, and forgets the last visitor\'s choices', async () => {
    const page = await kiosk(PORTRAIT, '?timeoutScale=0.05'); // 20 s → 1 s on the number screen
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('service-pickup').click();
    await page.getByTestId('result').waitFor();
    // The visitor chose English: the ticket says so, and its slip is printed in it.
    const pickups = (await srv.api('/api/tickets', { token: admin })).tickets.filter((t: { serviceId: string }) => t.serviceId === 'pickup');
    expect(pickups.filter((t: { language?: string }) => t.language === 'en')).toHaveLength(1);
    await page.getByTestId('menu').waitFor({ timeout: 5000 });
    await expect.poll(() => page.getByTestId('service-biz').textContent()).toContain('企业开办');
    await page.context().close();
  });

  it('lays the menu out for a landscape screen without scrolling', async () => {
    const page = await kiosk(LANDSCAPE);
    await shot(page, 'kiosk-landscape');
    const fits = await page.evaluate(() => [...document.querySelectorAll('.menu')].every((e) => e.scrollHeight <= e.clientHeight + 1));
    expect(fits).toBe(true);
    await page.context().close();
  });

  it('issues a green-channel number with the guide-desk note, switches language and speaks in elderly mode', async () => {
    const page = await kiosk();
    await page.getByTestId('elderly-toggle').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elderly'))).toBe(true);
    await page.getByTestId('green-toggle').click();
    await page.getByTestId('service-tax').click();
    await page.getByTestId('green-note').waitFor();
    expect(await page.getByTestId('green-note').textContent()).toContain('导服台');
    expect((await tickets()).find((t) => t.number === 'B003')).toMatchObject({ priority: 'green', channel: 'kiosk' });
    const spoken = await page.evaluate(() => (window as unknown as { __kioskVoice: { log: string[] } }).__kioskVoice.log);
    expect(spoken.join('\n')).toMatch(/长辈模式[\s\S]*绿色通道[\s\S]*您的号码是B零零三/);

    await page.getByTestId('done').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('elderly'))).toBe(false); // the next visitor starts plain
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('service-biz').textContent()).toContain('Business registration');
    await page.context().close();
  });

  it('checks in a booking by code and says clearly when it is unknown', async () => {
    const page = await kiosk();
    await page.getByTestId('checkin-open').click();
    for (const k of ['1', '2', '3', '4']) await page.locator(`[data-key="${k}"]`).click();
    await page.getByTestId('keypad-letters').click();
    await page.locator('[data-key="K"]').click();
    expect(await page.getByTestId('checkin-code').textContent()).toBe('1234K');
    await page.getByTestId('checkin-submit').click();
    await page.getByTestId('error-APPOINTMENT_NOT_FOUND').waitFor();
    expect(await page.getByTestId('error-APPOINTMENT_NOT_FOUND').textContent()).toContain('没有找到这个预约');
    await page.getByTestId('error-ok').click();
    await page.getByTestId('checkin-back').click();
    await page.getByTestId('menu').waitFor();
    await page.context().close();
  });

  it('tells a visitor when the hall is closed and when the day is full', async () => {
    const page = await kiosk();
    const open = srv.clock.now();
    srv.clock.set(Date.UTC(2026, 10, 23, 12, 30)); // 20:30 in Shanghai
    await page.getByTestId('service-fund').click();
    await page.getByTestId('error-HALL_CLOSED').waitFor();
    expect(await page.getByTestId('error-HALL_CLOSED').textContent()).toContain('现在不是取号时间');
    await page.getByTestId('error-ok').click();
    srv.clock.set(open);

    const max = srv.config.hall.maxTicketsPerDay;
    srv.config.hall.maxTicketsPerDay = srv.ctx.hall.state.tickets.size;
    await page.getByTestId('service-fund').click();
    await page.getByTestId('error-DAY_FULL').waitFor();
    expect(await page.getByTestId('error-DAY_FULL').textContent()).toContain('今日号票已发完');
    srv.config.hall.maxTicketsPerDay = max;
    await page.context().close();
  });

  it('shows the number and QR large when the printer is out of paper; the ticket is still issued and supervisors alerted', async () => {
    const page = await kiosk();
    emu.setPaper('out');
    await expect.poll(() => srv.ctx.printing.statuses().find((p) => p.kioskId === 'K1')?.state, { timeout: 8000 }).toBe('paper-out');
    await page.getByTestId('service-prop').click();
    await page.getByTestId('paper-out').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('C006');
    const box = await page.getByTestId('qr').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(400);
    const numberHeight = (await page.getByTestId('ticket-number').boundingBox())!.height;
    expect(numberHeight).toBeGreaterThan(200);
    expect((await tickets()).map((t) => t.number)).toContain('C006');
    const { alerts } = await srv.api('/api/alerts', { token: admin });
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'printer', subject: 'printer:K1', level: 'critical' })]));
    await shot(page, 'kiosk-paper-out');
    emu.setPaper('ok');
    await page.context().close();
  });

  it('says it is offline when the server goes away, and will not issue', async () => {
    const page = await kiosk();
    serverClosed = true;
    await srv.close();
    await page.getByTestId('offline-banner').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('offline-banner').textContent()).toContain('网络连接中断');
    expect(await page.getByTestId('service-biz').getAttribute('aria-disabled')).toBe('true');
    await page.getByTestId('service-biz').click({ force: true }); // a finger still touches it
    await page.getByTestId('error-OFFLINE').waitFor();
    await page.context().close();
  });
});
