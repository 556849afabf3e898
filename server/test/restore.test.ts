import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest, ApiError } from '@onewindow/protocol';
import { ROOT } from './helper.ts';
import { startServerProcess, type ServerProcess } from './process.ts';

/** `npm run restore` from the sources, as an operator runs it; PORT is whatever the operator's shell has. */
function restore(dataDir: string, backup: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/restore.ts'), backup], {
    cwd: ROOT, env: { ...process.env, ONEWINDOW_DATA: dataDir, ...env }, encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const numbers = (dataDir: string) => {
  const db = new Database(join(dataDir, 'onewindow.db'), { readonly: true });
  try {
    return (db.prepare('SELECT number FROM tickets ORDER BY number').all() as { number: string }[]).map((r) => r.number);
  } finally {
    db.close();
  }
};

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as ApiError).status;
  }
}

describe('npm run restore', () => {
  const dirs: string[] = [];
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses while the server runs on the data folder, whatever its port, and loses nothing; once stopped it restores the tickets and keeps today\'s credentials and numbers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-restore-live-'));
    dirs.push(dataDir);
    // Not on 8080: the old check tried 127.0.0.1:$PORT and, finding nothing there, went ahead.
    server = await startServerProcess({ dataDir });
    const url = server.url;
    const admin = (await apiRequest<{ token: string }>(url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    await apiRequest(url, '/api/users', { token: admin, body: { username: 'guide1', password: 'password-123', name: '导服', role: 'guide' } });
    await apiRequest(url, '/api/users', { token: admin, body: { username: 'leaver', password: 'password-123', name: '离职', role: 'clerk' } });
    const guide = (await apiRequest<{ token: string }>(url, '/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
    const leaver = await apiRequest<{ token: string; user: { id: string } }>(url, '/api/auth/login', { body: { username: 'leaver', password: 'password-123' } });
    const { id: screenId, pairingCode } = await apiRequest<{ id: string; pairingCode: string }>(url, '/api/devices', { token: admin, body: { kind: 'display', name: '大屏' } });
    const screen = (await apiRequest<{ token: string }>(url, '/api/devices/pair', { body: { pairingCode } })).token;
    const issue = async () => (await apiRequest<{ ticket: { number: string } }>(url, '/api/tickets', { token: guide, body: { serviceId: 'biz' } })).ticket.number;
    for (let i = 0; i < 3; i++) await issue();
    const backup = (await apiRequest<{ file: string }>(url, '/api/admin/backups', { token: admin, body: {} })).file;
    for (let i = 0; i < 4; i++) await issue();
    // After the backup: the screen is unpaired, the leaver disabled, the guide's other session signed out.
    const stolen = (await apiRequest<{ token: string }>(url, '/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
    await apiRequest(url, `/api/devices/${screenId}`, { token: admin, method: 'DELETE' });
    await apiRequest(url, `/api/users/${leaver.user.id}`, { token: admin, method: 'PATCH', body: { disabled: true } });
    await apiRequest(url, '/api/auth/logout', { token: stolen, body: {} });

    // While the server runs: refused, on any port, and nothing is touched.
    for (const env of [{}, { PORT: '8080' }, { PORT: String(server.port) }] as Record<string, string>[]) {
      const r = restore(dataDir, backup, env);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(/in use by another OneWindow process \(the OneWindow server, pid \d+/);
    }
    expect(existsSync(join(dataDir, 'onewindow.db-wal'))).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect(await issue()).toBe('A008');
    expect(numbers(dataDir)).toHaveLength(8);

    // Stopped: the backup goes in; the database that was in place is kept, whole.
    await server.stop();
    server = null;
    const r = restore(dataDir, backup);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('kept today\'s credentials');
    expect(r.out).toContain('go on above A8');
    // Its -wal and -shm, if any are left, go with it under the same name: never deleted.
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('onewindow.db.before-restore-') && !/-(wal|shm)$/.test(f));
    expect(kept).toHaveLength(1);
    const old = new Database(join(dataDir, kept[0]), { readonly: true });
    expect((old.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n).toBe(8);
    old.close();
    expect(numbers(dataDir)).toEqual(['A001', 'A002', 'A003']);

    server = await startServerProcess({ dataDir });
    const url2 = server.url;
    // What was revoked after the backup stays revoked; what was granted stays granted.
    expect(await status(apiRequest(url2, '/api/auth/me', { token: screen }))).toBe(401);
    expect(await status(apiRequest(url2, '/api/auth/me', { token: stolen }))).toBe(401);
    expect(await status(apiRequest(url2, '/api/auth/login', { body: { username: 'leaver', password: 'password-123' } }))).toBe(403);
    expect(await status(apiRequest(url2, '/api/auth/me', { token: guide }))).toBe(200);
    // The same day goes on above the numbers already handed out: A008 is in a visitor's hand.
    const next = (await apiRequest<{ ticket: { number: string } }>(url2, '/api/tickets', { token: guide, body: { serviceId: 'biz' } })).ticket.number;
    expect(next).toBe('A009');
    // The supervisors hear of it on the wall, once: without a district centre, call A004–A008 from their slips.
    const admin2 = (await apiRequest<{ token: string }>(url2, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    const { alerts } = await apiRequest<{ alerts: { kind: string; level: string; message: string }[] }>(url2, '/api/alerts', { token: admin2 });
    expect(alerts.filter((a) => a.kind === 'restored')).toEqual([expect.objectContaining({ level: 'critical', message: expect.stringMatching(/^数据已从备份 onewindow-.*\.db 恢复.*：备份之后取的号 A004–A008 不在队列中，请按票根叫号$/) })]);
    await server.stop();
    server = null;
  }, 120_000);

  it('when the database in place cannot be read, takes every token of the backup back and says which accounts to check', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-restore-broken-'));
    dirs.push(dataDir);
    server = await startServerProcess({ dataDir });
    const url = server.url;
    const admin = (await apiRequest<{ token: string }>(url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    const { pairingCode } = await apiRequest<{ pairingCode: string }>(url, '/api/devices', { token: admin, body: { kind: 'display', name: '大屏' } });
    const screen = (await apiRequest<{ token: string }>(url, '/api/devices/pair', { body: { pairingCode } })).token;
    const backup = (await apiRequest<{ file: string }>(url, '/api/admin/backups', { token: admin, body: {} })).file;
    await server.stop();
    server = null;
    writeFileSync(join(dataDir, 'onewindow.db'), 'not a database any more');

    const r = restore(dataDir, backup);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/could not be read: every token of the backup was taken back \(\d+ session\(s\), 1 device\(s\)\)/);
    expect(r.out).toContain('check these accounts');
    server = await startServerProcess({ dataDir });
    expect(await status(apiRequest(server.url, '/api/auth/me', { token: screen }))).toBe(401);
    expect(await status(apiRequest(server.url, '/api/auth/me', { token: admin }))).toBe(401);
    expect(await status(apiRequest(server.url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } }))).toBe(200);
  }, 120_000);

  it('a second server on the same data folder does not start', async () => {
    expect(server).not.toBeNull();
    const second = startServerProcess({ dataDir: dirs[1] });
    await expect(second).rejects.toThrow(/in use by another OneWindow process/);
  }, 60_000);
});
