import { open, type FileHandle } from 'node:fs/promises';

interface Waiting { promise: Promise<void>; resolve(): void; reject(err: unknown): void }

/**
 * Puts what SQLite committed to its write-ahead log on disk without holding up the event loop.
 *
 * The hall's connection runs with synchronous=NORMAL (db.ts): a COMMIT writes the log but does not
 * wait for the disk, which on this kind of machine now and then takes 50–350 ms and, inside the
 * synchronous SQLite call, froze every request and screen for that long. `sync()` flushes the log
 * file from libuv's thread pool instead, and the hall tells nobody and answers nobody until it
 * has (hall.service.ts, plugins/durable.ts): what anyone was told survives a power cut, as with
 * synchronous=FULL. Calls made while a flush runs share the next one, since the running flush may
 * have started before their writes: one fdatasync covers every commit made before it started.
 */
export class WalSync {
  private handle: Promise<FileHandle> | null = null;
  private running: Promise<void> | null = null;
  private next: Waiting | null = null;
  private closed = false;

  constructor(private readonly walFile: string) {}

  /** Settles once everything written to the log before this call is on disk. */
  sync(): Promise<void> {
    if (!this.running) return this.start();
    if (!this.next) {
      let resolve!: () => void, reject!: (err: unknown) => void;
      const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
      this.next = { promise, resolve, reject };
    }
    return this.next.promise;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
    const h = this.handle;
    this.handle = null;
    await h?.then((f) => f.close(), () => undefined);
  }

  private start(): Promise<void> {
    const run = this.flush().finally(() => {
      this.running = null;
      const waiting = this.next;
      this.next = null;
      if (waiting) this.start().then(waiting.resolve, waiting.reject);
    });
    this.running = run;
    return run;
  }

  private async flush(): Promise<void> {
    if (this.closed) throw Object.assign(new Error('the hall\'s database is closed'), { code: 'SQLITE_MISUSE' });
    // The log file lives as long as the hall's connection: SQLite removes it only when the last
    // connection closes, so one handle serves the whole run.
    this.handle ??= open(this.walFile, 'r');
    let file: FileHandle;
    try {
      file = await this.handle;
    } catch (err) {
      this.handle = null;
      throw Object.assign(err as Error, { code: 'SQLITE_IOERR_FSYNC' });
    }
    try {
      await file.datasync();
    } catch (err) {
      throw Object.assign(err as Error, { code: 'SQLITE_IOERR_FSYNC' });
    }
  }
}
