// Real-name tickets (实名取号) at the kiosk in headless Chromium against a real server: K1's ID-card
// reader is the GA 467 emulator on the far end of a socat pty, its printer the loopback ESC/POS
// emulator. A required matter waits for the card, shows the masked holder and issues in that name;
// a second ticket for the same person is refused in plain words; an optional matter may be taken
// without the card (English, elderly mode); a pulled reader cable sends the visitor to the guide desk.
// ONEWINDOW_SCREENSHOTS=1 also writes the README's pictures to docs/images/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import { IdCardEmulator, sampleCard } from '@onewindow/drivers/idcard';
import { startPrinterEmulator, type PrinterEmulator } from '@onewindow/drivers/printer';
import { openPtyPair, type PtyPair } from '@onewindow/drivers/serial';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

const PORTRAIT = { width: 1080, height: 1920 };

let srv: TestServer;
let emu: PrinterEmulator;
let pty: PtyPair;
let reader: IdCardEmulator;
let browser: Browser;
let admin: string;
let devices = 0;

const visitor = sampleCard({ name: '王建国', sex: '1', birth: '19580716', seq: '031' });

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  const s = await checkedShot(page, name);
  expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
  expect(s.colours).toBeGreaterThan(20);
  expect(s.ink).toBeGreaterThan(0.05);
}

async function kiosk(kioskId = 'K1'): Promise<Page & { errors: string[] }> {
  const { pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: `取号机-${++devices}`, kioskId } });
  const page = await openPage(browser, `${srv.url}/kiosk/#pair=${pairingCode}`, PORTRAIT);
  page.setDefaultTimeout(10_000);
  await page.getByTestId('service-social').waitFor();
  await page.locator('[data-testid="offline-banner"]').waitFor({ state: 'detached' });
  return page;
}

const ticketsOf = (serviceId: string) => [...srv.ctx.hall.state.tickets.values()].filter((t) => t.steps[0].serviceId === serviceId);

beforeAll(async () => {
  pty = await openPtyPair();
  reader = await IdCardEmulator.open(pty.b);
  emu = await startPrinterEmulator();
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.services.find((s) => s.id === 'social')!.realName = 'required';
  config.services.find((s) => s.id === 'fund')!.realName = 'optional';
  config.kiosks = [
    { id: 'K1', name: '大厅入口取号机', printer: { type: 'network', host: '127.0.0.1', port: emu.port, width: 48 } },
    { id: 'K2', name: '二楼取号机', printer: { type: 'network', host: '127.0.0.1', port: emu.port, width: 48 } },
  ];
  config.idCard = { readers: [{ id: 'R1', name: '入口取号机读卡器', kioskId: 'K1', serial: { path: pty.a, baudRate: 115200 } }] };
  srv = await startTestServer({ config });
  browser = await launchBrowser();
  admin = await srv.login();
  for (const w of ['W01', 'W04']) await srv.api(`/api/windows/${w}/sign-in`, { token: (await srv.user('clerk')).token, body: {} });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await emu?.close();
  await reader?.close();
  await pty?.close();
});

