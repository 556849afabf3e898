// The counter terminal and the evaluator pad in headless Chromium against a real server.
// ONEWINDOW_SCREENSHOTS=1 also writes the README's pictures to docs/images/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';

const TERMINAL = { width: 1920, height: 1080 };
const PAD = { width: 1280, height: 800 };
const MIN = 60_000;

let srv: TestServer;
let browser: Browser;
let admin: string;
let guide: string;
let clerkId: string;
let counter: Page & { errors: string[] };
let pad: Page & { errors: string[] };
/** The first ticket the window called (routing decides: the green channel goes first). */
let first = '';

beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchBrowser();
  admin = await srv.login();
  const u = await srv.api('/api/users', { token: admin, body: { username: 'zhangmin', password: 'password-123', name: '张敏', role: 'clerk', windows: ['W01', 'W02', 'W03'] } });
  clerkId = u.id;
  guide = (await srv.user('guide')).token;
  // The morning queue: W01 serves biz, tax and pickup; prop is for other windows.
  for (const [serviceId, priority] of [['biz'], ['tax'], ['biz'], ['prop'], ['pickup'], ['biz', 'green'], ['tax'], ['biz']] as [string, string?][]) {
    await srv.api('/api/tickets', { token: guide, body: { serviceId, ...(priority ? { priority } : {}) } });
    srv.clock.advance(3 * MIN);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** A screenshot checked (fits its screen, not blank); into docs/images/ with ONEWINDOW_SCREENSHOTS=1. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // fonts, images and the last feed message settle
  const s = await checkedShot(page, name);
  expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
  expect(s.colours).toBeGreaterThan(20);
  expect(s.ink).toBeGreaterThan(0.05);
}

const W01 = () => srv.ctx.hall.state.windows.get('W01')!;
const number = (id: string | null) => (id ? srv.ctx.hall.state.tickets.get(id)!.number : null);
const byNumber = (n: string) => [...srv.ctx.hall.state.tickets.values()].find((t) => t.number === n)!;
const waitingFor = (serviceId: string) => [...srv.ctx.hall.state.tickets.values()]
  .filter((t) => t.steps.at(-1)!.status === 'waiting' && t.steps.at(-1)!.serviceId === serviceId).length;
/** Confirms the open dialog with Enter and waits until it has closed (the next key goes to the terminal). */
async function confirmDialog(): Promise<void> {
  await counter.keyboard.press('Enter');
  await counter.getByTestId('dialog').waitFor({ state: 'detached' });
}
/** Starts service with S and waits until the terminal shows it. */
async function start(): Promise<void> {
  await counter.keyboard.press('s');
  await expect.poll(() => text(counter, 'phase')).toBe('办理中');
}
/** Calls the next with F1 (or Space); the terminal shows whatever routing chose. */
async function callNext(key = 'F1'): Promise<string> {
  await counter.keyboard.press(key);
  await expect.poll(() => W01().currentTicketId).not.toBeNull();
  const n = number(W01().currentTicketId)!;
  await expect.poll(() => text(counter, 'current-number')).toBe(n);
  return n;
}
const text = (p: Page, id: string) => p.getByTestId(id).textContent();

