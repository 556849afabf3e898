import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/test/process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * A hall installed under a folder with Chinese characters and a space, as in /opt/政务大厅 onewindow/.
 * The server finds its hall file, migrations, data folder and pages from where its own files are;
 * a path taken from a file URL without decoding (`%E6%94%BF… onewindow` for `政务… onewindow`)
 * finds none of them. The copy holds the server's sources and the hall file; the packages come
 * from this checkout's node_modules through a link.
 */
describe('installed under a path with Chinese characters and a space', () => {
  const base = mkdtempSync(join(tmpdir(), 'ow-any-path-'));
  const home = join(base, '政务大厅 onewindow');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('starts with its defaults, keeps its data beside it and serves its pages', async () => {
    const skip = (src: string) => !/[/\\](node_modules|dist|data)$/.test(src);
    mkdirSync(home);
    cpSync(join(ROOT, 'package.json'), join(home, 'package.json'));
    cpSync(join(ROOT, 'server'), join(home, 'server'), { recursive: true, filter: skip });
    cpSync(join(ROOT, 'config'), join(home, 'config'), { recursive: true, filter: skip });
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'));
    // A built page of its own, so that what is served shows which folder it came from.
    mkdirSync(join(home, 'kiosk-ui/dist'), { recursive: true });
    writeFileSync(join(home, 'kiosk-ui/dist/index.html'), '<!doctype html><title>kiosk from 政务大厅 onewindow</title>');

    const [node, ...args] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.dev.split(/\s+/);
    expect(node).toBe('node');
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ONEWINDOW_ADMIN_PASSWORD: 'any-path-password' };
    delete env.ONEWINDOW_CONFIG;
    delete env.ONEWINDOW_DATA;
    const child = spawn(process.execPath, args.map((a) => (a.endsWith('.ts') ? join(home, a) : a)), { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const url = `http://127.0.0.1:${port}`;
      let health: { status?: string } = {};
      for (const deadline = Date.now() + 30_000; Date.now() < deadline && child.exitCode === null;) {
        try {
          health = await (await fetch(`${url}/api/health`)).json() as { status?: string };
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(health.status, out).toBe('ok');
      expect(out).toContain(`config:    ${join(home, 'config/hall.yaml')}`);
      expect(existsSync(join(home, 'data/onewindow.db'))).toBe(true);
      expect(await (await fetch(`${url}/kiosk/`)).text()).toContain('kiosk from 政务大厅 onewindow');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
