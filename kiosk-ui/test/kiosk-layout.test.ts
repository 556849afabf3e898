// The kiosk's menu on its real screens, in every mode and language, with the default hall and with
// a hall of many services: every service button is on screen without scrolling, or the page says
// plainly that there is more (and the hint leads to it); touch targets stay large, larger still in
// elderly mode. Issue #22: 长辈模式 pushed 综合出件 below a portrait screen with no sign of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import { launchBrowser, openPage } from '../../server/test/browser.ts';
import { checkedShot } from '../../test/screenshot-check.ts';
import { DEFAULT_CONFIG, startTestServer, type TestServer } from '../../server/test/helper.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
/** Touch targets, CSS px: the smallest side of a button a finger must hit. */
const MIN_TARGET = { normal: 60, elderly: 80 };

/** A hall of many services with long English names: more than any screen shows at once in elderly mode. */
function manyServices(): HallConfig {
  const c = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  const extra = [
    ['car', '机动车登记', 'Motor vehicle registration', '交通出行'], ['licence', '驾驶证业务', 'Driving licences', '交通出行'],
    ['hukou', '户籍办理', 'Household registration', '公安服务'], ['passport', '出入境证件', 'Passports and travel permits', '公安服务'],
    ['marriage', '婚姻登记', 'Marriage registration', '民政服务'], ['pension', '养老保险', 'Old-age pension insurance', '个人服务'],
    ['medical', '医保报销', 'Medical insurance reimbursement', '个人服务'], ['water', '水电气报装', 'Water, power and gas connections', '公共事业'],
    ['tel', '通信报装', 'Telephone and broadband', '公共事业'], ['legal', '法律援助', 'Legal aid', '民政服务'],
    ['disab', '残疾人服务', 'Disability services', '民政服务'],
  ];
  const prefixes = 'HJKLMNPQRST';
  extra.forEach(([id, name, nameEn, category], i) => c.services.push({ id, name, nameEn, category, prefix: prefixes[i], targetWaitSec: 900 }));
  c.windows[11].skills.push(...extra.map(([id]) => id));
  return c;
}

interface Layout {
  services: { id: string; w: number; h: number; visible: boolean }[];
  /** the "more below" hint: shown (in view, not covered), its text */
  more: { shown: boolean; text: string };
  nameFont: number;
  targets: { id: string; w: number; h: number }[];
}

/** Where every service button is, whether a visitor sees it whole, and the hint. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const clipOf = (el: Element) => {
      let r = { top: 0, bottom: innerHeight, left: 0, right: innerWidth };
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowY === 'visible' && s.overflowX === 'visible') continue;
        const b = p.getBoundingClientRect();
        r = { top: Math.max(r.top, b.top), bottom: Math.min(r.bottom, b.bottom), left: Math.max(r.left, b.left), right: Math.min(r.right, b.right) };
      }
      return r;
    };
    const seen = (el: Element) => {
      const b = el.getBoundingClientRect();
      const c = clipOf(el);
      if (b.width === 0 || b.top < c.top - 1 || b.bottom > c.bottom + 1 || b.left < c.left - 1 || b.right > c.right + 1) return false;
      // Not hidden under something else (the hint itself, a banner).
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      return hit !== null && (el === hit || el.contains(hit));
    };
    const services = [...document.querySelectorAll('[data-testid^="service-"]')].map((e) => {
      const b = e.getBoundingClientRect();
      return { id: e.getAttribute('data-testid')!.slice(8), w: b.width, h: b.height, visible: seen(e) };
    });
    const hint = document.querySelector('[data-testid="more-below"]');
    const targets = [...document.querySelectorAll('.kiosk button')].filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => {
      const b = e.getBoundingClientRect();
      return { id: e.getAttribute('data-testid') ?? e.className, w: b.width, h: b.height };
    });
    const name = document.querySelector('[data-testid^="service-"] .name');
    return {
      services, targets,
      more: { shown: hint !== null && seen(hint), text: hint?.textContent?.trim() ?? '' },
      nameFont: name ? parseFloat(getComputedStyle(name).fontSize) : 0,
    };
  });
}

/** Every service seen whole at some point: at once, or by following the hint down. */
async function everyServiceReachable(page: Page, label: string): Promise<{ scrolled: boolean }> {
  let m = await measure(page);
  const hidden = () => m.services.filter((s) => !s.visible).map((s) => s.id);
  if (hidden().length === 0) {
    expect(m.more.shown, `${label}: everything fits, yet a "more" hint shows`).toBe(false);
    return { scrolled: false };
  }
  expect(m.more.shown, `${label}: ${hidden().join(', ')} out of sight and nothing says so`).toBe(true);
  expect(m.more.text, `${label}: the hint counts what is below`).toMatch(new RegExp(String(m.services.length - m.services.filter((s) => s.visible).length)));
  const seen = new Set(m.services.filter((s) => s.visible).map((s) => s.id));
  for (let i = 0; i < 20 && m.more.shown; i++) {
    await page.getByTestId('more-below').click();
    await page.waitForTimeout(500); // the smooth scroll
    m = await measure(page);
    for (const s of m.services) if (s.visible) seen.add(s.id);
  }
  expect(m.more.shown, `${label}: at the end of the list the hint goes`).toBe(false);
  expect([...m.services.map((s) => s.id)].filter((id) => !seen.has(id)), `${label}: never seen`).toEqual([]);
  await page.evaluate(() => document.querySelectorAll('.services').forEach((e) => e.scrollTo({ top: 0 })));
  return { scrolled: true };
}

