// One ticket printer: a FIFO job queue that never blocks the caller, a status poller that reports
// changes, and a reconnect loop. Queue matters (who gets a ticket) are decided elsewhere; this only
// gets paper out of the printer or says clearly that it could not.
import { EventEmitter } from 'node:events';
import { renderTicket, type TicketPrint } from './layout.ts';
import { mayPrint, offlineStatus, readStatus, unknownStatus, type PrinterStatus } from './status.ts';
import type { PrinterTransport } from './transport.ts';

export interface RetryPolicy {
  /** attempts at sending one job before it fails (waiting for paper does not count) */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface PrinterOptions {
  id: string;
  /** characters per line: 32 for 58 mm, 48 for 80 mm */
  width?: number;
  encoding?: string;
  pollIntervalMs?: number;
  statusTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** how long a job may wait for a printer that is out of paper, open or offline */
  maxWaitMs?: number;
  /** delay between reconnect attempts, doubling from base to max */
  reconnect?: { baseDelayMs?: number; maxDelayMs?: number };
}

export interface JobResult {
  jobId: string;
  number: string;
  status: 'printed' | 'failed' | 'skipped';
  attempts: number;
  error?: string;
  /** printed: whether the printer answered DLE EOT after the bytes (a one-way printer cannot) */
  confirmed?: boolean;
  /** failed: the printer stayed unable to print past the job's wait, the Printer closed, or writing kept failing */
  cause?: 'not-ready' | 'closed' | 'error';
  at: Date;
}

/**
 * Where a job that must never print twice records its progress, synchronously, around the write:
 * `begin` before the first byte goes out, `written` once every byte was handed to the device.
 * Such a job is not written again once `written` ran, whatever the printer answers after.
 */
export interface WriteJournal {
  begin(jobId: string): void;
  written(jobId: string): void;
}

/** Bytes already laid out (the hall server renders tickets for its device agents). */
export interface RawJob {
  id: string;
  number: string;
  bytes: Buffer;
  /** how long this job may wait for a printer that cannot print; default the Printer's maxWaitMs */
  maxWaitMs?: number;
  journal?: WriteJournal;
}

export interface PrintJob {
  jobId: string;
  done: Promise<JobResult>;
}

export interface PrinterEvents {
  status: [status: PrinterStatus, previous: PrinterStatus | null];
  job: [result: JobResult];
  connect: [];
  disconnect: [error: Error | undefined];
}

interface QueuedJob {
  id: string;
  number: string;
  bytes: Buffer;
  attempts: number;
  enqueuedAt: number;
  maxWaitMs: number;
  journal?: WriteJournal;
  resolve: (r: JobResult) => void;
}

const backoff = (n: number, base: number, max: number) => Math.min(max, base * 2 ** Math.max(0, n - 1));

export class Printer extends EventEmitter<PrinterEvents> {
  readonly id: string;
  private readonly o: Required<Omit<PrinterOptions, 'retry' | 'reconnect' | 'encoding'>> & {
    encoding: string; retry: RetryPolicy; reconnect: { baseDelayMs: number; maxDelayMs: number };
  };
  private readonly queue: QueuedJob[] = [];
  private current: PrinterStatus | null = null;
  private seq = 0;
  private started = false;
  private closed = false;
  private working = false;
  private io: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private connectFailures = 0;
  private missedPolls = 0;
  /** whether the printer answered a status query since the connection opened */
  private heard = false;
  private readonly wakers = new Set<() => void>();
  private readonly onDisconnect = (err?: Error) => {
    this.emit('disconnect', err);
    this.setStatus(offlineStatus());
    this.schedulePoll(this.o.reconnect.baseDelayMs);
  };

  constructor(private readonly transport: PrinterTransport, opts: PrinterOptions) {
    super();
    this.id = opts.id;
    this.o = {
      id: opts.id, width: opts.width ?? 48, encoding: opts.encoding ?? 'GB18030',
      pollIntervalMs: opts.pollIntervalMs ?? 2000, statusTimeoutMs: opts.statusTimeoutMs ?? 1000,
      maxWaitMs: opts.maxWaitMs ?? 120_000,
      retry: { attempts: 5, baseDelayMs: 500, maxDelayMs: 10_000, ...opts.retry },
      reconnect: { baseDelayMs: 500, maxDelayMs: 10_000, ...opts.reconnect },
    };
    transport.on('disconnect', this.onDisconnect);
  }