describe('the counter terminal', () => {
  it('signs in, offers only the clerk\'s windows, and takes one', async () => {
    counter = await openPage(browser, `${srv.url}/counter/`, TERMINAL);
    counter.setDefaultTimeout(8000); // a step that cannot happen fails here, not at the test's timeout
    await counter.locator('input[name=username]').fill('zhangmin');
    await counter.locator('input[name=password]').fill('wrong-password');
    await counter.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => counter.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await counter.locator('input[name=password]').fill('password-123');
    await counter.getByRole('button', { name: '登录' }).click();
    await counter.locator('[data-window]').first().waitFor();
    expect(await counter.locator('[data-window]').evaluateAll((els) => els.map((e) => e.getAttribute('data-window')))).toEqual(['W01', 'W02', 'W03']);
    // A closed window is not "空闲" (that is a staffed window with nobody at it): issue #22
    expect(await counter.locator('[data-window=W01] .state').innerText()).toBe('未开窗 · 可签到');
    await shot(counter, 'counter-picker');
    await counter.locator('[data-window=W01]').click();
    await counter.getByTestId('terminal').waitFor();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');
    expect(W01().clerkId).toBe(clerkId);
    expect(await counter.getByTestId('window-name').textContent()).toBe('1号综合窗口');
    // 签退 asks first (issue #22): dismissed, the clerk stays; accepted, the window closes
    const asked: string[] = [];
    counter.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
    await counter.getByRole('button', { name: '签退' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('1号综合窗口');
    expect(W01().clerkId).toBe(clerkId);
    counter.once('dialog', (d) => { void d.accept(); });
    await counter.getByRole('button', { name: '签退' }).click();
    await expect.poll(() => W01().status).toBe('closed');
    await counter.locator('[data-window=W01]').click();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');
  });

  it('calls the next visitor by keyboard, starts, and keeps the ticket over a reload and a dropped connection', async () => {
    first = await callNext();
    expect(first).toBe('A003'); // the green-channel ticket
    srv.clock.advance(MIN);
    await counter.keyboard.press('s');
    await expect.poll(() => text(counter, 'phase')).toBe('办理中');
    srv.clock.advance(4 * MIN);

    await counter.reload();
    await expect.poll(() => text(counter, 'current-number')).toBe(first);
    expect(await text(counter, 'phase')).toBe('办理中');

    // A dropped connection: the banner says so, the ticket stays, and it all syncs again.
    await counter.context().setOffline(true);
    await counter.getByTestId('offline').waitFor();
    expect(await text(counter, 'current-number')).toBe(first);
    await counter.context().setOffline(false);
    await counter.getByTestId('offline').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await text(counter, 'current-number')).toBe(first);
    await expect.poll(() => counter.getByTestId('waiting').locator('[data-service=biz] .count').textContent()).toBe(String(waitingFor('biz')));
  });

  it('finishes with 一次性告知, the missing documents listed', async () => {
    const padCode = (await srv.api('/api/devices', { token: admin, body: { kind: 'pad', name: '1号窗口评价器', windowId: 'W01' } })).pairingCode;
    pad = await openPage(browser, `${srv.url}/counter/pad/#pair=${padCode}`, PAD);
    pad.setDefaultTimeout(8000);
    await pad.getByTestId('pad-idle').waitFor();
    expect(pad.url()).not.toContain('pair=');
    await expect.poll(() => text(pad, 'pad-window')).toBe('1号综合窗口');
    await expect.poll(() => text(pad, 'pad-clerk')).toContain('张敏');
    await shot(pad, 'pad-idle');

    await counter.keyboard.press('f');
    await counter.getByTestId('dialog').waitFor();
    await counter.keyboard.press('2');
    await counter.locator('textarea[name=missing]').fill('营业执照复印件\n股东会决议原件');
    await counter.locator('input[name=note]').fill('已告知补齐后可预约');
    await shot(counter, 'counter-finish-dialog');
    const opened = counter.context().waitForEvent('page');
    await counter.getByTestId('confirm').click();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');
    expect(byNumber(first).steps[0]).toMatchObject({ status: 'done', outcome: 'incomplete', note: '缺：营业执照复印件；股东会决议原件。已告知补齐后可预约' });
    // The 一次性告知书 opens beside the terminal, ready to print, with the list as typed.
    const sheet = await opened;
    await sheet.waitForURL(/\/counter\/notice\//);
    await sheet.getByTestId('notice-items').waitFor();
    expect(await sheet.getByTestId('notice-items').locator('li').allTextContents()).toEqual(['营业执照复印件', '股东会决议原件']);
    await sheet.close();
  });

  it('the pad asks, takes a bad review with reasons, and thanks', async () => {
    await pad.getByTestId('pad-rating').waitFor();
    expect(await text(pad, 'pad-ticket')).toContain(first);
    await pad.locator('[data-score="2"]').click();
    await pad.locator('[data-reason=unclear]').click();
    await pad.locator('[data-reason=repeat]').click();
    await pad.locator('[data-aspect=attitude] button').nth(3).click();
    await pad.locator('textarea[name=comment]').fill('材料清单能不能一次说全');
    await shot(pad, 'pad-rating');
    await pad.getByTestId('pad-submit').click();
    await pad.getByTestId('pad-thanks').waitFor();
    const row = srv.ctx.db.prepare("SELECT e.score, e.reasons, e.aspects, e.source, e.comment FROM evaluations e JOIN tickets t ON t.id = e.ticket_id WHERE t.number = ?").get(first);
    expect(row).toEqual({ score: 2, reasons: '["unclear","repeat"]', aspects: '{"efficiency":2,"competence":2,"attitude":4}', source: 'pad-web', comment: '材料清单能不能一次说全' });
    expect(srv.ctx.alerts.open().some((a) => a.kind === 'bad-review')).toBe(true);
    await expect.poll(() => counter.getByTestId('recent').locator(`[data-number=${first}]`).textContent()).toContain('不满意');
  });

  it('holds a visitor, serves another, resumes them and adds a second matter', async () => {
    await callNext(' ');
    srv.clock.advance(MIN);
    await start();
    srv.clock.advance(6 * MIN);
    await counter.keyboard.press('f');
    await counter.getByTestId('dialog').waitFor();
    await confirmDialog();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');

    const held = await callNext();
    srv.clock.advance(MIN);
    await start();
    srv.clock.advance(3 * MIN);
    await counter.keyboard.press('h');
    await counter.locator('input[name=note]').fill('回去取公章');
    await confirmDialog();
    await counter.locator(`[data-resume=${held}]`).waitFor();
    expect(W01().held).toHaveLength(1);

    await callNext();
    srv.clock.advance(MIN);
    await start();
    srv.clock.advance(5 * MIN);
    await counter.keyboard.press('f');
    await confirmDialog();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');

    srv.clock.advance(2 * MIN);
    await counter.locator(`[data-resume=${held}]`).click();
    await expect.poll(() => text(counter, 'current-number')).toBe(held);
    await start();
    srv.clock.advance(4 * MIN);
    await counter.keyboard.press('m');
    const first = byNumber(held).steps[0].serviceId;
    const second = first === 'pickup' ? 'tax' : 'pickup';
    await counter.locator('select[name=service]').selectOption(second);
    await confirmDialog();
    await expect.poll(() => counter.getByTestId('history').textContent()).toContain('办结');
    srv.clock.advance(MIN);
    await start();
    await expect.poll(() => text(counter, 'phase')).toBe('办理中');
    expect(byNumber(held).steps.map((x) => `${x.serviceId}:${x.status}`)).toEqual([`${first}:done`, `${second}:serving`]);

    // The timeline tells the visit from the log: the hold and the second matter included.
    await expect.poll(() => counter.getByTestId('timeline').textContent()).toContain('回去取公章');
    expect(await counter.getByTestId('timeline').textContent()).toContain('挂起');
    srv.clock.advance(2 * MIN);
    await counter.reload(); // the terminal's clock follows the hall's (moved by hand in this test)
    await expect.poll(() => text(counter, 'current-number')).toBe(held);
    // 办结 and 一次性告知 counted apart: the visitor sent home for documents is not "done".
    await expect.poll(() => counter.getByTestId('served').textContent()).toBe('3');
    expect(await counter.getByTestId('incomplete').textContent()).toBe('1');
    // One figure, one name (issue #22): 接待 is the wall's per-window figure (done, 一次性告知 and
    // transferred alike); 办结 is the completed ones, a different word for a different figure.
    expect(await counter.getByTestId('served-label').textContent()).toBe('办结');
    expect(await counter.getByTestId('seen').textContent()).toBe(String(W01().servedCount));
    expect(W01().servedCount).toBe(4);
    await shot(counter, 'counter-terminal');
  });

  it('explains refusals, flags a service time, transfers, pauses and resumes', async () => {
    await expect.poll(() => counter.getByTestId('recent').locator('tr').count()).toBeGreaterThan(2);
    await counter.keyboard.press('g');
    await counter.locator('select[name=ticket]').selectOption({ index: 1 });
    await counter.locator('input[name=note]').fill('系统卡顿，实际办理时间更短');
    await confirmDialog();
    await expect.poll(() => counter.getByTestId('recent').locator('.flagged').count()).toBe(1);
    expect(srv.ctx.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket.flagged'").get()).toEqual({ n: 1 });

    await counter.keyboard.press('f');
    await confirmDialog();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');
    await counter.keyboard.press('c');
    await counter.locator('input[name=number]').fill('z999');
    await counter.keyboard.press('Enter'); // refused: the dialog stays open with the reason shown
    await expect.poll(() => text(counter, 'notice')).toBe('今天没有这个票号');
    await counter.keyboard.press('Escape');
    await counter.getByTestId('dialog').waitFor({ state: 'detached' });

    // Transfer to another matter, at the end of its queue, with a note.
    const moved = await callNext();
    await counter.keyboard.press('t');
    await counter.locator('select[name=service]').selectOption('prop');
    await counter.getByRole('button', { name: '排在末尾' }).click();
    await counter.locator('input[name=note]').fill('需先办不动产登记');
    // No open window here serves 不动产登记: the dialog warns and wants it acknowledged (ready.test.ts tests the warning).
    await counter.getByTestId('transfer-confirm-no-window').check();
    await confirmDialog();
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');
    expect(byNumber(moved).steps.map((x) => x.status)).toEqual(['transferred', 'waiting']);
    expect(byNumber(moved).steps[1]).toMatchObject({ serviceId: 'prop', front: false });

    // Pause with a reason, then resume with the same key.
    await counter.keyboard.press('p');
    await counter.getByRole('button', { name: '午休' }).click();
    await confirmDialog();
    await expect.poll(() => text(counter, 'phase')).toBe('暂停服务');
    expect(W01()).toMatchObject({ status: 'paused', pauseReason: '午休' });
    await counter.keyboard.press('p');
    await expect.poll(() => text(counter, 'phase')).toBe('空闲，可叫号');
    await expect.poll(() => counter.getByTestId('seen').textContent()).toBe(String(W01().servedCount));

    await counter.getByTestId('lang').click();
    await expect.poll(() => counter.locator('[data-action=call-next] .label').textContent()).toBe('Call next');
    await counter.getByTestId('lang').click();
    // The refusals above (a wrong password, an unknown number) and the simulated outage are the only failed requests.
    const unexpected = (errors: string[]) => errors.filter((e) => !/status of (401|404)|ERR_INTERNET_DISCONNECTED/.test(e));
    expect(unexpected(counter.errors)).toEqual([]);
    expect(pad.errors).toEqual([]);
  });
  it('a pad without a token asks for its code, and pairs with a typed one', async () => {
    const fresh = await openPage(browser, `${srv.url}/counter/pad/`, PAD);
    fresh.setDefaultTimeout(8000);
    await fresh.getByTestId('pairing').waitFor();
    await fresh.locator('input[name=pairingCode]').fill('00000000');
    await fresh.keyboard.press('Enter');
    await expect.poll(() => fresh.getByRole('alert').textContent()).toBe('配对码无效、已使用或已过期');
    const code = (await srv.api('/api/devices', { token: admin, body: { kind: 'pad', name: '2号窗口评价器', windowId: 'W02' } })).pairingCode;
    for (const digit of code) await fresh.getByRole('button', { name: digit, exact: true }).click();
    await fresh.getByRole('button', { name: '配对' }).click();
    await fresh.getByTestId('pad-idle').waitFor();
    await expect.poll(() => text(fresh, 'pad-window')).toBe('2号综合窗口');
    expect(await fresh.evaluate(() => localStorage.getItem('ow.pad.token'))).toMatch(/.{20,}/);

    // Its window opens, then pauses: the pad says so, not "为您服务" (issue #22), and back again.
    const clerk = await srv.user('clerk');
    await srv.api('/api/windows/W02/sign-in', { token: clerk.token, body: {} });
    await expect.poll(() => text(fresh, 'pad-clerk')).toContain('为您服务');
    await srv.api('/api/windows/W02/pause', { token: clerk.token, body: { reason: '午休' } });
    await expect.poll(() => text(fresh, 'pad-clerk')).toContain('本窗口暂停服务（午休）');
    expect(await text(fresh, 'pad-clerk')).not.toContain('为您服务');
    await shot(fresh, 'pad-paused');
    await srv.api('/api/windows/W02/resume', { token: clerk.token, body: {} });
    await expect.poll(() => text(fresh, 'pad-clerk')).toContain('为您服务');
    await fresh.context().close();
  });
});