describe('real-name tickets at the kiosk', () => {
  it('asks for the ID card on a required matter, shows the masked holder, and issues in that name', async () => {
    const page = await kiosk();
    await page.getByTestId('service-social').click();
    await page.getByTestId('idcard-waiting').waitFor();
    expect(await page.getByTestId('idcard').textContent()).toContain('请放置身份证');
    // A required matter offers no way round the card, only back (and the guide desk).
    expect(await page.getByTestId('idcard-skip').count()).toBe(0);
    expect(await page.getByTestId('idcard').textContent()).toContain('导服台');
    await shot(page, 'kiosk-idcard-wait');
    expect(ticketsOf('social')).toHaveLength(0);

    await page.waitForTimeout(500);
    reader.place(visitor);
    await page.getByTestId('idcard-holder').waitFor();
    const holder = (await page.getByTestId('idcard-holder').textContent())!;
    expect(holder).toContain('王*国');
    expect(holder).toContain(`${visitor.idNumber.slice(0, 3)}***`);
    expect(holder).toContain(visitor.idNumber.slice(-4));
    expect(await page.content()).not.toContain(visitor.idNumber);
    await shot(page, 'kiosk-idcard-holder');

    await page.getByTestId('idcard-confirm').click();
    await page.getByTestId('result').waitFor();
    expect(await page.getByTestId('holder-note').textContent()).toContain('实名：王*国');
    const issued = ticketsOf('social');
    expect(issued).toHaveLength(1);
    expect(await page.getByTestId('ticket-number').textContent()).toBe(issued[0].number);
    // The ticket is in the visitor's name: the guide desk finds it by number with the masked holder.
    const found = await srv.api<any>(`/api/guide/lookup?q=${issued[0].number}`, { token: admin });
    expect(found.tickets[0].visitor).toMatchObject({ name: '王*国' });
    expect(JSON.stringify(found)).not.toContain(visitor.idNumber);
    await shot(page, 'kiosk-idcard-issued');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('refuses a second ticket for the same person and matter in plain words, with the number already held', async () => {
    const page = await kiosk();
    await page.getByTestId('service-social').click();
    await page.getByTestId('idcard-confirm').click(); // the card still lies on the reader
    const dialog = page.getByTestId('error-ONE_TICKET_PER_PERSON');
    await dialog.waitFor();
    const words = (await dialog.textContent())!;
    expect(words).toContain('您今天已取过这项业务的号');
    expect(words).toContain(`您的号码：${ticketsOf('social')[0].number}`);
    expect(words).toContain('导服台');
    await shot(page, 'kiosk-idcard-refused');
    await page.getByTestId('error-ok').click();
    await page.getByTestId('menu').waitFor();
    expect(ticketsOf('social')).toHaveLength(1);
    // The browser logs the refused request itself; nothing else went wrong.
    expect(page.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    await page.context().close();
  });

  it('lets an optional matter go without the card, in English and in elderly mode', async () => {
    reader.remove();
    const page = await kiosk();
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('elderly-toggle').click();
    await page.getByTestId('service-fund').click();
    await page.getByTestId('idcard-waiting').waitFor();
    const step = (await page.getByTestId('idcard').textContent())!;
    expect(step).toContain('Place your ID card');
    expect(step).toContain('guide desk');
    await shot(page, 'kiosk-idcard-elderly-en');
    const spoken = await page.evaluate(() => (window as unknown as { __kioskVoice: { log: string[] } }).__kioskVoice.log);
    expect(spoken.join('\n')).toContain('Please place your ID card on the reader.');
    await page.getByTestId('idcard-skip').click();
    await page.getByTestId('result').waitFor();
    expect(await page.getByTestId('holder-note').count()).toBe(0);
    expect(ticketsOf('fund')).toHaveLength(1);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('at a kiosk without a reader: issues an optional matter plainly, and sends a required one to the guide desk', async () => {
    const page = await kiosk('K2');
    await page.getByTestId('service-fund').click();
    await page.getByTestId('result').waitFor();
    expect(await page.getByTestId('idcard').count()).toBe(0);
    expect(ticketsOf('fund')).toHaveLength(2);
    await page.getByTestId('done').click();
    await page.getByTestId('service-social').click();
    const dialog = page.getByTestId('error-REAL_NAME_REQUIRED');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('这项业务需要实名取号');
    expect(await dialog.textContent()).toContain('导服台');
    await page.getByTestId('error-ok').click();
    await page.getByTestId('menu').waitFor();
    expect(ticketsOf('social')).toHaveLength(1);
    await page.context().close();
  });

  it('sends the visitor to the guide desk when the reader\'s cable is pulled', async () => {
    const page = await kiosk();
    await pty.close();
    await page.getByTestId('service-social').click();
    const dialog = page.getByTestId('error-READER_OFFLINE');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.textContent()).toContain('请到导服台');
    await page.getByTestId('error-ok').click();
    await page.getByTestId('menu').waitFor();
    expect(ticketsOf('social')).toHaveLength(1);
    await page.context().close();
  });
});
