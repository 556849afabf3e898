import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalSync } from './wal-sync.ts';

let dir: string;
let wal: string;
let proto: { datasync(): Promise<void> };
let realDatasync: () => Promise<void>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ow-walsync-'));
  wal = join(dir, 'onewindow.db-wal');
  writeFileSync(wal, 'frames');
  const h = await open(wal, 'r');
  proto = Object.getPrototypeOf(h);
  realDatasync = proto.datasync;
  await h.close();
});
afterEach(() => {
  proto.datasync = realDatasync;
  rmSync(dir, { recursive: true, force: true });
});

/** Counts the flushes really made, each taking `ms`, and whether they ever overlap. */
function slowFlushes(ms: number) {
  const seen = { started: 0, running: 0, overlapped: false };
  proto.datasync = async function (this: unknown) {
    seen.started++;
    seen.overlapped ||= seen.running > 0;
    seen.running++;
    try {
      await new Promise((r) => setTimeout(r, ms));
      return await realDatasync.call(this);
    } finally {
      seen.running--;
    }
  };
  return seen;
}

describe('flushing the write-ahead log off the event loop', () => {
  it('a call made while a flush runs waits for the next flush, which the calls made meanwhile share', async () => {
    const ws = new WalSync(wal);
    const seen = slowFlushes(40);
    const order: string[] = [];
    const first = ws.sync().then(() => order.push('first'));
    const during = [ws.sync(), ws.sync(), ws.sync()].map((p, i) => p.then(() => order.push(`during ${i}`)));
    await Promise.all([first, ...during]);
    // The first flush may have begun before the later callers' writes: they need one begun after.
    expect(order[0]).toBe('first');
    expect(seen.started).toBe(2);
    expect(seen.overlapped).toBe(false);
    await ws.sync();
    expect(seen.started).toBe(3);
    await ws.close();
  });

  it('a flush the disk refuses rejects with a storage failure code; the next call tries again', async () => {
    const ws = new WalSync(wal);
    proto.datasync = async () => { throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }); };
    await expect(ws.sync()).rejects.toMatchObject({ code: 'SQLITE_IOERR_FSYNC' });
    proto.datasync = realDatasync;
    await expect(ws.sync()).resolves.toBeUndefined();
    await ws.close();
  });

  it('refuses when the log cannot be opened, and after close', async () => {
    await expect(new WalSync(join(dir, 'missing-wal')).sync()).rejects.toMatchObject({ code: 'SQLITE_IOERR_FSYNC' });
    const ws = new WalSync(wal);
    await ws.sync();
    await ws.close();
    await expect(ws.sync()).rejects.toMatchObject({ code: 'SQLITE_MISUSE' });
  });
});
