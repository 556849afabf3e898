import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Link path of one end (give it to the SerialBus). */
  a: string;
  /** Link path of the other end (give it to the DeviceEmulator). */
  b: string;
  pid: number;
  /** Kills socat (its links vanish, both ends see `close`) and removes the temporary folder. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Link paths; default: `a` and `b` in a fresh temporary folder. Reuse them to "replug" a line. */
  a?: string;
  b?: string;
  timeoutMs?: number;
  socatPath?: string;
}

// Tests that crash must not leave socat behind: kill what is still running when the process exits.
// Registered on first use, so importing the package has no side effects in the server.
const running = new Set<ChildProcess>();
let exitHook = false;

/** A pair of real pseudo-terminals joined by socat, like two ends of a serial cable. */
export async function openPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const dir = options.a && options.b ? undefined : mkdtempSync(join(tmpdir(), 'onewindow-pty-'));
  const a = options.a ?? join(dir!, 'a');
  const b = options.b ?? join(dir!, 'b');
  // socat will not replace a link left behind by one that was killed hard; a real file is not ours to delete.
  for (const link of [a, b]) if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(link);
  const child = spawn(options.socatPath ?? '/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => { for (const c of running) c.kill('SIGKILL'); });
  }
  running.add(child);
  let log = '';
  let spawnFailed = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => { running.delete(child); resolve(); });
    // No socat at that path: 'error' comes instead of 'exit', and unheard it would throw.
    child.once('error', (error) => { spawnFailed = true; log += String(error); running.delete(child); resolve(); });
  });
  const cleanup = () => { if (dir) rmSync(dir, { recursive: true, force: true }); };
  const close = async () => {
    if (!spawnFailed && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(force);
    }
    cleanup();
  };

  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { log += chunk; });
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  // socat logs "starting data transfer loop" once both ptys exist and their links are made.
  while (!(log.includes('starting data transfer loop') && existsSync(a) && existsSync(b))) {
    if (spawnFailed || child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`socat did not make a pty pair at ${a} and ${b}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { a, b, pid: child.pid!, close };
}
