import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { startTestServer, type TestServer } from '../../server/test/helper.ts';
import { shotPath } from '../../test/screenshot-check.ts';

/**
 * The screens in headless Chromium against a real server: the built display-ui, real sockets,
 * real SQLite. The caller screen plays the audio the server renders for each call (started, as
 * its kiosk launcher starts it, with sound allowed without a click); headless Chromium has no
 * voices of its own, so where that audio fails the screen runs its last fallback (chime and
 * flash). The speech queue is observed in the page as `window.__speech`.
 */
let srv: TestServer;
let browser: Browser;
let admin: string;
let kiosk: string;
const pages: Page[] = [];

interface Utterance { number: string; recall: boolean; mode?: string; times?: number; audioUrl?: string | null; startedAt?: number; endedAt?: number }
interface SpeechProbe { mode: string; queue: Utterance[]; current: Utterance | null; spoken: Utterance[]; audioFailures: number }
const speech = (p: Page) => p.evaluate(() => JSON.parse(JSON.stringify(window.__speech)) as SpeechProbe);
const utterances = (s: SpeechProbe) => [...s.spoken, ...(s.current ? [s.current] : []), ...s.queue];
const text = (p: Page, sel: string) => p.locator(sel).first().innerText();

let lastDeviceId = '';
async function pairingCode(kind: 'display' | 'window-screen', windowId?: string): Promise<string> {
  const r = await srv.api<{ id: string; pairingCode: string }>('/api/devices', { token: admin, body: { kind, name: `${kind} ${windowId ?? ''}`.trim(), ...(windowId ? { windowId } : {}) } });
  lastDeviceId = r.id;
  return r.pairingCode;
}
async function open(path: string, size: { width: number; height: number }): Promise<Page & { errors: string[] }> {
  const p = await openPage(browser, `${srv.url}${path}`, size);
  pages.push(p);
  return p;
}
const issue = (serviceId: string) => srv.api('/api/tickets', { token: kiosk, body: { serviceId } });

