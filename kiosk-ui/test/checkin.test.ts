// Checking a booking in at the kiosk, in headless Chromium against a real server: the ten-digit
// code typed in ten presses with no switch of keypads, a typo caught by the check digit before
// anything is sent, and the phone number with the code's last four digits on the same screen.
// Issue #22: `F3WE65V7` took 14 presses and 5 switches between the letter and digit keypads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
let srv: TestServer;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  srv = await startTestServer({ config: { ...structuredClone(loadHallConfig(DEFAULT_CONFIG)), appointments: { earlyMin: 60, graceMin: 15, daysAhead: 7 } } });
  browser = await launchBrowser();
  admin = await srv.login();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** A booking at 10:30 today (the test clock stands at 10:00, inside the check-in hour), as the public page makes it. */
let phoneSeq = 0;
async function booking(phone = `1370000${String(1000 + ++phoneSeq)}`): Promise<{ code: string; phone: string }> {
  const { appointment } = await srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: '2026-11-23T10:30:00+08:00', phone } });
  return { code: appointment.code, phone };
}

async function kiosk(size = PORTRAIT): Promise<Page & { errors: string[] }> {
  const { pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: '取号机', kioskId: 'K1' } });
  const page = await openPage(browser, `${srv.url}/kiosk/#pair=${pairingCode}`, size);
  await page.getByTestId('service-biz').waitFor();
  await page.locator('[data-testid="offline-banner"]').waitFor({ state: 'detached' });
  return page;
}

/** Types on the kiosk's keypad as a visitor would: a press per character, a switch when the key is on the other keypad. */
async function typeCode(page: Page, text: string): Promise<{ presses: number; switches: number }> {
  let presses = 0;
  let switches = 0;
  for (const ch of text) {
    const k = page.locator(`[data-testid="keypad"] [data-key="${ch}"]`);
    if (!(await k.isVisible())) {
      const toggle = page.getByTestId((await page.getByTestId('keypad-letters').isVisible()) ? 'keypad-letters' : 'keypad-digits');
      await toggle.click();
      switches++;
      presses++;
    }
    await k.click();
    presses++;
  }
  return { presses, switches };
}

describe('checking a booking in at the kiosk', () => {
  it('takes the code in ten presses with no switch of keypads, and gives the number', async () => {
    const page = await kiosk();
    const b = await booking();
    await page.getByTestId('checkin-open').click();
    const typed = await typeCode(page, b.code);
    expect(typed).toEqual({ presses: 10, switches: 0 });
    // Shown in the groups the booking page uses, to compare at a glance
    expect((await page.getByTestId('checkin-code').textContent())!.trim()).toBe(`${b.code.slice(0, 3)} ${b.code.slice(3, 6)} ${b.code.slice(6)}`);
    await checkedShot(page, 'kiosk-checkin-code');
    await page.getByTestId('checkin-submit').click();
    await page.getByTestId('result').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^C\d{3}$/);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('says at once when a digit is wrong, and sends nothing', async () => {
    const page = await kiosk();
    const b = await booking();
    await page.getByTestId('checkin-open').click();
    const typo = b.code.slice(0, 6) + b.code[7] + b.code[6] + b.code.slice(8); // two neighbours swapped
    if (typo === b.code) return; // the same digit twice: nothing to swap
    await typeCode(page, typo);
    await page.getByTestId('checkin-problem').waitFor();
    expect(await page.getByTestId('checkin-problem').textContent()).toContain('预约码有误');
    expect(await page.getByTestId('checkin-submit').isDisabled()).toBe(true);
    expect((await srv.api(`/api/appointments/${b.code}`)).appointment.status).toBe('booked');
    await page.context().close();
  });

  it('checks in by phone number and the code\'s last four digits on the same screen, in both languages', async () => {
    const page = await kiosk();
    const b = await booking('13812345678');
    await page.getByTestId('checkin-open').click();
    await page.getByTestId('checkin-by-phone').click();
    await typeCode(page, '13812345678');
    // The phone number full, the keys go on into the code's last digits
    expect(await page.getByTestId('checkin-suffix').getAttribute('class')).toContain('active');
    await typeCode(page, b.code.slice(-4));
    expect((await page.getByTestId('checkin-phone').textContent())).toContain('138 1234 5678');
    await checkedShot(page, 'kiosk-checkin-phone');
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('checkin-by-phone').textContent()).toContain('Phone');
    await page.getByTestId('checkin-submit').click();
    await page.getByTestId('result').waitFor();
    const ticket = (await srv.api('/api/appointments?date=2026-11-23', { token: admin })).appointments.find((a: { code: string }) => a.code === b.code);
    expect(ticket.status).toBe('checked-in');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('fits a landscape kiosk and keeps its keys large', async () => {
    const page = await kiosk(LANDSCAPE);
    await page.getByTestId('checkin-open').click();
    await page.getByTestId('checkin-by-phone').click();
    const s = await checkedShot(page, 'kiosk-checkin-landscape');
    expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
    const boxes = await page.evaluate(() => [...document.querySelectorAll('[data-testid="checkin"] button')].map((b) => { const r = b.getBoundingClientRect(); return { h: r.height, w: r.width, bottom: r.bottom }; }));
    expect(boxes.filter((b) => b.h < 60 || b.w < 60)).toEqual([]);
    expect(Math.max(...boxes.map((b) => b.bottom))).toBeLessThanOrEqual(LANDSCAPE.height - 100); // above the footer
    await page.context().close();
  });
});
