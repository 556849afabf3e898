// Issue 18 on the clerk terminal, in headless Chromium against a real server: a clerk who asks and
// gets nobody is told why in words, a window kept for a rare matter says so, and auto-call
// (自动叫号) shows its countdown, stops while the clerk pauses, and calls by itself.
// ONEWINDOW_SCREENSHOTS=1 writes the pictures to docs/images/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';

const TERMINAL = { width: 1920, height: 1080 };
const MIN = 60_000;
let srv: TestServer;
let browser: Browser;
let page: Page & { errors: string[] };
let guide: string;
const clerks = new Map<string, string>();

const act = (w: string, path: string, body: object = {}) => srv.api(`/api/windows/${w}/${path}`, { token: clerks.get(w)!, body });
const issue = async (serviceId: string) => (await srv.api('/api/tickets', { token: guide, body: { serviceId } })).ticket;
const text = (id: string) => page.getByTestId(id).textContent();
const W09 = () => srv.ctx.hall.state.windows.get('W09')!;
const W07 = () => srv.ctx.hall.state.windows.get('W07')!;

async function shot(name: string): Promise<void> {
  await page.waitForTimeout(400);
  const s = await checkedShot(page, name);
  expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
  expect(s.colours).toBeGreaterThan(20);
}

/**
 * Opens the terminal with the feed's first WebSocket held until `release()`, signs `username` in
 * at `windowId`, and returns once the terminal shows: its window's state has not come yet.
 */
async function joinHeld(username: string, windowId: string): Promise<{ page: Page & { errors: string[] }; release: () => void }> {
  const p = await openPage(browser, `${srv.url}/counter/`, TERMINAL);
  p.setDefaultTimeout(15_000); // a busy machine: the first load after a build is slow
  let release: (() => void) | null = null;
  await p.routeWebSocket(/socket\.io/, (ws) => {
    if (release === null) release = () => ws.connectToServer();
    else ws.connectToServer(); // reconnections go straight through
  });
  await p.reload(); // the route takes hold in documents loaded after it
  await p.locator('input[name=username]').fill(username);
  await p.locator('input[name=password]').fill('password-123');
  await p.getByRole('button', { name: '登录' }).click();
  await p.locator(`[data-window=${windowId}]`).click();
  await p.getByTestId('terminal').waitFor();
  expect(await p.getByTestId('phase').count()).toBe(0);
  return { page: p, release: () => release!() };
}

beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchBrowser();
  guide = (await srv.user('guide')).token;
  const admin = await srv.login();
  await srv.api('/api/users', { token: admin, body: { username: 'wangqiang', password: 'password-123', name: '王强', role: 'clerk', windows: ['W09'] } });
  clerks.set('W09', await srv.login('wangqiang', 'password-123'));
  for (const w of ['W01', 'W02', 'W03', 'W12']) {
    clerks.set(w, (await srv.user('clerk', `clerk-${w}`)).token);
    await act(w, 'sign-in');
  }
  // The morning so far: biz takes half an hour (W12), pickups two minutes (W01).
  for (const [w, serviceId, min] of [['W12', 'biz', 30], ['W01', 'pickup', 2]] as const) {
    for (let i = 0; i < 3; i++) {
      const t = await issue(serviceId);
      await act(w, 'call', { ticketId: t.id });
      srv.clock.advance(min * MIN);
      await act(w, 'finish', { outcome: 'done' });
    }
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the terminal of a window that asks and gets nobody', () => {
  it('signs in at W09 (工程建设审批 and 企业开办) and, asking with nothing waiting, says why in words', async () => {
    // F1 while the terminal is still joining the hall (no state of its window yet): it must be
    // kept until the state comes, not lost.
    const joined = await joinHeld('wangqiang', 'W09');
    page = joined.page;
    await page.keyboard.press('F1');
    await page.waitForTimeout(300);
    expect(W09().readySince).toBeNull(); // kept, not yet asked
    joined.release();
    await expect.poll(() => page.getByTestId('idle').getAttribute('data-reason'), { timeout: 8000 }).toBe('nothing-waiting');
    expect(await text('idle-reason')).toBe('没有本窗口可办理的等候群众');
    expect(await text('idle')).toContain('已请求叫号，正在等候');
    await expect.poll(() => text('notice')).toBe('没有本窗口可办理的等候群众');
    // Asked: the next permit visitor comes to this window by itself.
    const permit = await issue('permit');
    await expect.poll(() => text('current-number')).toBe(permit.number);
    srv.clock.advance(20 * MIN);
    await page.keyboard.press('f');
    await page.getByTestId('dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
  }, 60_000);

  it('kept ready for the rare matter while W12 takes the long business matter, it says so; the hold ends when no other window can take the next one', async () => {
    await act('W12', 'pause', { reason: '休息' });
    await act('W12', 'resume');
    await act('W12', 'auto-call', { afterSec: 60 });
    const biz1 = await issue('biz');
    srv.clock.advance(61_000);
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByTestId('idle').getAttribute('data-reason')).toBe('kept-for-rare');
    expect(await text('idle')).toContain('本窗口暂留给少数窗口能办的事项');
    expect(await text('idle-reason')).toBe('本窗口留给少数窗口能办的事项，等候的群众由其他窗口叫号');
    expect(srv.ctx.hall.state.windows.get('W12')!.currentTicketId).toBe(biz1.id);
    await shot('counter-kept-for-rare');
    // English too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => text('idle-reason')).toBe('Kept ready for a rare matter; other windows call those waiting');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => text('idle-reason')).toContain('本窗口留给');

    const biz2 = await issue('biz');
    await expect.poll(() => text('current-number')).toBe(biz2.number);
    expect(W09().currentTicketId).toBe(biz2.id);
  });

  it('with auto-call on, counts down after a finish, stops while paused, and calls by itself', async () => {
    await page.getByTestId('auto-call-seconds').selectOption('30');
    await page.getByTestId('auto-call-switch').check({ force: true });
    await expect.poll(() => W09().autoCallSec).toBe(30);
    await expect.poll(() => text('notice')).toBe('自动叫号已开启（30 秒）');
    await page.keyboard.press('s');
    srv.clock.advance(25 * MIN);
    const next = await issue('biz');
    await page.keyboard.press('f');
    await page.getByTestId('dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
    // The countdown runs on the hall's clock: 30 s, then less.
    await expect.poll(async () => Number(/(\d+) 秒后自动呼叫下一位/.exec((await text('auto-call-countdown')) ?? '')?.[1])).toBeLessThanOrEqual(30);
    expect(W09().currentTicketId).toBeNull();
    await shot('counter-auto-call');

    // The clerk pauses: no countdown, nobody called.
    await page.getByTestId('auto-call-pause').click();
    await page.getByTestId('dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => W09().status).toBe('paused');
    await page.getByTestId('auto-call-countdown').waitFor({ state: 'detached' });
    expect(await text('auto-call')).toContain('窗口暂停中，恢复服务后继续自动叫号');
    srv.clock.advance(2 * MIN);
    srv.ctx.queue.dispatchDue();
    expect(W09().currentTicketId).toBeNull();

    // Back from the pause: counting down again, and at its end the next visitor is called here.
    await page.keyboard.press('p');
    await expect.poll(() => W09().status).toBe('open');
    await page.getByTestId('auto-call-countdown').waitFor();
    srv.clock.advance(30_000);
    srv.ctx.queue.dispatchDue();
    await expect.poll(() => text('current-number')).toBe(next.number);
    expect(page.errors).toEqual([]);
  });

  it('warns before a transfer into a matter no open window serves, and transfers only once the clerk confirms', async () => {
    // 社保医保: W03 and W12 are the open windows able to; both pause.
    for (const w of ['W03', 'W12']) await act(w, 'pause', { reason: '开会' });
    const moving = W09().currentTicketId;
    await page.keyboard.press('t');
    await page.getByTestId('dialog').waitFor();
    await page.locator('select[name=service]').selectOption('social');
    await page.getByTestId('transfer-no-window').waitFor();
    expect(await text('transfer-no-window')).toContain('目前没有开放的窗口可以办理“社保医保”');
    expect(await page.getByTestId('confirm').isDisabled()).toBe(true);
    await shot('counter-transfer-no-window');
    await page.getByTestId('transfer-confirm-no-window').check();
    expect(await page.getByTestId('confirm').isDisabled()).toBe(false);
    await page.getByTestId('confirm').click();
    await page.getByTestId('dialog').waitFor({ state: 'detached' });
    const t = srv.ctx.hall.state.tickets.get(moving!)!;
    expect(t.steps.at(-1)).toMatchObject({ serviceId: 'social', status: 'waiting' });
    expect(page.errors).toEqual([]);
  });

  it('says in words when a key pressed while joining the hall finds no state of the window within 5 s, and takes the next key once it comes', async () => {
    const admin = await srv.login();
    await srv.api('/api/users', { token: admin, body: { username: 'zhaomin', password: 'password-123', name: '赵敏', role: 'clerk', windows: ['W07'] } });
    const { page: late, release } = await joinHeld('zhaomin', 'W07');
    await late.keyboard.press('F1');
    await expect.poll(() => late.getByTestId('notice').textContent(), { timeout: 8000 }).toBe('正在连接大厅，尚未收到本窗口的状态，请稍候再按。');
    expect(W07().readySince).toBeNull(); // nothing was asked
    // Joining is not a connection lost: the banner and the top bar say which it is.
    expect(await late.getByTestId('offline').textContent()).toContain('正在连接大厅');
    expect(await late.locator('.conn').textContent()).toContain('连接中');
    await late.waitForTimeout(400);
    const s = await checkedShot(late, 'counter-joining');
    expect({ x: s.overflowX, y: s.overflowY }).toEqual({ x: 0, y: 0 });
    release();
    await late.getByTestId('phase').waitFor();
    // The visitor moved to 社保医保 in the test before waits, and W07 can serve it: F1 calls them.
    await late.keyboard.press('F1');
    await expect.poll(() => W07().currentTicketId, { timeout: 8000 }).not.toBeNull();
    await expect.poll(() => late.getByTestId('current-number').textContent()).toBe(srv.ctx.hall.state.tickets.get(W07().currentTicketId!)!.number);
    expect(late.errors).toEqual([]);
    await late.context().close();
  }, 60_000);
});
