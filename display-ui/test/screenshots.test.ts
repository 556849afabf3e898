import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { manualClock, ROOT, startTestServer, type TestServer } from '../../server/test/helper.ts';
import { callAt, seedMorning } from './seed.ts';

/**
 * The README's screenshots, from a seeded morning (09:00–11:30): `SCREENSHOTS=1 npx vitest run
 * display-ui/test/screenshots.test.ts` rewrites docs/images/display-*.png. Skipped otherwise.
 */
const enabled = process.env.SCREENSHOTS === '1';
const out = (name: string) => `${ROOT}docs/images/${name}.png`;
let srv: TestServer;
let browser: Browser;

describe.skipIf(!enabled)('screenshots', () => {
  beforeAll(async () => {
    [srv, browser] = await Promise.all([startTestServer({ clock: manualClock(Date.UTC(2026, 10, 23, 1, 0, 0)) }), launchBrowser()]);
    await seedMorning(srv);
    mkdirSync(`${ROOT}docs/images`, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  const code = async (kind: string, windowId?: string) =>
    (await srv.api<{ pairingCode: string }>('/api/devices', { token: await srv.login(), body: { kind, name: kind, ...(windowId ? { windowId } : {}) } })).pairingCode;

  it('the caller screen', async () => {
    const page = await openPage(browser, `${srv.url}/display/#pair=${await code('display')}`, { width: 1920, height: 1080 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('[data-test=caller]');
    const n = await callAt(srv, 'W04');
    await page.waitForFunction((x) => document.querySelector('[data-test=hero-number]')?.textContent === x, n);
    await page.waitForTimeout(300);
    await page.screenshot({ path: out('display-caller') });
    expect(page.errors).toEqual([]);
  });

  it('the window screen', async () => {
    const page = await openPage(browser, `${srv.url}/display/window/W01#pair=${await code('window-screen', 'W01')}`, { width: 1280, height: 720 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('[data-test=window-screen]');
    await callAt(srv, 'W01');
    await page.waitForSelector('[data-test=window-screen][data-state=calling]');
    await page.waitForTimeout(300);
    await page.screenshot({ path: out('display-window') });
    expect(page.errors).toEqual([]);
  });

  it('the supervisors\' wall', async () => {
    await srv.user('supervisor', 'shot');
    const page = await openPage(browser, `${srv.url}/display/supervisor/`, { width: 1920, height: 1080 });
    await page.fill('[data-test=username]', 'shot');
    await page.fill('[data-test=password]', 'password-123');
    await page.click('[data-test=signin-submit]');
    await page.waitForSelector('[data-test=chart-satisfaction] canvas');
    await page.waitForSelector('[data-test=alert]');
    await page.waitForTimeout(500);
    await page.screenshot({ path: out('display-supervisor') });
    expect(page.errors).toEqual([]);
  });
});
