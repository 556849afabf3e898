import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';
import { shotPath } from '../../test/screenshot-check.ts';

/**
 * The console's 通知 page in a real browser against a real server whose SMS gateway (a loopback
 * HTTP server) refuses a booking's phone code outright: the supervisor sees the dead letter and
 * why, sends it again once the gateway takes messages, and finds it among those sent.
 * Screenshot: docs/images/console-notifications.png.
 */
let gatewayAnswers = 400;
const taken: string[] = [];
let gateway: Server;
let srv: TestServer;
let browser: Browser;

async function signIn(url: string): Promise<Page & { errors: string[] }> {
  const page = await openPage(browser, url, { width: 1920, height: 1080 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.fill('[data-test=username]', 'boss');
  await page.fill('[data-test=password]', 'password-123');
  await page.click('[data-test=signin-submit]');
  return page;
}

describe('the console\'s messages page', () => {
  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (gatewayAnswers === 200) taken.push(body);
        res.writeHead(gatewayAnswers, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
    config.notifications = {
      placesAhead: 3, kind: 'webhook',
      webhook: { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, secret: 'a-shared-secret-of-the-gateway', timeoutMs: 2000, maxAttempts: 4 },
    };
    [srv, browser] = await Promise.all([startTestServer({ config, webhook: { baseDelayMs: 50, maxDelayMs: 100 } }), launchBrowser()]);
    await srv.api('/api/users', { token: await srv.login(), body: { username: 'boss', password: 'password-123', name: '王主任', role: 'supervisor' } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await new Promise((r) => gateway?.close(r));
  });

  it('shows a message the gateway refused and why, sends it again, and lists it as sent once taken', async () => {
    const r = await fetch(`${srv.url}/api/appointments/phone-code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13700002222' }) });
    expect(r.status).toBe(202);
    const boss = await srv.login('boss', 'password-123');
    const end = Date.now() + 10_000;
    while ((await srv.api<{ totals: { dead: number } }>('/api/notifications', { token: boss })).totals.dead === 0) {
      if (Date.now() > end) throw new Error('the refused message never became a dead letter');
      await new Promise((res) => setTimeout(res, 50));
    }

    const page = await signIn(`${srv.url}/display/supervisor/notifications`);
    await page.waitForSelector('[data-test=notifications-list] tbody tr');
    const row = (await page.textContent('[data-test=notifications-list] tbody tr'))!;
    expect(row).toContain('预约验证码');
    expect(row).toContain('137****2222');
    expect(row).toContain('HTTP 400');
    expect(row).not.toContain('13700002222');
    expect(row).toMatch(/预约验证码 \*{6}，/); // the one-time code is the visitor's alone
    expect((await page.textContent('[data-test=notifications-dead]'))!.replace(/\s/g, '')).toBe('未送达1');
    await page.screenshot({ path: shotPath('console-notifications') });

    gatewayAnswers = 200; // the gateway mended
    await page.click('[data-test=notification-retry]');
    await page.waitForSelector('[data-test=notifications-done]');
    expect(await page.textContent('[data-test=notifications-done]')).toContain('已重新排队发送');
    await page.waitForSelector('[data-test=notifications-empty]');
    expect(await page.textContent('[data-test=notifications-empty]')).toBe('没有未送达的短信');
    const until = Date.now() + 10_000;
    while (taken.length === 0 && Date.now() < until) await new Promise((res) => setTimeout(res, 50));
    expect(JSON.parse(taken[0])).toMatchObject({ kind: 'phone-code', phone: '13700002222' });

    await page.click('[data-test=notifications-sent]');
    await page.waitForFunction(() => (document.querySelector('[data-test=notifications-list] tbody')?.textContent ?? '').includes('137****2222'));
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('says in words that a hall without an SMS gateway has no messages to show', async () => {
    const plain = await startTestServer();
    try {
      await plain.api('/api/users', { token: await plain.login(), body: { username: 'boss', password: 'password-123', name: '王主任', role: 'supervisor' } });
      const page = await signIn(`${plain.url}/display/supervisor/notifications`);
      await page.waitForSelector('[data-test=notifications-error]');
      expect(await page.textContent('[data-test=notifications-error]')).toContain('本大厅未接短信网关');
      await page.context().close();
    } finally {
      await plain.close();
    }
  });
});
