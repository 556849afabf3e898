import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless; no browser download ever happens (none would work here). */
export async function launchBrowser(opts: { autoplay?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // As the caller screen's kiosk launcher starts it (docs/deploy.md): sound without a click first.
      ...(opts.autoplay ? ['--autoplay-policy=no-user-gesture-required'] : []),
    ],
  });
}

/** A page with the hall's locale and a size; console errors are collected for assertions. */
export async function openPage(browser: Browser, url: string, size = { width: 1080, height: 1920 }, locale = 'zh-CN'): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport: size, locale, timezoneId: 'Asia/Shanghai' });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  return page;
}
