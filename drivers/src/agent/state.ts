// The agent's state folder (--state, default ~/.onewindow-agent): its device token, its record of
// finished jobs, and a lock so that two agents never share them. The token file is written 0600
// in a 0700 folder (on Windows those modes mean little: the folder lives in the user's profile,
// which its ACL keeps to that user and the administrators).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncDir } from './journal.ts';

export interface StoredIdentity {
  token: string;
  deviceId: string;
  name: string;
  /** the server it was paired with, to say so when a token is refused */
  server: string;
  pairedAt: string;
}

export const defaultStateDir = (): string => path.join(os.homedir(), '.onewindow-agent');

export class AgentState {
  readonly dir: string;
  private lockFd: number | null = null;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  get journalFile(): string {
    return path.join(this.dir, 'jobs.log');
  }

  private get identityFile(): string {
    return path.join(this.dir, 'device.json');
  }

  /**
   * Takes the folder for this process. A lock left by a process that no longer runs (a crash, a
   * kill -9, a power cut) is taken over; one held by a running process is refused. The lock names
   * the boot too: after a reboot its pid may belong to somebody else.
   */
  lock(): void {
    const file = path.join(this.dir, 'agent.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        fs.writeSync(fd, `${process.pid} ${bootMinute()}`);
        this.lockFd = fd;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const [pid, boot] = fs.readFileSync(file, 'utf8').trim().split(' ').map(Number);
      const sameBoot = Math.abs(boot - bootMinute()) <= 1;
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && sameBoot && isRunning(pid)) {
        throw new Error(`another agent (pid ${pid}) is using ${this.dir}; stop it, or give this one its own --state`);
      }
      fs.rmSync(file, { force: true });
    }
    throw new Error(`cannot lock ${this.dir}`);
  }

  unlock(): void {
    if (this.lockFd === null) return;
    fs.closeSync(this.lockFd);
    this.lockFd = null;
    fs.rmSync(path.join(this.dir, 'agent.lock'), { force: true });
  }

  identity(): StoredIdentity | null {
    try {
      const v = JSON.parse(fs.readFileSync(this.identityFile, 'utf8')) as Partial<StoredIdentity>;
      return typeof v.token === 'string' && typeof v.deviceId === 'string' ? (v as StoredIdentity) : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`${this.identityFile} is unreadable (${(err as Error).message}): delete it and pair again`);
    }
  }

  /** Written to a new file first and renamed over the old one: a crash never leaves half a token. */
  saveIdentity(id: StoredIdentity): void {
    const tmp = `${this.identityFile}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify(id, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.identityFile);
    fs.chmodSync(this.identityFile, 0o600);
    syncDir(this.dir);
  }

  forgetIdentity(): void {
    fs.rmSync(this.identityFile, { force: true });
  }
}

/** When this computer started, in minutes since 1970 (the same for every process until a reboot). */
function bootMinute(): number {
  return Math.round((Date.now() / 1000 - os.uptime()) / 60);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}
