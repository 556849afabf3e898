import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { startTestCentre, type TestCentre } from './helper.ts';
import { startHall, until, type HallClient } from './processes.ts';

/**
 * What the hall's own pages show of its centre, in Chromium against real hall processes: the
 * supervisors' wall shows the link, the kiosk and the phone page offer a quicker hall nearby when
 * the wait here is long (and only then).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const shot = (name: string) => (process.env.ONEWINDOW_SCREENSHOTS === '1' ? `${ROOT}docs/images/${name}.png` : `/tmp/ow-${name}.png`);
let c: TestCentre;
let busy: HallClient;
let quiet: HallClient;
let browser: Browser;
const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'ow-hp-')); dirs.push(d); return d; };

beforeAll(async () => {
  c = await startTestCentre();
  const kb = (await c.registerHall('busy', { level: 'centre' })).key;
  const kq = (await c.registerHall('quiet', { parentId: 'busy' })).key;
  [busy, quiet] = await Promise.all([startHall(tmp(), { url: c.base, hallId: 'busy', key: kb }), startHall(tmp(), { url: c.base, hallId: 'quiet', key: kq })]);
  await quiet.crew(); // W01 open at the quiet hall: biz there is served at once
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await busy?.srv.stop('SIGKILL');
  await quiet?.srv.stop('SIGKILL');
  await c?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the hall\'s pages and its centre', () => {
  it('the supervisors\' wall shows the link to the centre', async () => {
    await until('the link up', async () => (await busy.status()).connected);
    const page = await openPage(browser, `${busy.srv.url}/display/supervisor/`, { width: 1920, height: 1080 });
    await page.fill('[data-test=username]', 'admin');
    await page.fill('[data-test=password]', 'admin-password');
    await page.click('[data-test=signin-submit]');
    const link = page.locator('[data-test=centre-link]');
    await link.waitFor();
    expect(await link.textContent()).toMatch(/区中心.*(已连接|未上报)/);
    await page.screenshot({ path: shot('display-supervisor-centre-link'), clip: { x: 0, y: 0, width: 1920, height: 200 } });
    await page.context().close();
  }, 60_000);

  it('the kiosk and the phone page offer a quicker hall nearby when the wait here is long', async () => {
    // The busy hall: a long queue for biz at one open window.
    await busy.crew();
    let wait = 0;
    for (let i = 0; i < 60 && wait < 30 * 60; i++) {
      await busy.issue('biz');
      wait = (await busy.api<{ services: { id: string; estimatedWaitSec: number }[] }>('/api/hall', { token: busy.admin })).services.find((s) => s.id === 'biz')!.estimatedWaitSec;
    }
    expect(wait).toBeGreaterThanOrEqual(30 * 60);
    await until('an offer', async () => (await busy.api<{ available: boolean; offers: unknown[] }>('/api/centre/nearby?serviceId=biz')).offers.length > 0, 20_000);

    const { pairingCode } = await busy.api<{ pairingCode: string }>('/api/devices', { token: busy.admin, body: { kind: 'kiosk', name: '取号机', kioskId: 'K1' } });
    const kiosk = await openPage(browser, `${busy.srv.url}/kiosk/#pair=${pairingCode}`, { width: 1080, height: 1920 });
    await kiosk.getByTestId('service-biz').click();
    const hint = kiosk.getByTestId('nearby');
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/附近的quiet 便民服务中心办理此事项约需 \d+ 分钟/);
    await kiosk.screenshot({ path: shot('kiosk-nearby') });

    // A short wait gets no hint: a ticket at the quiet hall.
    const t = await quiet.issue('tax');
    const phone = await openPage(browser, `${quiet.srv.url}/track/${(t.ticket as { trackToken?: string }).trackToken}`, { width: 390, height: 844 });
    await phone.getByTestId('track-waiting').waitFor();
    await new Promise((r) => setTimeout(r, 800));
    expect(await phone.getByTestId('nearby').count()).toBe(0);

    const long = await busy.issue('biz');
    const phone2 = await openPage(browser, `${busy.srv.url}/track/${(long.ticket as { trackToken?: string }).trackToken}`, { width: 390, height: 844 });
    await phone2.getByTestId('nearby').waitFor();
    await phone2.screenshot({ path: shot('track-nearby') });
    expect([...kiosk.errors, ...phone.errors, ...phone2.errors]).toEqual([]);
  }, 90_000);
});
