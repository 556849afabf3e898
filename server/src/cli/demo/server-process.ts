import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { apiRequest } from '@onewindow/protocol';

export async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface HallProcess { child: ChildProcess; url: string; stop(): Promise<void> }

/**
 * The hall server as its own process, started the way package.json starts it: `serve` (the
 * compiled server, what `npm start` runs) or `dev` (the TypeScript sources, for tests that must not
 * depend on a build). Ready once `/api/health` answers.
 */
export async function startHall(o: { root: string; script: 'serve' | 'dev'; host: string; port: number; env: Record<string, string>; log: (line: string) => void }): Promise<HallProcess> {
  const scripts = (JSON.parse(readFileSync(join(o.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [node, ...args] = scripts[o.script].split(/\s+/);
  if (node !== 'node') throw new Error(`package.json "${o.script}" should start with node: ${scripts[o.script]}`);
  const child = spawn(process.execPath, args.map((a) => (/\.[jt]s$/.test(a) ? join(o.root, a) : a)), {
    cwd: o.root,
    env: { ...process.env, PORT: String(o.port), HOST: o.host, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  // The server's own warnings and errors stay visible while the demo runs.
  child.stderr!.on('data', (d: Buffer) => { keep(d); for (const line of d.toString().split('\n')) if (line.trim()) o.log(`[server] ${line}`); });
  const url = `http://${o.host === '0.0.0.0' ? '127.0.0.1' : o.host}:${o.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await apiRequest(url, '/api/health');
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`the hall server did not start:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    child, url,
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
  };
}
