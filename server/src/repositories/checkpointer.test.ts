import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db.ts';
import { startCheckpointer, type Checkpoint } from './checkpointer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fill(db: ReturnType<typeof openDatabase>, rows: number) {
  const ins = db.prepare('INSERT INTO probe VALUES (?)');
  for (let i = 0; i < rows; i += 10) db.transaction(() => { for (let j = 0; j < 10; j++) ins.run('x'.repeat(400)); })();
}

describe('the WAL checkpointer', () => {
  it('copies the WAL into the database from its worker; the hall\'s own COMMITs never do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-ckpt-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    db.exec('CREATE TABLE probe (x TEXT)');
    const seen: Checkpoint[] = [];
    const c = startCheckpointer(db, { intervalMs: 60_000, onCheckpoint: (x) => seen.push(x) });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(join(dir, 'onewindow.db')).size;
    // Far past the 1,000 pages SQLite would checkpoint at by itself.
    fill(db, 12_000);
    expect(statSync(join(dir, 'onewindow.db')).size).toBe(before);
    expect(statSync(join(dir, 'onewindow.db-wal')).size).toBeGreaterThan(4_000_000);

    c.now();
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen[0]).toMatchObject({ busy: 0 });
    expect(seen[0].checkpointed).toBe(seen[0].log);
    expect(seen[0].log).toBeGreaterThan(1000);
    expect(statSync(join(dir, 'onewindow.db')).size).toBeGreaterThan(4_000_000);
    // The writer goes on, and its data is all there.
    fill(db, 100);
    expect(db.prepare('SELECT COUNT(*) AS n FROM probe').get()).toEqual({ n: 12_100 });
    await c.stop();
    db.close();
  });

  it('stops when asked, even twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-ckpt-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    const c = startCheckpointer(db, { intervalMs: 10 });
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([c.stop(), c.stop()]);
    db.close();
  });
});
