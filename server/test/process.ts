import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { apiRequest } from '@onewindow/protocol';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A node process of ours serving HTTP on 127.0.0.1, with what it printed. */
export interface NodeProcess { child: ChildProcess; url: string; port: number; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> }
export type ServerProcess = NodeProcess;

/**
 * How the server process starts, read from the root package.json so that tests and benchmarks run
 * what a hall runs: `dev` (the default) is `npm run serve`'s node flags on the TypeScript sources,
 * so a test never runs a stale build; `serve` is the compiled server (`npm run build` first).
 */
export function serveCommand(script: 'dev' | 'serve' = 'dev'): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [node, ...args] = scripts[script].split(/\s+/);
  if (node !== 'node') throw new Error(`package.json "${script}" should start with node: ${scripts[script]}`);
  return args.map((a) => (/\.[jt]s$/.test(a) ? join(ROOT, a) : a));
}

/** The real server process, as `npm run dev` (or `serve`) runs it, ready to answer. */
export async function startServerProcess(opts: { dataDir: string; port?: number; config?: string; env?: Record<string, string>; nodeArgs?: string[]; script?: 'dev' | 'serve' }): Promise<ServerProcess> {
  return startNodeProcess('server', [...(opts.nodeArgs ?? []), ...serveCommand(opts.script)], opts.port ?? (await freePort()), {
    ONEWINDOW_DATA: opts.dataDir, ONEWINDOW_ADMIN_PASSWORD: 'admin-password',
    ONEWINDOW_IGNORE_HOURS: '1', ...(opts.config ? { ONEWINDOW_CONFIG: opts.config } : {}), ...opts.env,
  });
}

/**
 * Starts `node args…` from the repository's root on `port` (PORT and HOST set, `env` over this
 * process's environment) and waits up to a minute for its `/api/health` to answer.
 */
export async function startNodeProcess(what: string, args: string[], port: number, env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => { out += d; if (process.env.BENCH_SERVER_STDERR) process.stderr.write(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await apiRequest(url, '/api/health');
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${what} did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  return {
    child, url, port, output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await done;
    },
  };
}