  get kind() { return this.transport.kind; }
  get description() { return this.transport.description; }
  /** last known status; null before the first poll and for printers of type `none` */
  get status(): PrinterStatus | null { return this.current; }
  /** jobs not finished yet, the one being printed included */
  get pending(): number { return this.queue.length; }

  /** Connects and starts polling. enqueue() calls it too. */
  start(): this {
    if (this.started || this.closed) return this;
    this.started = true;
    if (this.transport.kind !== 'none') this.schedulePoll(0);
    return this;
  }

  /** Queues a ticket and returns at once; `done` settles when it is printed, skipped or failed. */
  enqueue(ticket: TicketPrint): PrintJob {
    const jobId = `${this.id}-${++this.seq}`;
    let bytes: Buffer;
    try {
      bytes = renderTicket(ticket, { width: this.o.width, encoding: this.o.encoding });
    } catch (err) {
      const result: JobResult = { jobId, number: ticket.number, status: 'failed', attempts: 0, error: (err as Error).message, cause: 'error', at: new Date() };
      this.emit('job', result);
      return { jobId, done: Promise.resolve(result) };
    }
    return this.enqueueRaw({ id: jobId, number: ticket.number, bytes });
  }

  /** Queues bytes already laid out; like enqueue(), it returns at once. */
  enqueueRaw(job: RawJob): PrintJob {
    const jobId = job.id;
    const finish = (r: Omit<JobResult, 'jobId' | 'number' | 'at'>) => {
      const result: JobResult = { jobId, number: job.number, at: new Date(), ...r };
      this.emit('job', result);
      return result;
    };
    if (this.closed) return { jobId, done: Promise.resolve(finish({ status: 'failed', attempts: 0, error: 'printer closed', cause: 'closed' })) };
    if (this.transport.kind === 'none') return { jobId, done: Promise.resolve(finish({ status: 'skipped', attempts: 0 })) };
    this.start();
    const done = new Promise<JobResult>((resolve) => {
      this.queue.push({ id: jobId, number: job.number, bytes: job.bytes, attempts: 0, enqueuedAt: Date.now(),
        maxWaitMs: job.maxWaitMs ?? this.o.maxWaitMs, journal: job.journal, resolve: (r) => resolve(r) });
    });
    void this.work();
    return { jobId, done: done.then((r) => finish(r)) };
  }

  /** Whether a job of this id is waiting or printing now. */
  has(jobId: string): boolean {
    return this.queue.some((j) => j.id === jobId);
  }

  /** Stops polling, fails what is still queued, closes the transport. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.wakeAll();
    this.transport.off('disconnect', this.onDisconnect);
    await this.transport.close(); // also ends a status read in progress
    await this.io.catch(() => {});
    for (const job of this.queue.splice(0)) job.resolve({ jobId: job.id, number: job.number, status: 'failed', attempts: job.attempts, error: 'printer closed', cause: 'closed', at: new Date() });
  }

  /** Runs transport I/O one operation at a time: a status reply must not meet another query. */
  private lock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.io.then(fn, fn);
    this.io = run.catch(() => {});
    return run;
  }