let browser: Browser;
const servers: TestServer[] = [];
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});
beforeAll(async () => { browser = await launchBrowser(); });

async function kioskOn(config?: HallConfig): Promise<Page & { errors: string[] }> {
  const srv = await startTestServer(config ? { config } : {});
  servers.push(srv);
  const admin = await srv.login();
  const { pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'kiosk', name: '取号机', kioskId: 'K1' } });
  const page = await openPage(browser, `${srv.url}/kiosk/#pair=${pairingCode}`, PORTRAIT);
  await page.getByTestId('service-biz').waitFor();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  return page;
}

async function setMode(page: Page, elderly: boolean, english: boolean): Promise<void> {
  const isElderly = await page.evaluate(() => document.documentElement.classList.contains('elderly'));
  if (isElderly !== elderly) await page.getByTestId('elderly-toggle').click();
  const isEnglish = await page.evaluate(() => document.documentElement.lang === 'en');
  if (isEnglish !== english) await page.getByTestId('language-toggle').click();
  await page.waitForTimeout(250);
}

const combos = [PORTRAIT, LANDSCAPE].flatMap((size) => [false, true].flatMap((elderly) => [false, true].map((english) => ({ size, elderly, english }))));
const labelOf = (c: (typeof combos)[number]) => `${c.size.width}×${c.size.height} ${c.elderly ? 'elderly' : 'normal'} ${c.english ? 'en' : 'zh'}`;

describe('the kiosk menu in every mode and language', () => {
  it('shows every service of the default hall without scrolling, large enough to touch', async () => {
    const page = await kioskOn();
    const font: Record<string, number> = {};
    for (const c of combos) {
      const label = labelOf(c);
      await page.setViewportSize(c.size);
      await setMode(page, c.elderly, c.english);
      const m = await measure(page);
      expect(m.services.filter((s) => !s.visible).map((s) => s.id), `${label}: out of sight`).toEqual([]);
      expect(m.more.shown).toBe(false);
      const min = c.elderly ? MIN_TARGET.elderly : MIN_TARGET.normal;
      expect(m.targets.filter((t) => t.h < min || t.w < min), `${label}: buttons under ${min} px`).toEqual([]);
      font[label] = m.nameFont;
      if (c.size === PORTRAIT) await checkedShot(page, `kiosk-${c.elderly ? 'elderly' : 'normal'}-${c.english ? 'en' : 'zh'}`);
    }
    // Elderly mode keeps its larger type, whatever it gives up to fit.
    for (const c of combos.filter((x) => x.elderly)) expect(font[labelOf(c)], labelOf(c)).toBeGreaterThan(font[labelOf({ ...c, elderly: false })]);
    expect(page.errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('with many services, says plainly that there are more below and leads to them', async () => {
    const page = await kioskOn(manyServices());
    let scrolled = 0;
    for (const c of combos) {
      const label = labelOf(c);
      await page.setViewportSize(c.size);
      await setMode(page, c.elderly, c.english);
      if (c.size === PORTRAIT && c.elderly && !c.english) await checkedShot(page, 'kiosk-many-elderly');
      if ((await everyServiceReachable(page, label)).scrolled) scrolled++;
      const min = c.elderly ? MIN_TARGET.elderly : MIN_TARGET.normal;
      const m = await measure(page);
      expect(m.targets.filter((t) => t.h < min || t.w < min), `${label}: buttons under ${min} px`).toEqual([]);
    }
    expect(scrolled).toBeGreaterThan(0); // the hall is large enough to need the hint somewhere
    expect(page.errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('the kiosk\'s voice guidance', () => {
  it('says on screen when this kiosk has no voice for the visitor\'s language', async () => {
    const page = await kioskOn();
    await setMode(page, false, false);
    expect(await page.getByTestId('voice-notice').count()).toBe(0); // nothing to say until elderly mode speaks
    await setMode(page, true, false);
    await page.getByTestId('voice-notice').waitFor();
    expect(await page.getByTestId('voice-notice').textContent()).toContain('语音');
    expect(await page.evaluate(() => (window as unknown as { __kioskVoice: { state: string } }).__kioskVoice.state)).toBe('none');
    await setMode(page, true, true);
    await expect.poll(() => page.getByTestId('voice-notice').textContent()).toMatch(/voice/i);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
