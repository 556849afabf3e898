// The guide desk (导服台) and the printable 一次性告知书 in headless Chromium against a real server:
// a guide signs in, issues for a visitor by keyboard (green channel with its reason, a mobile, a
// kiosk printer), reads an ID card on the desk's reader (an emulated GA 467 reader over a socat pty),
// finds a visitor, puts a no-show back; a clerk's notice of missing materials prints on A4.
// ONEWINDOW_SCREENSHOTS=1 also writes the README's pictures to docs/images/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig } from '@onewindow/config';
import { IdCardEmulator, sampleCard } from '@onewindow/drivers/idcard';
import { openPtyPair, type PtyPair } from '@onewindow/drivers/serial';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

const DESK = { width: 1920, height: 1080 };
const MIN = 60_000;

let srv: TestServer;
let browser: Browser;
let pty: PtyPair;
let reader: IdCardEmulator;
let clerk: string;
let guide: string;
let page: Page & { errors: string[] };
/** A ticket the window called three times and then marked not come. */
let missed = { id: '', number: '' };

const visitor = sampleCard({ name: '李秀英', sex: '2', birth: '19500312', seq: '084' });

async function shot(p: Page, name: string): Promise<void> {
  await p.waitForTimeout(400);
  const s = await checkedShot(p, name);
  expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
  expect(s.colours).toBeGreaterThan(20);
  expect(s.ink).toBeGreaterThan(0.05);
}
const text = (p: Page, id: string) => p.getByTestId(id).textContent();
/** A ticket's status as the hall sees it: its last matter's. */
const status = (id: string) => srv.ctx.hall.state.tickets.get(id)!.steps.at(-1)!.status;
const byNumber = (n: string) => [...srv.ctx.hall.state.tickets.values()].find((t) => t.number === n)!;

beforeAll(async () => {
  pty = await openPtyPair();
  reader = await IdCardEmulator.open(pty.b);
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.services.find((s) => s.id === 'social')!.realName = 'optional';
  config.idCard = { readers: [{ id: 'R9', name: '导服台读卡器', desk: true, serial: { path: pty.a, baudRate: 115200 } }] };
  srv = await startTestServer({ config });
  browser = await launchBrowser();
  clerk = (await srv.user('clerk', 'zhouli', ['W01'])).token;
  guide = (await srv.user('guide', 'wangdao')).token;
  const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
  for (const serviceId of ['biz', 'tax', 'biz', 'pickup', 'biz']) {
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId } });
    srv.clock.advance(2 * MIN);
  }
  // W01 calls one visitor three times (the hall's rule), who never comes: a no-show the desk may put back.
  const w = (action: string, body: object = {}) => srv.api<any>(`/api/windows/W01/${action}`, { token: clerk, body });
  await w('sign-in');
  const called = await w('call-next');
  missed = { id: called.ticket.id, number: called.ticket.number };
  await w('recall');
  await w('recall');
  await w('no-show');
  srv.clock.advance(4 * MIN);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await reader?.close();
  await pty?.close();
});

