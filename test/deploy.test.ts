import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../server/test/process.ts';

/**
 * The ready-to-copy files of deploy/ (docs/deploy.md), checked with the tools a hall uses where
 * this machine has them: the browser launchers with shellcheck and by running them against a
 * stand-in browser, the systemd units with systemd-analyze, the nginx site with a real nginx in
 * front of a real server. A tool this machine lacks skips its check, and says so.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPLOY = join(ROOT, 'deploy');
const BROWSER = join(DEPLOY, 'browser');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'ow-deploy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('browser launchers', () => {
  const launchers = readdirSync(BROWSER).map((f) => join(BROWSER, f));

  it.skipIf(!has('shellcheck'))('pass shellcheck', () => {
    const r = spawnSync('shellcheck', launchers, { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  // A stand-in for chromium that writes down its arguments, one a line.
  const fake = join(tmp, 'fake-chromium');
  writeFileSync(fake, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "$ARGS_OUT"\n`);
  chmodSync(fake, 0o755);
  const launch = (name: string, env: Record<string, string>) => {
    const out = join(tmp, `${name}-${Math.random().toString(36).slice(2)}.args`);
    const r = spawnSync(join(BROWSER, name), [], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmp, CHROMIUM: fake, ARGS_OUT: out, ...env } });
    return { status: r.status, stderr: r.stderr, args: existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : [] };
  };

  it('open the caller screen in kiosk mode, allowed to speak without a tap, paired on the first start only', () => {
    const state = join(tmp, 'caller');
    const env = { ONEWINDOW_URL: 'https://hall.example.cn/', ONEWINDOW_PAIR_CODE: '123456', ONEWINDOW_BROWSER_STATE: state };
    const first = launch('onewindow-caller-screen', env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.args).toContain('--kiosk');
    expect(first.args).toContain('--autoplay-policy=no-user-gesture-required');
    expect(first.args).toContain(`--user-data-dir=${state}/profile`);
    expect(first.args.at(-1)).toBe('https://hall.example.cn/display/#pair=123456');
    // The code pairs once; the next start opens the page with the token its profile kept.
    expect(launch('onewindow-caller-screen', env).args.at(-1)).toBe('https://hall.example.cn/display/');
  });

  it('give the kiosk and the pad touch settings, and each device its own page', () => {
    const base = { ONEWINDOW_URL: 'http://192.168.1.10:8080' };
    const kiosk = launch('onewindow-kiosk', { ...base, ONEWINDOW_BROWSER_STATE: join(tmp, 'k') });
    expect(kiosk.args).toEqual(expect.arrayContaining(['--kiosk', '--touch-events=enabled', '--disable-pinch', '--overscroll-history-navigation=0']));
    expect(kiosk.args.at(-1)).toBe('http://192.168.1.10:8080/kiosk/');
    const pad = launch('onewindow-pad', { ...base, ONEWINDOW_BROWSER_STATE: join(tmp, 'p') });
    expect(pad.args).toEqual(expect.arrayContaining(['--kiosk', '--touch-events=enabled']));
    expect(pad.args.at(-1)).toBe('http://192.168.1.10:8080/counter/pad/');
    expect(launch('onewindow-window-screen', { ...base, ONEWINDOW_WINDOW: 'W03', ONEWINDOW_BROWSER_STATE: join(tmp, 'w') }).args.at(-1)).toBe('http://192.168.1.10:8080/display/window/W03');
    expect(launch('onewindow-wall', { ...base, ONEWINDOW_BROWSER_STATE: join(tmp, 'x') }).args.at(-1)).toBe('http://192.168.1.10:8080/display/supervisor/');
  });

  it('refuse to start without the server address or the window, and say what is missing', () => {
    const noUrl = launch('onewindow-kiosk', {});
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('ONEWINDOW_URL');
    const noWindow = launch('onewindow-window-screen', { ONEWINDOW_URL: 'http://h:8080' });
    expect(noWindow.status).toBe(2);
    expect(noWindow.stderr).toContain('ONEWINDOW_WINDOW');
  });
});

describe.skipIf(!has('systemd-analyze'))('systemd units', () => {
  it('pass systemd-analyze verify (commands this machine lacks, such as cage, aside)', () => {
    const dir = join(DEPLOY, 'systemd');
    const units = readdirSync(dir).filter((f) => f.endsWith('.service') || f.endsWith('.timer'));
    expect(units).toEqual(expect.arrayContaining(['onewindow.service', 'onewindow-centre.service', 'onewindow-agent.service', 'onewindow-browser@.service']));
    // A template is verified through an instance of it.
    const copy = join(tmp, 'units');
    mkdirSync(copy);
    const paths = units.map((u) => {
      const name = u.replace('@.service', '@kiosk.service');
      writeFileSync(join(copy, name), readFileSync(join(dir, u)));
      return join(copy, name);
    });
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...paths], { encoding: 'utf8' });
    const problems = (r.stdout + r.stderr).split('\n').filter(Boolean)
      .filter((line) => !/Command (\S+) is not executable: No such file or directory/.test(line) || has(/Command (\S+)/.exec(line)![1]));
    expect(problems).toEqual([]);
  });

  it('start the hall server compiled, with plain node, as npm run serve does', () => {
    const unit = readFileSync(join(DEPLOY, 'systemd/onewindow.service'), 'utf8');
    const serve = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.serve;
    expect(/^ExecStart=(\S+) (.*)$/m.exec(unit)?.slice(1)).toEqual(['/usr/bin/node', serve.replace(/^node /, '')]);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^User=onewindow$/m);
  });

  it('start the district centre compiled, with plain node, as npm run centre runs it once built', () => {
    const unit = readFileSync(join(DEPLOY, 'systemd/onewindow-centre.service'), 'utf8');
    const centre = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.centre;
    const run = centre.split(' && ').at(-1)!;
    expect(run).toMatch(/^node .*centre\/dist\/server\.js$/);
    expect(/^ExecStart=(\S+) (.*)$/m.exec(unit)?.slice(1)).toEqual(['/usr/bin/node', run.replace(/^node /, '')]);
    expect(unit).toMatch(/^User=onewindow-centre$/m);
  });

  it('start the device agent compiled, with plain node, as npm run agent does, and leave it stopped after a refusal', () => {
    const unit = readFileSync(join(DEPLOY, 'systemd/onewindow-agent.service'), 'utf8');
    const agent = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.agent;
    // `npm run agent` is its build step, then the command the unit runs.
    const run = agent.split(' && ').at(-1)!;
    expect(/^ExecStart=(\S+) (.*)$/m.exec(unit)?.slice(1)).toEqual(['/usr/bin/node', `${run.replace(/^node /, '')} $ONEWINDOW_AGENT_ARGS`]);
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=78$/m);
    expect(unit).toMatch(/^User=onewindow-agent$/m);
  });
});

describe.skipIf(!has('nginx') || !has('openssl'))('the nginx site', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let nginx: ChildProcess | undefined;
  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await server?.stop();
  });

  it('serves the hall over HTTPS, with the realtime socket through it', async () => {
    server = await startServerProcess({ dataDir: join(tmp, 'data') });
    const [http, https] = [await freePort(), await freePort()];
    const dir = join(tmp, 'nginx');
    mkdirSync(join(dir, 'logs'), { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=hall.example.cn',
      '-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'fullchain.pem')], { stdio: 'ignore' });
    // The site as shipped, moved to this machine's free ports and a throwaway certificate, with
    // the per-address limit of requests at once lowered from 64 to 4 so that a test can reach it.
    const shipped = readFileSync(join(DEPLOY, 'nginx/onewindow.conf'), 'utf8');
    expect(shipped).toContain('limit_conn onewindow_conn 64;');
    const site = shipped
      .replace('limit_conn onewindow_conn 64;', 'limit_conn onewindow_conn 4;')
      .replaceAll('/etc/ssl/onewindow/', `${dir}/`)
      .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${server.port};`)
      .replace(/listen 80;/, `listen 127.0.0.1:${http};`).replace(/listen \[::\]:80;/, '')
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${https} ssl http2;`).replace(/listen \[::\]:443 ssl http2;/, '');
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  include ${dir}/site.conf;\n}\n`);
    const check = spawnSync('nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });

    const get = (port: number, path: string, opts: { method?: string; body?: unknown; tls?: boolean } = {}) => new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const body = opts.body ? JSON.stringify(opts.body) : undefined;
      const mod = opts.tls === false ? import('node:http').then((m) => m.request) : Promise.resolve(request);
      void mod.then((req) => {
        const r = req({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', rejectUnauthorized: false, headers: { host: 'hall.example.cn', ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        });
        r.on('error', reject);
        r.end(body);
      });
    });
    let health = { status: 0, headers: {}, body: '' } as Awaited<ReturnType<typeof get>>;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && health.status !== 200;) {
      health = await get(https, '/api/health').catch(() => health);
      if (health.status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(JSON.parse(health.body).status).toBe('ok');
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await get(http, '/kiosk/', { tls: false });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://hall.example.cn/kiosk/');

    const login = await get(https, '/api/auth/login', { method: 'POST', body: { username: 'admin', password: 'admin-password' } });
    const { token } = JSON.parse(login.body) as { token: string };
    const socket = io(`https://127.0.0.1:${https}`, { auth: { token }, transports: ['websocket'], rejectUnauthorized: false, reconnection: false, forceNew: true });
    try {
      const state = await new Promise<{ feed: string }>((resolve, reject) => {
        socket.once('state', resolve);
        socket.once('connect_error', reject);
      });
      expect(state.feed).toBe('staff');
    } finally {
      socket.close();
    }

    // Floods: an address holds at most the limit of open sockets; the next is refused with 429.
    const open = () => new Promise<ReturnType<typeof io>>((resolve, reject) => {
      const s = io(`https://127.0.0.1:${https}`, { auth: { token }, transports: ['websocket'], rejectUnauthorized: false, reconnection: false, forceNew: true });
      s.once('state', () => resolve(s));
      s.once('connect_error', (e) => { s.close(); reject(e); });
    });
    const held: ReturnType<typeof io>[] = [];
    try {
      for (let i = 0; i < 4; i++) held.push(await open());
      const refused = await open().then((s) => { held.push(s); return null; }, (e: Error & { description?: unknown }) => e);
      expect(refused).not.toBeNull();
      // The client is told only "websocket error": nginx's log says why.
      expect(readFileSync(join(dir, 'logs/error.log'), 'utf8')).toContain('limiting connections by zone "onewindow_conn"');
    } finally {
      for (const s of held) s.close();
    }
    // And at most 10 requests a second after a burst of 50: a rapid stream is cut with 429.
    await new Promise((r) => setTimeout(r, 300));
    const statuses: number[] = [];
    for (let i = 0; i < 90; i++) statuses.push((await get(https, '/api/health')).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(10);
  }, 60_000);
});
