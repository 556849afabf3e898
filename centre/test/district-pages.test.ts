import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { buildCentreApp, DEFAULT_PAGES } from '../src/app.ts';
import { createContext, type CentreContext } from '../src/context.ts';
import { syntheticDay } from '../src/testing/synthetic-day.ts';
import { freshDatabase } from './db.ts';

/**
 * The district's pages in Chromium against a real centre on PostgreSQL, 1 + 16 + 30 halls with a
 * day behind each: the wall at 1920×1080 (trouble first, live, one hall opened), the reports,
 * the public waits. ONEWINDOW_SCREENSHOTS=1 writes the pictures into docs/images.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const shot = (name: string) => (process.env.ONEWINDOW_SCREENSHOTS === '1' ? `${ROOT}docs/images/${name}.png` : `/tmp/ow-${name}.png`);
let db: Awaited<ReturnType<typeof freshDatabase>>;
let ctx: CentreContext;
let app: FastifyInstance;
let base: string;
let browser: Browser;
const NOW = Date.now();
const DAY = new Date(NOW + 8 * 3_600_000).toISOString().slice(0, 10);
const STREETS = ['长安', '曲江', '大雁塔', '小寨', '电子城', '等驾坡', '鱼化寨', '丈八沟', '漳浒寨', '三桥', '六村堡', '未央宫', '汉城', '张家堡', '草滩', '谭家'];

beforeAll(async () => {
  execFileSync(process.execPath, [`${ROOT}scripts/build-district-if-stale.mjs`], { stdio: 'inherit' });
  mkdirSync(`${ROOT}docs/images`, { recursive: true });
  db = await freshDatabase();
  ctx = createContext(db.pool);
  await ctx.auth.ensureAdmin('district-pw-1');
  const halls: { id: string; name: string; level: 'centre' | 'street' | 'community'; parentId: string | null }[] = [
    { id: 'qzx', name: '雁塔区政务服务中心', level: 'centre', parentId: null },
    ...STREETS.map((s, i) => ({ id: `jd${String(i + 1).padStart(2, '0')}`, name: `${s}街道便民服务中心`, level: 'street' as const, parentId: 'qzx' })),
    ...Array.from({ length: 30 }, (_, i) => ({ id: `sq${String(i + 1).padStart(2, '0')}`, name: `${STREETS[i % 16]}${['东', '西', '南', '北', '中'][i % 5]}社区`, level: 'community' as const, parentId: `jd${String((i % 16) + 1).padStart(2, '0')}` })),
  ];
  for (const [i, h] of halls.entries()) {
    await ctx.halls.register({ ...h, regionCode: '610113' }, 'test');
    const visits = h.level === 'centre' ? 900 : h.level === 'street' ? 160 + i * 7 : 25 + (i % 9) * 4;
    const windows = h.level === 'community' ? 2 : h.level === 'street' ? 6 : 20;
    // A day that began eight hours ago; calls of the last twelve minutes have not happened yet, so those visitors still wait.
    const cut = NOW - 12 * 60_000;
    const log = syntheticDay({ day: DAY, visits, seed: i + 1, windows, startAt: NOW - 8 * 3_600_000 })
      .filter((e) => (e.type === 'ticket.issued' ? e.at <= NOW : e.at <= cut)).map((e, k) => ({ ...e, seq: k + 1 }));
    if (h.id === 'qzx') {
      // The centre's own supervisor called back its first bad review at the hall: the district sees it.
      const bad = log.find((e) => e.type === 'evaluation.recorded' && Number(e.data.score) <= 2)!;
      const data = { type: 'follow-up.recorded', at: NOW - 300_000, ticketId: bad.ticketId, windowId: bad.windowId, status: 'called-back', note: '已电话致歉，约定补办', by: '王主任' };
      log.push({ seq: log.length + 1, day: DAY, at: data.at, type: data.type, ticketId: bad.ticketId, windowId: bad.windowId, actor: 'user:u7', data });
    }
    if (h.id === 'jd05') log.push({ seq: log.length + 1, day: DAY, at: NOW - 600_000, type: 'printer.status', ticketId: null, windowId: null, actor: 'system', data: { type: 'printer.status', at: NOW - 600_000, printer: { kioskId: 'K1', state: 'paper-out', at: '' } } });
    await ctx.ingest.ingest(h.id, log);
    const strict = ['jd03', 'jd11', 'sq07'].includes(h.id);
    await ctx.ingest.heartbeat(h.id, {
      at: NOW, day: DAY, localSeq: log.length + (h.id === 'jd14' ? 800 : 0), open: true, timezone: 'Asia/Shanghai', catalogueVersion: i % 3 ? 2 : 1,
      services: ['biz', 'tax', 'prop', 'social'].map((s, k) => ({ id: s, name: ['企业开办', '税务办理', '不动产登记', '社保医保'][k], nameEn: ['Business', 'Tax', 'Real estate', 'Social insurance'][k],
        targetWaitSec: strict ? 480 : 1800, waiting: 2, longestWaitSec: 100, estimatedWaitSec: 300 + i * 20, openWindows: 2 })),
      windows: Array.from({ length: windows }, (_, k) => ({ id: `W${String(k + 1).padStart(2, '0')}`, name: `${k + 1}号窗口`, skills: ['biz', 'tax'] })),
    }, h.name);
  }
  // One street went quiet twelve minutes ago, one community has never connected.
  await db.pool.query(`UPDATE hall_heartbeats SET received_at = now() - interval '12 minutes' WHERE hall_id = 'jd08'`);
  await db.pool.query(`DELETE FROM hall_heartbeats WHERE hall_id = 'sq30'`);
  await ctx.warm();
  app = await buildCentreApp({ ctx, pagesDir: DEFAULT_PAGES });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.drop();
});

describe('the district wall', () => {
  it('shows every hall by level on one 1920×1080 screen, trouble first, live, and opens one hall', async () => {
    const page = await openPage(browser, `${base}/district/`, { width: 1920, height: 1080 });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'district-pw-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-hall="sq30"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-hall]').length === 47);
    await page.screenshot({ path: shot('district-wall') });
    const order = await page.$$eval('.trouble li b', (els) => els.map((e) => e.textContent));
    // The critical ones (offline for 12 min, a printer out, waits past twice the target) before the warnings.
    const levels = await page.$$eval('.trouble li', (els) => els.map((e) => e.className));
    expect(levels.indexOf('warning')).toBeGreaterThan(levels.lastIndexOf('critical'));
    expect(order).toEqual(expect.arrayContaining(['丈八沟街道便民服务中心', '电子城街道便民服务中心', '张家堡街道便民服务中心']));
    expect(await page.textContent('.kpis')).toContain('47');
    expect(await page.isVisible('text=离线 12 分钟')).toBe(true);

    // Live: a quiet community's printer runs out of paper, and it joins the list without a reload.
    const before = await page.$$eval('.trouble li', (els) => els.length);
    const next = (await ctx.events.after('sq12', 0, 100_000)).length + 1;
    await ctx.ingest.ingest('sq12', [{ seq: next, day: DAY, at: Date.now(), type: 'printer.status', ticketId: null, windowId: null, actor: 'system',
      data: { type: 'printer.status', at: Date.now(), printer: { kioskId: 'K1', state: 'paper-out', at: '' } } }]);
    const hb = ctx.ingest.live.get('sq12')!;
    await ctx.ingest.heartbeat('sq12', { ...hb.hb, at: Date.now(), localSeq: next }, hb.name);
    await page.waitForFunction((n) => document.querySelectorAll('.trouble li').length > n, before, { timeout: 10_000 });
    expect(await page.$eval('[data-hall="sq12"]', (e) => e.className)).toContain('critical');

    await page.click('[data-hall="qzx"]');
    await page.waitForSelector('.drawer table tbody tr');
    expect(await page.textContent('.drawer h2')).toBe('雁塔区政务服务中心');
    expect(await page.$$eval('.drawer .win', (els) => els.length)).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: shot('district-hall') });
    await page.click('.drawer .close');

    await page.click('.lang button:has-text("EN")');
    await page.waitForSelector('text=Street centres');
    expect(await page.textContent('.band h1')).toContain('District Government Service Centre');
    await page.screenshot({ path: shot('district-wall-en') });
    expect(page.errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('reports across halls, the follow-ups, and the public waits', async () => {
    const page = await openPage(browser, `${base}/district/`, { width: 1600, height: 1000 });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'district-pw-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-hall]');
    await page.goto(`${base}/district/reports/?from=${DAY}&to=${DAY}`);
    await page.waitForSelector('tr.total');
    const rows = await page.$$eval('section:first-of-type table tbody tr', (els) => els.length);
    expect(rows).toBe(48); // the total and 47 halls
    await page.screenshot({ path: shot('district-reports'), fullPage: false });
    await page.click('.tabs button:nth-child(3)');
    await page.waitForSelector('text=回访 1 个工作日');
    expect(await page.$$eval('tbody tr', (els) => els.length)).toBeGreaterThan(10);
    expect(await page.$$eval('[data-test=fu-last]', (els) => els.map((e) => e.textContent))).toEqual(['大厅 · 王主任：已电话致歉，约定补办']);
    await page.screenshot({ path: shot('district-follow-ups') });
    await page.click('.tabs button:nth-child(2)');
    await page.waitForSelector('text=雁塔区政务服务中心');

    // The admin registers a new community station from the page and sees its key once.
    await page.click('.tabs button:nth-child(5)');
    await page.fill('input[name=hall-id]', 'sq31');
    await page.fill('input[name=hall-name]', '新建社区便民服务站');
    await page.selectOption('select[name=hall-level]', 'community');
    await page.click('text=登记大厅');
    const key = await page.locator('[data-test=hall-key] code').textContent();
    expect(key).toMatch(/^sq31\./);
    expect(await ctx.halls.authenticate(key!, 'sq31').then(() => 'ok')).toBe('ok');
    await page.waitForSelector('td:has-text("新建社区便民服务站")');
    await page.screenshot({ path: shot('district-admin') });

    const pub = await openPage(browser, `${base}/district/waits/`, { width: 1280, height: 900 });
    await pub.waitForSelector('.hall ul li');
    expect(await pub.isVisible('text=暂时无法获取')).toBe(true); // the offline ones say so
    await pub.screenshot({ path: shot('district-waits') });
    expect([...page.errors, ...pub.errors]).toEqual([]);
  }, 60_000);
});
