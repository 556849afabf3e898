// Issue 19 at the counter: a clerk changes their own password from the terminal, in headless Chromium
// against a real server; the policy's refusal says what is wrong. Screenshot: counter-password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';

let srv: TestServer;
let browser: Browser;
let page: Page & { errors: string[] };

beforeAll(async () => {
  [srv, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const admin = await srv.login();
  await srv.api('/api/users', { token: admin, body: { username: 'wangli', password: 'password-123', name: '王丽', role: 'clerk', windows: ['W01'] } });
  await srv.api('/api/tickets', { token: (await srv.user('guide')).token, body: { serviceId: 'biz' } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the counter terminal\'s password dialog', () => {
  it('refuses a weak password with the reasons, takes a good one, and the new one signs in', async () => {
    page = await openPage(browser, `${srv.url}/counter/`, { width: 1920, height: 1080 });
    page.setDefaultTimeout(8000);
    await page.locator('input[name=username]').fill('wangli');
    await page.locator('input[name=password]').fill('password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-window=W01]').click();
    await page.getByTestId('terminal').waitFor();

    await page.getByTestId('password-open').click();
    await page.getByTestId('password-current').fill('password-123');
    // The terminal's keys rest while the dialog is open: F1 (focus on the dialog, not a field) does not call the waiting visitor.
    await page.getByTestId('dialog').locator('.hint').click();
    await page.keyboard.press('F1');
    await page.waitForTimeout(500);
    expect(srv.ctx.hall.state.windows.get('W01')!.currentTicketId).toBeNull();
    await page.getByTestId('password-new').fill('1234567890');
    await page.getByTestId('password-again').fill('1234567890');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('password-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('密码太弱');
    expect(await error.textContent()).toContain('字母、数字、符号至少要有两类');
    // The browser logs the refused request itself; that one is expected.
    expect(page.errors.splice(0)).toEqual([expect.stringContaining('422')]);
    await page.waitForTimeout(300);
    const s = await checkedShot(page, 'counter-password');
    expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });

    await page.getByTestId('password-new').fill('窗口-办事大厅2026');
    await page.getByTestId('password-again').fill('窗口-办事大厅2026');
    await page.keyboard.press('Enter');
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('密码已修改');
    // Still signed in here; the new password is the one that works now.
    expect(await page.getByTestId('terminal').isVisible()).toBe(true);
    expect(await srv.login('wangli', '窗口-办事大厅2026')).toMatch(/./);
    const old = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wangli', password: 'password-123' }) });
    expect(old.status).toBe(401);
    expect(page.errors).toEqual([]);
  });
});