beforeAll(async () => {
  [srv, browser] = await Promise.all([startTestServer(), launchBrowser({ autoplay: true })]);
  admin = await srv.login();
  kiosk = await srv.device('kiosk', { kioskId: 'K1' });
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the caller screen', () => {
  let page: Page & { errors: string[] };
  let clerk: { token: string };

  it('pairs from #pair=CODE and shows the hall and the waiting counts, ready to play the server\'s voice', async () => {
    page = await open(`/display/#pair=${await pairingCode('display')}`, { width: 1920, height: 1080 });
    await page.waitForSelector('[data-test=caller]');
    expect(await page.evaluate(() => location.hash)).toBe('');
    await page.waitForFunction(() => window.__speech?.mode === 'audio');
    await page.waitForFunction(() => window.__feed?.status === 'online' && window.__feed.snapshots === 1);
    expect(await text(page, '[data-test=hall-name]')).toBe('长安区政务服务中心');
    // No technician notice: the server's voice speaks on this browser although it has no voice of its own.
    expect(await page.locator('[data-test=speech-notice]').getAttribute('data-mode')).toBe('audio');
    expect((await text(page, '[data-test=speech-notice]')).trim()).toBe('');
    await issue('biz');
    await issue('biz');
    await issue('tax');
    await page.waitForFunction(() => document.querySelector('[data-service=biz] [data-test=waiting-count]')?.textContent === '2');
    expect(await page.locator('[data-test=offline]').count()).toBe(0);
  });

  it('shows a call as it is pushed (no reload, no poll) and queues exactly one utterance for it', async () => {
    clerk = await srv.user('clerk');
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    const t0 = Date.now();
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    // How fast is bench:load's business (call → screens p99); here only that it arrives by push,
    // well inside the 15 s a polling page would take, on a machine that may be busy.
    await page.waitForFunction(() => document.querySelector('[data-test=hero-number]')?.textContent === 'A001', undefined, { timeout: 5000, polling: 20 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await text(page, '[data-test=hero-window]')).toBe('1号综合窗口');
    expect(await text(page, '[data-service=biz] [data-test=waiting-count]')).toBe('1');
    const s = await speech(page);
    expect(s.mode).toBe('audio');
    expect(utterances(s).map((u) => u.number)).toEqual(['A001']);
    expect(utterances(s)[0].audioUrl).toMatch(/^\/api\/announcements\/[0-9a-f]{24}\.wav$/);
  });

  it('queues a recall behind the call being announced, never over it', async () => {
    await srv.api('/api/windows/W01/recall', { token: clerk.token, body: {} });
    await page.waitForFunction(() => { const s = window.__speech!; return s.spoken.length + s.queue.length + (s.current ? 1 : 0) === 2; });
    const s = await speech(page);
    expect(utterances(s).map((u) => [u.number, u.recall])).toEqual([['A001', false], ['A001', true]]);
    // The first one finishes (the chime, then the server's audio played to its end twice: the
    // configured repeat) before the recall starts.
    await page.waitForFunction(() => window.__speech!.spoken.length >= 1, undefined, { timeout: 30_000 });
    const first = (await speech(page)).spoken[0];
    expect(first).toMatchObject({ number: 'A001', mode: 'audio', times: 2 });
    const seconds = await page.evaluate(async (url) => {
      const a = new Audio(url);
      await new Promise((r) => { a.onloadedmetadata = r; });
      return a.duration;
    }, first.audioUrl!);
    expect(seconds).toBeGreaterThan(2.5);
    // Chime, audio, pause, audio: played, not skipped.
    expect(first.endedAt! - first.startedAt!).toBeGreaterThan(2 * seconds * 1000);
    expect((await speech(page)).audioFailures).toBe(0);
  }, 60_000);

  it('reconnects by itself after a drop, shows an offline marker meanwhile, and resyncs from the snapshot', async () => {
    const clerk2 = await srv.user('clerk');
    await srv.api('/api/windows/W02/sign-in', { token: clerk2.token, body: {} });
    const before = await page.evaluate(() => window.__feed!.snapshots);
    srv.clock.advance(5_000);
    srv.io.disconnectSockets(true);
    // Called while the screen is offline: it only learns of it from the fresh snapshot.
    const { ticket } = await srv.api('/api/windows/W02/call-next', { token: clerk2.token, body: {} });
    await page.waitForSelector('[data-test=offline]', { timeout: 2000 });
    await page.waitForFunction((n) => document.querySelector('[data-test=hero-number]')?.textContent === n, ticket.number, { timeout: 8000 });
    await page.waitForSelector('[data-test=offline]', { state: 'detached' });
    expect(await page.evaluate(() => window.__feed!.snapshots)).toBe(before + 1);
    expect(await text(page, '[data-test=hero-window]')).toBe('2号综合窗口');
    expect(await text(page, '[data-test=recent-call]')).toContain('A001');
    // A call missed a moment ago is still announced, once.
    expect(utterances(await speech(page)).filter((u) => u.number === ticket.number)).toHaveLength(1);
    expect(page.errors.filter((e) => !/WebSocket|socket\.io|ERR_/.test(e))).toEqual([]);
  });

  it('shows the hall file\'s English window names (nameEn) and notice (noticeEn) when switched to English', async () => {
    await page.click('[data-test=locale]');
    await page.waitForFunction(() => document.querySelector('[data-test=hall-name]')?.textContent?.includes('Centre'));
    expect(await text(page, '[data-test=hall-name]')).toBe("Chang'an District Government Service Centre");
    expect(await text(page, '[data-test=hero-window]')).toBe('Window 2');
    expect(await text(page, '[data-test=recent-window]')).toBe('Window 1');
    expect(await text(page, '[data-test=notice]')).toContain('Please bring your valid ID card.');
    // A long English notice scrolls inside its line: it does not widen the screen past its 1920 px.
    expect(await page.evaluate(() => (document.querySelector('.stage') as HTMLElement).scrollWidth)).toBe(1920);
    await page.screenshot({ path: shotPath('caller-en-window-names') });
    await page.click('[data-test=locale]');
    await page.waitForFunction(() => document.querySelector('[data-test=notice]')?.textContent?.includes('温馨提示'));
    await page.waitForFunction(() => document.querySelector('[data-test=hero-window]')?.textContent === '2号综合窗口');
  });

  it('marks a green-channel call and a booked one, so a number called before earlier ones is explained', async () => {
    const guide = await srv.user('guide');
    await srv.api('/api/windows/W01/start', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/finish', { token: clerk.token, body: { outcome: 'done' } });
    const { ticket: green } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz', priority: 'green', greenReason: '75岁老人' } });
    await srv.api('/api/windows/W01/call-next', { token: clerk.token, body: {} });
    await page.waitForFunction((n) => document.querySelector('[data-test=hero-number]')?.textContent === n, green.number);
    expect(await text(page, '[data-test=hero-mark]')).toBe('绿色通道');

    const { appointment } = await srv.api('/api/appointments', { body: { serviceId: 'prop', slotStart: '2026-11-23T10:30:00.000+08:00', name: '王小明', phone: '13812345678' } });
    const { ticket: booked } = await srv.api('/api/tickets', { token: kiosk, body: { appointmentCode: appointment.code } });
    const clerk4 = await srv.user('clerk');
    await srv.api('/api/windows/W04/sign-in', { token: clerk4.token, body: {} });
    await srv.api('/api/windows/W04/call', { token: clerk4.token, body: { ticketId: booked.id } });
    await page.waitForFunction((n) => document.querySelector('[data-test=hero-number]')?.textContent === n, booked.number);
    expect(await text(page, '[data-test=hero-mark]')).toBe('预约');
    expect(await text(page, '[data-test=recent-mark]')).toBe('绿色通道');
    // A plain call carries no mark.
    expect(await page.locator('[data-test=recent-call]').nth(1).locator('[data-test=recent-mark]').count()).toBe(0);
    await page.screenshot({ path: shotPath('caller-marks') });
  });

  it('falls back to the chime and a flash when the server\'s audio cannot be fetched (headless Chromium has no voice)', async () => {
    const other = await open(`/display/#pair=${await pairingCode('display')}`, { width: 1920, height: 1080 });
    await other.route('**/api/announcements/**', (r) => r.abort('connectionfailed'));
    await other.waitForFunction(() => window.__feed?.status === 'online' && window.__speech?.mode === 'audio');
    const clerk3 = await srv.user('clerk');
    await srv.api('/api/windows/W05/sign-in', { token: clerk3.token, body: {} });
    await issue('prop');
    const { ticket } = await srv.api('/api/windows/W05/call-next', { token: clerk3.token, body: {} });
    await other.waitForFunction((n) => window.__speech!.spoken.some((u) => u.number === n), ticket.number, { timeout: 20_000 });
    const s = await speech(other);
    expect(s.spoken.find((u) => u.number === ticket.number)).toMatchObject({ mode: 'fallback', times: 2 });
    expect(s.audioFailures).toBe(1);
    expect(await other.locator('[data-test=speech-notice]').getAttribute('data-mode')).toBe('fallback');
    await other.close();
  }, 40_000);
});

describe('the window screen', () => {
  it('shows closed, idle, calling, serving and paused for its window', async () => {
    const page = await open(`/display/window/W03#pair=${await pairingCode('window-screen', 'W03')}`, { width: 1280, height: 720 });
    const state = (s: string) => page.waitForSelector(`[data-test=window-screen][data-state=${s}]`, { timeout: 2000 });
    await state('closed');
    expect(await text(page, '[data-test=window-name]')).toBe('3号综合窗口');
    const clerk = await srv.user('clerk');
    await srv.api('/api/windows/W03/sign-in', { token: clerk.token, body: {} });
    await state('idle');
    const { ticket } = await srv.api('/api/windows/W03/call-next', { token: clerk.token, body: {} });
    await state('calling');
    expect(await text(page, '[data-test=window-number]')).toBe(ticket.number);
    await srv.api('/api/windows/W03/start', { token: clerk.token, body: {} });
    await state('serving');
    expect(await text(page, '[data-test=window-number]')).toBe(ticket.number);
    await srv.api('/api/windows/W03/finish', { token: clerk.token, body: { outcome: 'done' } });
    await state('idle');
    expect(await page.locator('[data-test=window-mark]').count()).toBe(0);
    // A green-channel visitor is called and served with the reason beside the number, as on the caller screen.
    const guide = await srv.user('guide');
    const { ticket: green } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax', priority: 'green', greenReason: '残疾人' } });
    await srv.api('/api/windows/W03/call', { token: clerk.token, body: { ticketId: green.id } });
    await state('calling');
    expect(await text(page, '[data-test=window-number]')).toBe(green.number);
    expect(await text(page, '[data-test=window-mark]')).toBe('绿色通道');
    await page.screenshot({ path: shotPath('window-screen-green') });
    await srv.api('/api/windows/W03/start', { token: clerk.token, body: {} });
    await state('serving');
    expect(await text(page, '[data-test=window-mark]')).toBe('绿色通道');
    await srv.api('/api/windows/W03/finish', { token: clerk.token, body: { outcome: 'done' } });
    await state('idle');
    await srv.api('/api/windows/W03/pause', { token: clerk.token, body: { reason: '午休' } });
    await state('paused');
    expect(await text(page, '[data-test=window-reason]')).toBe('午休');
    await srv.api('/api/windows/W03/resume', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W03/sign-out', { token: clerk.token, body: {} });
    await state('closed');
    expect(page.errors).toEqual([]);

    // Unpaired in the admin console: at its next connection the screen asks to be paired again.
    await srv.api(`/api/devices/${lastDeviceId}`, { token: admin, method: 'DELETE' });
    srv.io.disconnectSockets(true);
    await page.waitForSelector('[data-test=pairing]', { timeout: 5000 });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('W03')))).toEqual([]);
  });

  it('says how to pair a window screen, and pairs when #pair=CODE is opened in the tab already showing it (issue #22)', async () => {
    // Given a window screen's page open before anyone made its code
    const page = await open('/display/window/W08', { width: 1280, height: 720 });
    await page.waitForSelector('[data-test=pairing]');
    // Then it says where to add it and which window to bind it to
    const help = await text(page, '[data-test=pairing-help]');
    expect(help).toContain('窗口屏');
    expect(help).toContain('W08');
    expect(help).toContain('/display/window/W08#pair=');
    await page.screenshot({ path: shotPath('window-screen-pairing') });
    // When its code is opened in that same tab (no reload)
    const code = await pairingCode('window-screen', 'W08');
    await page.evaluate((c) => { location.hash = `#pair=${c}`; }, code);
    // Then it pairs, and the code leaves the address
    await page.waitForSelector('[data-test=window-screen]', { timeout: 5000 });
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(page.errors).toEqual([]);
  });

  it('asks for a pairing code when it has none, and refuses a code of another kind', async () => {
    const page = await open('/display/window/W04', { width: 1280, height: 720 });
    await page.waitForSelector('[data-test=pairing]');
    await page.fill('[data-test=pair-code]', await pairingCode('display'));
    await page.click('[data-test=pairing] button[type=submit]');
    await page.waitForSelector('[data-test=pair-error]');
    expect(await text(page, '[data-test=pair-error]')).toContain('display');
  });
});

