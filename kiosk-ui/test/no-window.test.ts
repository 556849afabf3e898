// Issue 18 on the kiosk and the phone, in headless Chromium against a real server: a matter no open
// window can serve (社保医保 while every window able to is closed) says "暂无窗口办理" instead of a
// made-up estimate, on the menu, the ticket and the phone; the phone's wait changes by itself when a
// window able to serve it opens. ONEWINDOW_SCREENSHOTS=1 writes the pictures to docs/images/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
let srv: TestServer;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchBrowser();
  admin = await srv.login();
  // Only W01 (企业开办, 税务, 证照领取) is staffed: nobody can serve 社保医保.
  await srv.api('/api/windows/W01/sign-in', { token: (await srv.user('clerk', 'clerk-W01')).token, body: {} });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  const s = await checkedShot(page, name);
  expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
  expect(s.colours).toBeGreaterThan(20);
}

describe('a matter no open window can serve', () => {
  let trackToken = '';

  it('the kiosk says 暂无窗口办理 on its button and on the ticket, not an estimate', async () => {
    const { pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: '取号机-1', kioskId: 'K1' } });
    const page = await openPage(browser, `${srv.url}/kiosk/#pair=${pairingCode}`, PORTRAIT);
    await page.getByTestId('service-social').waitFor();
    await expect.poll(() => page.getByTestId('wait-social').textContent()).toContain('暂无窗口办理');
    // A matter an open window serves keeps its estimate.
    expect(await page.getByTestId('wait-biz').textContent()).not.toContain('暂无窗口办理');
    await shot(page, 'kiosk-no-window');
    await page.getByTestId('service-social').click();
    await expect.poll(() => page.getByTestId('result-wait').textContent()).toBe('暂无窗口办理');
    const tickets = (await srv.api('/api/tickets', { token: admin })).tickets as Array<{ serviceId: string; trackToken: string; noWindow?: boolean }>;
    const mine = tickets.find((t) => t.serviceId === 'social')!;
    expect(mine.noWindow).toBe(true);
    trackToken = mine.trackToken;
    expect(page.errors).toEqual([]);
  });

  it('the phone says so too, and shows a wait by itself once a window able to serve it opens', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${srv.url}/track/${trackToken}`);
    await expect.poll(() => page.getByTestId('track-wait').textContent()).toBe('暂无窗口办理');
    await page.locator('[data-testid="track-connection"].on').waitFor();
    const s = await checkedShot(page, 'track-no-window');
    expect(s.overflowX).toBe(0);
    // W03 (税务, 社保医保) opens: no reload, the phone hears it.
    await srv.api('/api/windows/W03/sign-in', { token: (await srv.user('clerk', 'clerk-W03')).token, body: {} });
    await expect.poll(() => page.getByTestId('track-wait').textContent()).not.toBe('暂无窗口办理');
    await context.close();
  });
});
