// The public booking page where the hall verifies phones (issue 19): a code texted to the phone
// before booking, and the one answer every booking limit gets. Headless Chromium at phone size
// against a real server; the code is read from the hall's notifier (the log notifier keeps what it sent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import type { LoggingNotifier } from '../../server/src/services/notifications/notifier.ts';
import { launchBrowser } from '../../server/test/browser.ts';
import { DEFAULT_CONFIG, ROOT, startTestServer, type TestServer } from '../../server/test/helper.ts';

let srv: TestServer;
let browser: Browser;
const shot = (name: string) => (process.env.ONEWINDOW_SCREENSHOTS === '1' ? `${ROOT}docs/images/${name}.png` : `/tmp/ow-${name}.png`);

beforeAll(async () => {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.appointments = { earlyMin: 30, graceMin: 15, daysAhead: 7, verifyPhone: true };
  [srv, browser] = await Promise.all([startTestServer({ config }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('booking with a phone code', () => {
  it('texts a code, books with it, and answers a second booking of the phone with the limit\'s words', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${srv.url}/book/`);
    await page.getByTestId('book-service-prop').click();
    await page.getByTestId('book-date-2026-11-24').click();
    await page.getByTestId('book-slot-09:30').click();
    await page.getByTestId('book-name').fill('王小明');
    await page.getByTestId('book-phone').fill('13812345678');
    await page.getByTestId('book-phone-code-send').click();
    await page.getByTestId('book-phone-code-sent').waitFor();
    expect(await page.getByTestId('book-phone-code-send').isDisabled()).toBe(true); // a minute between two
    const sent = (srv.ctx.notifier as LoggingNotifier).sent.filter((m) => m.kind === 'phone-code');
    expect(sent).toHaveLength(1);
    const code = /(\d{6})/.exec(sent[0].text)![1];
    await page.getByTestId('book-phone-code').fill(code);
    await page.screenshot({ path: shot('booking-phone-code') });
    await page.getByTestId('book-submit').click();
    await page.getByTestId('book-done').waitFor();
    expect((await srv.api('/api/appointments?date=2026-11-24', { token: (await srv.user('guide')).token })).appointments).toHaveLength(1);

    // The same phone, the same service and day: the one answer for every limit.
    await page.goto(`${srv.url}/book/`);
    await page.getByTestId('book-service-prop').click();
    await page.getByTestId('book-date-2026-11-24').click();
    await page.getByTestId('book-slot-10:30').click();
    await page.getByTestId('book-name').fill('王小明');
    await page.getByTestId('book-phone').fill('13812345678');
    srv.clock.advance(61_000);
    await page.waitForTimeout(1100);
    await page.getByTestId('book-phone-code-send').click();
    await page.getByTestId('book-phone-code-sent').waitFor();
    const again = (srv.ctx.notifier as LoggingNotifier).sent.filter((m) => m.kind === 'phone-code');
    await page.getByTestId('book-phone-code').fill(/(\d{6})/.exec(again.at(-1)!.text)![1]);
    await page.getByTestId('book-submit').click();
    expect(await page.getByTestId('book-error').textContent()).toContain('无法完成预约');
    await page.screenshot({ path: shot('booking-limit') });
    expect(errors).toEqual([]);
  });
});