describe('the supervisors\' wall', () => {
  let page: Page & { errors: string[] };

  it('signs in a supervisor and shows queues, windows and today\'s charts', async () => {
    await srv.user('supervisor', 'wall');
    page = await open('/display/supervisor/', { width: 1920, height: 1080 });
    await page.fill('[data-test=username]', 'wall');
    await page.fill('[data-test=password]', 'password-123');
    await page.click('[data-test=signin-submit]');
    await page.waitForSelector('[data-test=wall]');
    await page.waitForSelector('[data-test=chart-flow] canvas');
    await page.waitForSelector('[data-test=chart-wait] canvas');
    expect(await page.getAttribute('[data-window=W01]', 'data-phase')).toBe('calling');
    expect(await page.getAttribute('[data-window=W12]', 'data-phase')).toBe('closed');
    // The window's figure under the terminal's word for it: 接待 (issue #22), the engine's count.
    expect(await text(page, '[data-window=W01] .meta')).toContain(`接待 ${srv.ctx.hall.state.windows.get('W01')!.servedCount}`);
    expect(await page.locator('[data-test=nav-admin]').count()).toBe(0);
  });

  it('names the windows in English (nameEn) on the English wall', async () => {
    expect(await text(page, '[data-window=W01] [data-test=win-name]')).toBe('1号综合窗口');
    await page.click('[data-test=locale]');
    await page.waitForFunction(() => document.querySelector('[data-window=W09] [data-test=win-name]')?.textContent === 'Window 9 (permits)');
    expect(await text(page, '[data-window=W01] [data-test=win-name]')).toBe('Window 1');
    await page.click('[data-test=locale]');
    await page.waitForFunction(() => document.querySelector('[data-window=W01] [data-test=win-name]')?.textContent === '1号综合窗口');
  });

  it('updates live: a new ticket shows without reloading, and the charts refresh', async () => {
    const before = Number(await text(page, '[data-test=kpi-waiting]'));
    const arrivals: number[] = [];
    page.on('response', async (r) => {
      if (!r.url().endsWith('/api/stats/today') || !r.ok()) return;
      const s = (await r.json()) as { buckets: { arrivals: number }[] };
      arrivals.push(s.buckets.reduce((n, b) => n + b.arrivals, 0));
    });
    await issue('pickup');
    await page.waitForFunction((n) => Number(document.querySelector('[data-test=kpi-waiting]')?.textContent) === n, before + 1);
    // The chart data is fetched again (throttled) after the socket event, not on a reload.
    await expect.poll(() => arrivals.at(-1), { timeout: 8000 }).toBe(8); // every ticket issued in this file so far
  });

  it('shows a wait alert once a ticket passes its target, and acknowledges it', async () => {
    // pickup's target is 10 minutes; the ticket above has now waited 10 min 30 s
    srv.clock.advance(630_000);
    srv.ctx.alerts.checkWaits();
    const alert = page.locator('[data-test=alert][data-kind=wait-over-target]');
    await alert.first().waitFor({ timeout: 2000 });
    expect(await alert.first().innerText()).toContain('综合出件');
    expect(await page.getAttribute('[data-service=pickup]', 'data-level')).toBe('over');
    await alert.first().locator('[data-test=ack]').click();
    await alert.first().waitFor({ state: 'detached', timeout: 2000 });
    const open = await srv.api<{ alerts: unknown[] }>('/api/alerts', { token: admin });
    expect(open.alerts).toEqual([]);
    expect(page.errors).toEqual([]);
  });
});
