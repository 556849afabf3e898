import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, refused, ROOT, startTestServer, type TestServer } from './helper.ts';

let srv: TestServer;
beforeEach(async () => { srv = await startTestServer(); });
afterEach(async () => { await srv.close(); });

describe('a full disk stops issuing instead of issuing tickets it cannot keep', () => {
  it('answers 503 STORE_UNAVAILABLE, reports degraded health, and recovers when space returns', async () => {
    const guide = await srv.user('guide');
    const first = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } })).ticket;
    // SQLite's own size cap is a real "disk full": inserts fail with SQLITE_FULL.
    const pages = srv.db.pragma('page_count', { simple: true }) as number;
    srv.db.pragma(`max_page_count = ${pages}`);
    let failure = { status: 0, code: '' };
    for (let i = 0; i < 50 && failure.status === 0; i++) {
      failure = await refused(srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } }));
    }
    expect(failure).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
    const health = await fetch(`${srv.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', storage: { code: 'SQLITE_FULL' } });
    const before = srv.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
    const inMemory = srv.ctx.hall.state.tickets.size;
    expect(inMemory).toBe(before.n);

    srv.db.pragma('max_page_count = 1073741823');
    const next = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } })).ticket;
    expect(Number(next.number.slice(1))).toBe(before.n + 1);
    expect(first.number).toBe('A001');
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  });
});

describe('a full disk under a sign-in', () => {
  it('answers 503 STORE_UNAVAILABLE (not 500), health is degraded, and both recover when space returns', async () => {
    // Fill the sessions table's pages to SQLite's size cap, so that the next sign-in's session
    // cannot be stored: a real SQLITE_FULL from a write that is not a hall command.
    const admin = srv.db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string };
    srv.db.pragma(`max_page_count = ${srv.db.pragma('page_count', { simple: true }) as number}`);
    const fill = srv.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at) VALUES (?, ?, 0, 0, 0)');
    expect(() => { for (let i = 0; ; i++) fill.run(`filler-${i}`, admin.id); }).toThrow(/full/);

    const r = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(r.status).toBe(503);
    expect((await r.json()).error.code).toBe('STORE_UNAVAILABLE');
    const degraded = await fetch(`${srv.url}/api/health`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toMatchObject({ status: 'degraded', storage: { code: 'SQLITE_FULL' } });

    srv.db.pragma('max_page_count = 1073741823');
    srv.clock.advance(3000);
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
    expect(await srv.login()).toMatch(/./);
  });
});

describe('the hall\'s files', () => {
  it('the database, its -wal and -shm, and every backup are readable by the server\'s user only (0600)', async () => {
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });
    const db = join(srv.dataDir, 'onewindow.db');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) expect([f, statSync(f).mode & 0o777]).toEqual([f, 0o600]);
    const b = await srv.api('/api/admin/backups', { token: await srv.login(), body: {} });
    expect(statSync(b.file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(srv.dataDir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('a database left world-readable by an older version is narrowed to 0600 at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-modes-'));
    try {
      const old = new Database(join(dataDir, 'onewindow.db'));
      old.pragma('journal_mode = WAL');
      old.close();
      chmodSync(join(dataDir, 'onewindow.db'), 0o644);
      const again = await startTestServer({ dataDir });
      try {
        expect(statSync(join(dataDir, 'onewindow.db')).mode & 0o777).toBe(0o600);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('backups', () => {
  it('backs up online and restores with one command', async () => {
    const guide = await srv.user('guide');
    for (let i = 0; i < 3; i++) await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'prop' } });
    const admin = await srv.login();
    expect(await refused(srv.api('/api/admin/backups', { token: guide.token, body: {} }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const b = await srv.api('/api/admin/backups', { token: admin, body: {} });
    expect(existsSync(b.file)).toBe(true);
    const list = await srv.api('/api/admin/backups', { token: admin });
    expect(list.backups[0].file).toBe(b.file);

    const target = mkdtempSync(join(tmpdir(), 'ow-restore-'));
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/restore.ts'), b.file], {
        cwd: ROOT, env: { ...process.env, ONEWINDOW_DATA: target, PORT: '1' }, encoding: 'utf8',
      });
      expect(out).toContain('restored');
      const db = new Database(join(target, 'onewindow.db'), { readonly: true });
      const numbers = db.prepare('SELECT number FROM tickets ORDER BY number').all().map((r: any) => r.number);
      db.close();
      expect(numbers).toEqual(['C001', 'C002', 'C003']);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
