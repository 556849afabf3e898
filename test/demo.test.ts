import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../server/test/browser.ts';
import { checkedShot } from './screenshot-check.ts';

/**
 * `npm run demo` as a newcomer meets it: the demo process is started (the server from its sources,
 * `--sources`, since the tests run before any build), it prints the pages' addresses, and the
 * caller screen's address, opened in Chromium as printed, shows a call within a bounded time,
 * then speaks it with the server's audio. Its screenshot is checked (not blank, fits its screen).
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
let demo: ChildProcess | null = null;
let browser: Browser | null = null;
const dir = mkdtempSync(join(tmpdir(), 'ow-demo-'));

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    const exited = new Promise((r) => demo!.once('exit', r));
    demo.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

function startDemo(): Promise<{ output: () => string; caller: string; supervisor: string }> {
  demo = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/cli/demo.ts'), '--port', '0', '--data', join(dir, 'demo'), '--sources', '--every', '4'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  demo.stdout!.on('data', (d) => (out += d));
  demo.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no addresses within 90 s:\n${out}`)), 90_000);
    const look = () => {
      const caller = /叫号大屏 caller screen\s+(http:\/\/\S+\/display\/#pair=\d+)/.exec(out)?.[1];
      const supervisor = /supervisors' wall\s+(http:\/\/\S+)\s+sign in: (\S+) \/ (\S+)/.exec(out);
      if (caller && supervisor) {
        clearTimeout(timer);
        resolve({ output: () => out, caller, supervisor: supervisor[0] });
      }
    };
    demo!.stdout!.on('data', look);
    demo!.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the demo stopped (${code}):\n${out}`)); });
  });
}

describe('npm run demo', () => {
  it('prints every page\'s address already paired, and the caller screen shows and speaks a call within a minute', async () => {
    const started = Date.now();
    const [{ output, caller }, b] = await Promise.all([startDemo(), launchBrowser({ autoplay: true })]);
    browser = b;
    const printed = output();
    expect(printed).toMatch(/取号机 kiosk\s+http:\/\/\S+\/kiosk\/#pair=\d+/);
    expect(printed.match(/\/display\/window\/W\d\d#pair=\d+/g)).toHaveLength(12);
    expect(printed.match(/\/counter\/pad\/#pair=\d+/g)).toHaveLength(12);
    expect(printed).toMatch(/sign in: supervisor \/ \S{8,}/);
    const saved = JSON.parse(readFileSync(join(dir, 'demo', 'demo.json'), 'utf8')) as { clerks: Record<string, unknown> };
    expect(Object.keys(saved.clerks)).toHaveLength(12);

    const page = await openPage(browser, caller, { width: 1920, height: 1080 });
    await page.waitForSelector('[data-test=caller]', { timeout: 20_000 });
    await page.waitForFunction(() => /^[A-Z]\d{3}$/.test(document.querySelector('[data-test=hero-number]')?.textContent ?? ''), undefined, { timeout: 30_000, polling: 200 });
    expect(Date.now() - started).toBeLessThan(120_000);
    // A call that arrives while the screen is open is said with the server's audio.
    await page.waitForFunction(() => (window as unknown as { __speech: { spoken: { mode: string; times: number }[] } }).__speech.spoken
      .some((u) => u.mode === 'audio' && u.times >= 1), undefined, { timeout: 60_000 });
    const shot = await checkedShot(page, 'demo-caller');
    expect(shot.overflowX + shot.overflowY).toBe(0);
    expect(shot.colours).toBeGreaterThan(20);
    expect(page.errors).toEqual([]);
  }, 240_000);
});
