import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiRequest } from '@onewindow/protocol';
import { ROOT } from './helper.ts';
import type { ServerProcess } from './process.ts';

export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  /** resolves once the agent's output matches */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * How the agent process starts: `npm run agent:dev`'s node flags and entry, read from the root
 * package.json (the TypeScript sources of what `npm run agent` runs compiled, as the server's tests
 * run `dev`), without npm in between so that a signal reaches the agent itself.
 */
function agentCommand(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['agent:dev'];
  const [node, ...args] = script.split(/\s+/);
  if (node !== 'node') throw new Error(`package.json "agent:dev" should start with node: ${script}`);
  return args.map((a) => (/\.[jt]s$/.test(a) ? join(ROOT, a) : a));
}

/** The device agent as a hall runs it (`npm run agent -- …`): a child process of its own. */
export function startAgentProcess(args: string[], env: Record<string, string> = {}): AgentProcess {
  const child = spawn(process.execPath, [...agentCommand(), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const take = (d: Buffer) => {
    out += d;
    for (const l of [...listeners]) l();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child, output: () => out, exited,
    waitFor(pattern, timeoutMs = 20_000) {
      if (pattern.test(out)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`agent output never matched ${pattern}:\n${out}`));
        }, timeoutMs);
        const check = () => {
          if (!pattern.test(out)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        void exited.then(() => { if (listeners.has(check)) { clearTimeout(timer); listeners.delete(check); reject(new Error(`agent exited before ${pattern}:\n${out}`)); } });
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** An admin token, an agent device (bound to `kioskId` if given) and its one-time pairing code. */
export async function newAgentDevice(srv: ServerProcess, name: string, kioskId?: string) {
  const { token } = await apiRequest<{ token: string }>(srv.url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } });
  const d = await apiRequest<{ id: string; pairingCode: string }>(srv.url, '/api/devices', { token, body: { kind: 'agent', name, ...(kioskId ? { kioskId } : {}) } });
  return { admin: token, id: d.id, pairingCode: d.pairingCode };
}

/** A paired device of another kind (a kiosk's browser, say): its token. */
export async function pairedDevice(srv: ServerProcess, admin: string, body: Record<string, unknown>): Promise<string> {
  const { pairingCode } = await apiRequest<{ pairingCode: string }>(srv.url, '/api/devices', { token: admin, body });
  return (await apiRequest<{ token: string }>(srv.url, '/api/devices/pair', { body: { pairingCode } })).token;
}

export function writeConfig(file: string, config: unknown): string {
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}