  private schedulePoll(delayMs: number): void {
    if (this.closed) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      // .catch: a poll that throws must not end polling for good.
      void this.refresh().catch(() => undefined).then(() => {
        if (this.pollTimer || this.closed) return; // a disconnect already scheduled the next one
        const connected = this.transport.isOpen;
        const { baseDelayMs, maxDelayMs } = this.o.reconnect;
        this.schedulePoll(connected ? this.o.pollIntervalMs : backoff(this.connectFailures, baseDelayMs, maxDelayMs));
      });
    }, delayMs);
  }

  /** Connects if needed and asks the printer for its status. Never throws. */
  private refresh(): Promise<PrinterStatus> {
    return this.lock(async () => {
      if (this.closed) return this.current ?? offlineStatus();
      if (!this.transport.isOpen) {
        try {
          await this.transport.open();
        } catch {
          this.connectFailures++;
          return this.setStatus(offlineStatus());
        }
        if (this.closed) {
          await this.transport.close(); // close() ran while we were connecting
          return offlineStatus();
        }
        this.connectFailures = 0;
        this.missedPolls = 0;
        this.heard = false;
        this.emit('connect');
      }
      const status = await readStatus(this.transport, this.o.statusTimeoutMs).catch(() => offlineStatus());
      if (status.raw.length) this.heard = true;
      // Never heard since opening, on a connection whose printer may be one-way: nothing is known.
      // Writes still tell: a printer unplugged fails them, and the transport reports the loss.
      else if (!this.heard && this.transport.mayBeOneWay && this.transport.isOpen) return this.setStatus(unknownStatus());
      // Two unanswered polls on an open connection: likely a half-open socket left by a power cycle
      // (no FIN ever came). Closing it makes the next poll reconnect.
      if (status.raw.length === 0 && ++this.missedPolls >= 2) {
        this.missedPolls = 0;
        await this.transport.close();
      } else if (status.raw.length) this.missedPolls = 0;
      return this.setStatus(status);
    });
  }

  private setStatus(s: PrinterStatus): PrinterStatus {
    const previous = this.current;
    this.current = s;
    if (!previous || previous.state !== s.state) {
      this.emit('status', s, previous);
      this.wakeAll();
    }
    return s;
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Sleeps until the status changes, close() is called or `ms` pass. */
  private waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wakers.add(done);
    });
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      while (!this.closed && this.queue.length) {
        const job = this.queue[0];
        const result = await this.runJob(job);
        if (this.queue[0] !== job) break; // close() already failed it
        this.queue.shift();
        job.resolve(result);
      }
    } finally {
      this.working = false;
    }
  }

  private async runJob(job: QueuedJob): Promise<JobResult> {
    const result = (status: JobResult['status'], more: Partial<JobResult> = {}): JobResult =>
      ({ jobId: job.id, number: job.number, status, attempts: job.attempts, at: new Date(), ...more });
    const { attempts, baseDelayMs, maxDelayMs } = this.o.retry;
    for (;;) {
      if (this.closed) return result('failed', { error: 'printer closed', cause: 'closed' });
      const left = job.enqueuedAt + job.maxWaitMs - Date.now();
      if (left <= 0) return result('failed', { error: `printer not ready (${this.current?.state ?? 'unknown'}) for ${job.maxWaitMs} ms`, cause: 'not-ready' });
      // Only a printer known to be ready gets a fresh check and the job: a printer out of paper
      // takes the bytes and may drop them, so the poller's word is awaited instead.
      const status = mayPrint(this.current) ? await this.refresh() : this.current;
      if (!mayPrint(status)) {
        await this.waitForChange(left);
        continue;
      }
      job.attempts++;
      let written = false;
      try {
        await this.lock(async () => {
          job.journal?.begin(job.id);
          await this.transport.write(job.bytes, { jobId: job.id, label: job.number });
          // Right after the last byte left, before anything else may run: a crash between the two
          // is what would print a job twice.
          job.journal?.written(job.id);
          written = true;
        });
        // DLE EOT is answered in order after the bytes before it: an answer proves they arrived.
        const after = await this.refresh();
        if (after.raw.length) return result('printed', { confirmed: true });
        if (after.state === 'unknown' || job.journal) return result('printed', { confirmed: false });
        throw new Error('printer did not answer after the job was sent');
      } catch (err) {
        // A journaled job whose bytes all went out is done, whatever happened after.
        if (written && job.journal) return result('printed', { confirmed: false, error: (err as Error).message });
        if (job.attempts >= attempts) return result('failed', { error: (err as Error).message, cause: 'error' });
        await this.waitForChange(backoff(job.attempts, baseDelayMs, maxDelayMs));
      }
    }
  }
}
