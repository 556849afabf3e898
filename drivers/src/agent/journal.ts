// The agent's durable record of print jobs: what keeps a ticket from printing twice when the
// server sends a job again (after a restart of either side, or a lost connection).
//
// One line per step, appended with a write and an fsync before anything else happens:
//   B <id> <ms>            about to write the job's bytes to the printer
//   W <id> <ms>            every byte handed to the printer (its kernel driver or socket)
//   D <id> <ms> <outcome>  finished: printed | unconfirmed | expired (told to the server after this)
// A job with W is never written again. A job with B only was interrupted before its bytes went
// out (or while they did): it is printed again, which at worst leaves one slip with a torn first
// copy on it, never two slips. Everything here is synchronous on purpose: between the last byte
// and its W record nothing else may run.
import fs from 'node:fs';
import path from 'node:path';
import type { PrintOutcome } from '@onewindow/protocol';

export type JobRecord =
  | { step: 'begun'; at: number }
  | { step: 'written'; at: number }
  | { step: 'done'; at: number; outcome: PrintOutcome };

export interface JournalOptions {
  /** finished jobs are forgotten after this (the server gives a job up within minutes) */
  keepMs?: number;
  now?: () => number;
}

const OUTCOMES = new Set<string>(['printed', 'unconfirmed', 'expired']);
const DAY = 24 * 3600_000;

export class JobJournal {
  private readonly jobs = new Map<string, JobRecord>();
  private fd: number;
  private readonly now: () => number;

  /** Reads the record (tolerating a torn last line) and rewrites it without old entries. */
  constructor(private readonly file: string, opts: JournalOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.load();
    const horizon = this.now() - (opts.keepMs ?? 2 * DAY);
    for (const [id, r] of this.jobs) if (r.at < horizon) this.jobs.delete(id);
    this.compact();
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Whether the job's bytes went out already (written or done): it must not be written again. */
  isFinished(id: string): boolean {
    const r = this.jobs.get(id);
    return r !== undefined && r.step !== 'begun';
  }

  begin(id: string): void {
    const r = this.jobs.get(id);
    if (r && r.step !== 'begun') throw new Error(`job ${id} was already written`);
    this.append(id, { step: 'begun', at: this.now() }, 'B');
  }

  written(id: string): void {
    this.append(id, { step: 'written', at: this.now() }, 'W');
  }

  done(id: string, outcome: PrintOutcome): void {
    this.append(id, { step: 'done', at: this.now(), outcome }, 'D', outcome);
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  get size(): number {
    return this.jobs.size;
  }

  private append(id: string, r: JobRecord, code: string, extra?: string): void {
    if (!/^[\w.-]{1,64}$/.test(id)) throw new Error(`job id not recordable: ${JSON.stringify(id)}`);
    if (this.fd < 0) throw new Error('the job record is closed');
    fs.writeSync(this.fd, `${code} ${id} ${r.at}${extra ? ` ${extra}` : ''}\n`);
    fs.fsyncSync(this.fd);
    this.jobs.set(id, r);
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const line of text.split('\n')) {
      const [code, id, at, outcome] = line.trim().split(' ');
      const ms = Number(at);
      if (!id || !Number.isFinite(ms)) continue; // a line torn by a crash
      const prev = this.jobs.get(id);
      if (code === 'B' && !prev) this.jobs.set(id, { step: 'begun', at: ms });
      else if (code === 'W' && prev?.step !== 'done') this.jobs.set(id, { step: 'written', at: ms });
      else if (code === 'D' && OUTCOMES.has(outcome)) this.jobs.set(id, { step: 'done', at: ms, outcome: outcome as PrintOutcome });
    }
  }

  /** Writes what is kept to a new file, then puts it in place: a crash leaves the old or the new one. */
  private compact(): void {
    const lines: string[] = [];
    for (const [id, r] of this.jobs) {
      if (r.step === 'begun') lines.push(`B ${id} ${r.at}`);
      else if (r.step === 'written') lines.push(`B ${id} ${r.at}`, `W ${id} ${r.at}`);
      else lines.push(`D ${id} ${r.at} ${r.outcome}`);
    }
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, lines.length ? `${lines.join('\n')}\n` : '');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    syncDir(path.dirname(this.file));
  }
}

/** Makes a rename durable. Windows cannot open a folder for this (its rename is journaled by NTFS). */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
