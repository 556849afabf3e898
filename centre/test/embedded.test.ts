import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest } from '@onewindow/protocol';
import { syntheticDay } from '../src/testing/synthetic-day.ts';
import { startEmbedded } from '../src/store/embedded.ts';
import { CENTRE_ADMIN, startCentreProcess, type CentreProcess } from './processes.ts';

/**
 * `npm run centre` on a machine with nothing else: the centre starts its own PostgreSQL from the
 * npm package in ONEWINDOW_CENTRE_DATA, and a SIGKILL of the centre (which leaves that PostgreSQL
 * running, an orphan) loses nothing stored: the next start shuts the orphan down and goes on.
 */
const dir = mkdtempSync(join(tmpdir(), 'ow-embedded-'));
chmodSync(dir, 0o755);
let centre: CentreProcess | null = null;
afterAll(async () => {
  await centre?.stop('SIGTERM').catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

const postmasterPid = () => Number(readFileSync(join(dir, 'centre', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('the embedded PostgreSQL', () => {
  it('starts with the centre, survives a SIGKILL of the centre without losing what was stored, and stops with it', async () => {
    const env = { ONEWINDOW_CENTRE_DATA: join(dir, 'centre'), DATABASE_URL: '' };
    centre = await startCentreProcess(env);
    const login = async () => (await apiRequest<{ token: string }>(centre!.url, '/api/auth/login', { body: { username: 'admin', password: CENTRE_ADMIN } })).token;
    let token = await login();
    const { key } = await apiRequest<{ key: string }>(centre.url, '/api/district/halls', { token, body: { id: 'e1', name: '测试厅', level: 'community' } });
    const log = syntheticDay({ day: '2026-11-23', visits: 40 });
    await apiRequest(centre.url, '/api/halls/e1/events', { token: key, body: { events: log.slice(0, 100) } });
    const pg = postmasterPid();

    await centre.stop('SIGKILL');
    expect(alive(pg)).toBe(true); // the orphan
    centre = await startCentreProcess(env, centre.port);
    expect(alive(pg)).toBe(false);
    token = await login();
    const r = await apiRequest<{ stored: number; duplicates: number; shippedSeq: number }>(centre.url, '/api/halls/e1/events', { token: key, body: { events: log.slice(50) } });
    expect(r).toMatchObject({ stored: log.length - 100, duplicates: 50, shippedSeq: log.length });
    const { events } = await apiRequest<{ events: { seq: number }[] }>(centre.url, `/api/district/halls/e1/events?limit=10000`, { token });
    expect(events.map((e) => e.seq)).toEqual(log.map((e) => e.seq));

    const second = postmasterPid();
    await centre.stop('SIGTERM');
    centre = null;
    expect(alive(second)).toBe(false);
    expect(existsSync(join(dir, 'centre', 'pg', 'postmaster.pid'))).toBe(false);
    // The cluster belongs to the OS user `postgres` when the tests run as root (PostgreSQL refuses root).
    if (process.getuid?.() === 0) expect(execFileSync('stat', ['-c', '%U', join(dir, 'centre', 'pg')]).toString().trim()).toBe('postgres');
  }, 120_000);

  // Only as root does PostgreSQL run as another user (`postgres`), who may be shut out of a private folder.
  it.runIf(process.getuid?.() === 0)('as root, a cluster in a folder the postgres user cannot pass is refused with the folder named, before anything is spawned', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'ow-closed-')); // 0700, like /root or mktemp -d
    try {
      const started = startEmbedded(join(closed, 'centre'));
      await expect(started).rejects.toThrow(`cannot pass through ${closed} to reach its cluster`);
      await expect(started).rejects.toThrow('chmod o+x');
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