describe('the guide desk', () => {
  it('signs a guide in at /counter/guide/, and sends a guide who opens the terminal there', async () => {
    page = await openPage(browser, `${srv.url}/counter/`, DESK);
    page.setDefaultTimeout(8000);
    await page.locator('input[name=username]').fill('wangdao');
    await page.locator('input[name=password]').fill('password-123');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/counter\/guide\/$/);
    await page.getByTestId('guide').waitFor();
    expect(await text(page, 'legend')).toContain('F9');
    // Today's no-show is offered to be put back, with the minutes left for it.
    await expect.poll(() => page.locator(`[data-testid=rows] [data-number="${missed.number}"]`).count()).toBe(1);
    // 26 minutes on the hall's clock; the page's clock runs on in real time from its last sync
    // (rounded down), so a second after it the desk shows 25.
    expect(await page.locator(`[data-number="${missed.number}"]`).textContent()).toMatch(/还可恢复 2[56] 分钟/);
  });

  it('issues for a visitor by keyboard: a matter by its digit, the green channel with its reason, a mobile, a kiosk printer', async () => {
    await page.locator('select[name=printAt]').selectOption('K1');
    await page.keyboard.press('F2');
    const order = srv.config.services.map((s) => s.id);
    await page.keyboard.press(String(order.indexOf('social') + 1));
    await expect.poll(() => page.locator('[data-service=social].on').count()).toBe(1);
    await page.keyboard.press('F6');
    await page.getByRole('button', { name: '70岁以上老人' }).click();
    await page.locator('input[name=phone]').fill('13812345678');
    // F4 waits on the desk's reader for a card laid on it.
    await page.keyboard.press('F4');
    await page.waitForTimeout(300);
    reader.place(visitor);
    await page.getByTestId('card').waitFor();
    const card = await text(page, 'card');
    expect(card).toContain('李*英');
    expect(card).not.toContain(visitor.idNumber);
    expect(card).toContain(`${visitor.idNumber.slice(0, 3)}***`);
    await shot(page, 'guide-desk');
    await page.keyboard.press('F9');
    await page.getByTestId('issued').waitFor();
    const number = (await text(page, 'issued-number'))!.trim();
    const t = byNumber(number);
    expect(t.priority).toBe('green');
    expect(t.steps[0].serviceId).toBe('social');
    const stored = await srv.api<any>('/api/guide/lookup?q=13812345678', { token: guide });
    expect(stored.tickets.map((x: { number: string }) => x.number)).toContain(number);
    expect(stored.tickets[0].visitor).toMatchObject({ phone: '138****5678', name: '李*英' });
    // The whole page never held the ID number.
    expect(await page.content()).not.toContain(visitor.idNumber);
    expect(page.errors).toEqual([]);
  });

  it('finds a visitor by number and puts the no-show back in the queue with R', async () => {
    await page.keyboard.press('F3');
    await page.keyboard.type(missed.number);
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'find')).toContain(`查找结果：${missed.number}`);
    await page.locator('[data-testid=find] input').blur();
    await page.keyboard.press('r');
    await expect.poll(() => status(missed.id)).toBe('waiting');
    await expect.poll(() => page.locator(`[data-number="${missed.number}"]`).textContent()).toContain('等候');
    expect(page.errors).toEqual([]);
  });

  it('shows a clear refusal when the visitor left long ago, not a silent failure', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    const w = (action: string) => srv.api<any>(`/api/windows/W01/${action}`, { token: clerk, body: {} });
    const late = (await w('call-next')).ticket;
    await w('recall');
    await w('recall');
    await w('no-show');
    srv.clock.advance(45 * MIN);
    await page.locator('[data-testid=find] input').fill(late.number);
    await page.locator('[data-testid=find] input').press('Enter');
    await page.locator(`[data-number="${late.number}"] [data-act=reinstate]`).waitFor();
    await page.locator('[data-testid=find] input').blur();
    await page.keyboard.press('r');
    await expect.poll(() => text(page, 'notice')).toMatch(/过号时间太久|不能恢复/);
    expect(status(late.id)).toBe('no-show');
  });

  it('takes a typed ID number for a visitor without their card, checked (GB 11643) before it is sent', async () => {
    const before = srv.ctx.hall.state.tickets.size;
    const errors = page.errors.length; // the refusal above is logged by the browser
    await page.keyboard.press('F2');
    const order = srv.config.services.map((s) => s.id);
    await page.keyboard.press(String(order.indexOf('social') + 1));
    await expect.poll(() => page.locator('[data-service=social].on').count()).toBe(1);
    // One character wrong: the check character does not match, said at once, and F9 sends nothing.
    await page.locator('input[name=idNumber]').fill('440304195807160319');
    await page.locator('input[name=idName]').fill('赵建华');
    await expect.poll(() => text(page, 'typed-id-state')).toContain('校验位不符');
    expect(await page.locator('input[name=idNumber]').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('F9');
    await expect.poll(() => text(page, 'notice')).toContain('校验位不符');
    expect(srv.ctx.hall.state.tickets.size).toBe(before);
    await page.locator('input[name=idNumber]').fill('44030419580716031x');
    await expect.poll(() => text(page, 'typed-id-state')).toContain('校验通过');
    await shot(page, 'guide-typed-id');
    await page.keyboard.press('F9');
    await expect.poll(() => srv.ctx.hall.state.tickets.size).toBe(before + 1);
    const number = [...srv.ctx.hall.state.tickets.values()].at(-1)!.number;
    await expect.poll(async () => (await text(page, 'issued-number'))?.trim()).toBe(number);
    const found = await srv.api<any>(`/api/guide/lookup?q=${number}`, { token: guide });
    expect(found.tickets[0].visitor).toMatchObject({ name: '赵*华', idMasked: '440***********031X' });
    // The form is empty again: the number typed is not left on the page.
    expect(await page.locator('input[name=idNumber]').inputValue()).toBe('');
    expect(await page.content()).not.toContain('44030419580716031');
    // Nothing refused on the way: the wrong number never reached the server (it would answer 422).
    expect(page.errors.slice(errors)).toEqual([]);
  });
});

describe('the 一次性告知书', () => {
  it('prints the hall, the matter, the window, the clerk, the date, the list and a QR back to it on one A4 page', async () => {
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const t = (await srv.api<any>('/api/tickets', { token: kiosk, body: { serviceId: 'pickup' } })).ticket;
    await srv.api('/api/windows/W01/call', { token: clerk, body: { ticketId: t.id } });
    await srv.api('/api/windows/W01/start', { token: clerk, body: {} });
    await srv.api('/api/windows/W01/finish', { token: clerk, body: { outcome: 'incomplete', missing: ['户口本原件', '近期免冠照片两张', '委托书（代办时）'] } });
    const sheet = await openPage(browser, `${srv.url}/counter/`, { width: 900, height: 1270 });
    await sheet.evaluate((token) => localStorage.setItem('ow.counter.token', token), clerk);
    await sheet.goto(`${srv.url}/counter/notice/${t.id}?noprint`);
    await sheet.getByTestId('notice-sheet').waitFor();
    expect(await text(sheet, 'notice-number')).toBe(t.number);
    expect(await sheet.getByTestId('notice-items').locator('li').allTextContents()).toEqual(['户口本原件', '近期免冠照片两张', '委托书（代办时）']);
    const body = (await sheet.getByTestId('notice-sheet').textContent())!;
    expect(body).toContain(srv.config.hall.name);
    expect(body).toMatch(/窗口|W01/);
    expect(await sheet.getByTestId('notice-qr').getAttribute('data-value')).toContain(t.trackToken);
    await shot(sheet, 'notice-sheet');
    // On paper: one A4 page.
    await sheet.emulateMedia({ media: 'print' });
    const pdf = await sheet.pdf({ format: 'A4' });
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    expect(sheet.errors).toEqual([]);
  });
});
