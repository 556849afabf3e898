import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { manualClock, startTestServer, type TestServer } from '../../server/test/helper.ts';
import { checkedShot, type ShotCheck } from '../../test/screenshot-check.ts';
import { callAt, seedMorning } from './seed.ts';

/**
 * The screens at their real sizes on a seeded morning (09:00–11:30), checked: the content is
 * there, the page fits its screen, and the picture is not blank. `ONEWINDOW_SCREENSHOTS=1 npx vitest
 * run display-ui/test/screenshots.test.ts` also rewrites the README's docs/images/display-*.png.
 */
let srv: TestServer;
let browser: Browser;

const CALLER = { width: 1920, height: 1080 };
const WINDOW = { width: 1280, height: 720 };
const text = async (page: Page, sel: string) => (await page.textContent(sel))?.trim() ?? '';
/** A screen's picture: fits, with real content on it. */
function looksRight(s: ShotCheck): void {
  expect({ overflowX: s.overflowX, overflowY: s.overflowY }).toEqual({ overflowX: 0, overflowY: 0 });
  expect(s.colours).toBeGreaterThan(30);
  expect(s.ink).toBeGreaterThan(0.15);
}

describe('the screens, screenshotted and checked', () => {
  beforeAll(async () => {
    [srv, browser] = await Promise.all([startTestServer({ clock: manualClock(Date.UTC(2026, 10, 23, 1, 0, 0)) }), launchBrowser()]);
    await seedMorning(srv);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  const code = async (kind: string, windowId?: string) =>
    (await srv.api<{ pairingCode: string }>('/api/devices', { token: await srv.login(), body: { kind, name: kind, ...(windowId ? { windowId } : {}) } })).pairingCode;

  it('the caller screen: the newest call large, recent calls, the queues', async () => {
    const page = await openPage(browser, `${srv.url}/display/#pair=${await code('display')}`, CALLER);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('[data-test=caller]');
    const n = await callAt(srv, 'W04');
    await page.waitForFunction((x) => document.querySelector('[data-test=hero-number]')?.textContent === x, n);
    await page.waitForTimeout(300);
    const shot = await checkedShot(page, 'display-caller');
    expect(await text(page, '[data-test=hero-window]')).toBe(srv.config.windows.find((w) => w.id === 'W04')!.name);
    expect((await page.$$('[data-test=recent-call]')).length).toBeGreaterThanOrEqual(3);
    expect((await page.$$('[data-test=waiting-count]')).length).toBe(srv.config.services.length);
    looksRight(shot);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('the window screen: the number it calls, large', async () => {
    const page = await openPage(browser, `${srv.url}/display/window/W01#pair=${await code('window-screen', 'W01')}`, WINDOW);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('[data-test=window-screen]');
    const n = await callAt(srv, 'W01');
    await page.waitForSelector('[data-test=window-screen][data-state=calling]');
    await page.waitForTimeout(300);
    const shot = await checkedShot(page, 'display-window');
    expect(await text(page, '[data-test=window-screen]')).toContain(n);
    looksRight(shot);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('the supervisors\' wall: queues, every window, alerts and today\'s charts', async () => {
    await srv.user('supervisor', 'shot');
    const page = await openPage(browser, `${srv.url}/display/supervisor/`, CALLER);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.fill('[data-test=username]', 'shot');
    await page.fill('[data-test=password]', 'password-123');
    await page.click('[data-test=signin-submit]');
    await page.waitForSelector('[data-test=chart-satisfaction] canvas');
    await page.waitForSelector('[data-test=alert]');
    await page.waitForTimeout(500);
    const shot = await checkedShot(page, 'display-supervisor');
    expect((await page.$$('[data-test=win-line]')).length).toBe(srv.config.windows.length);
    expect((await page.$$('[data-test=svc-waiting]')).length).toBe(srv.config.services.length);
    expect(await text(page, '[data-test=alert]')).not.toBe('');
    looksRight(shot);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
