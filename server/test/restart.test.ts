import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest } from '@onewindow/protocol';
import { manualClock, startTestServer } from './helper.ts';
import { freePort, startServerProcess } from './process.ts';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('kill -9 and restart', () => {
  it('loses nothing committed: numbers, places, current tickets and device tokens survive', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-kill-'));
    dirs.push(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const api = <T = any>(path: string, o?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(url, path, o);

    let server = await startServerProcess({ dataDir, port });
    const admin = (await api('/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    const { pairingCode } = await api('/api/devices', { token: admin, body: { kind: 'kiosk', name: 'K1', kioskId: 'K1' } });
    const kiosk = (await api('/api/devices/pair', { body: { pairingCode } })).token;
    await api('/api/users', { token: admin, body: { username: 'li', password: 'password-123', name: '李娜', role: 'clerk' } });
    const clerk = (await api('/api/auth/login', { body: { username: 'li', password: 'password-123' } })).token;
    const issued = [];
    for (let i = 0; i < 5; i++) issued.push((await api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } })).ticket);
    await api('/api/windows/W01/sign-in', { token: clerk, body: {} });
    const called = (await api('/api/windows/W01/call-next', { token: clerk, body: {} })).ticket;
    const before = (await api('/api/tickets', { token: clerk })).tickets;

    await server.stop('SIGKILL');
    server = await startServerProcess({ dataDir, port });
    try {
      const after = (await api('/api/tickets', { token: clerk })).tickets;
      expect(after.map((t: any) => [t.number, t.status, t.ahead])).toEqual(before.map((t: any) => [t.number, t.status, t.ahead]));
      expect(called.number).toBe('A001');
      const next = (await api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } })).ticket;
      expect(next.number).toBe('A006');
      const finished = await api('/api/windows/W01/finish', { token: clerk, body: { outcome: 'done' } });
      expect(finished.ticket.id).toBe(issued[0].id);
      expect((await api('/api/windows/W01/call-next', { token: clerk, body: {} })).ticket.number).toBe('A002');
      expect(readFileSync(join(dataDir, 'onewindow.db-wal')).length).toBeGreaterThan(0);
    } finally {
      await server.stop('SIGTERM');
    }
    expect(server.child.exitCode).toBe(0);
  }, 90_000);
});

describe('numbering across days and restarts', () => {
  it('continues numbers after a restart, restarts them at the daily reset, and expires leftovers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-days-'));
    dirs.push(dataDir);
    const clock = manualClock();
    let srv = await startTestServer({ dataDir, clock });
    let guide = await srv.user('supervisor', 'guide1');
    expect((await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket.number).toBe('B001');
    const left = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket;
    await srv.close();

    srv = await startTestServer({ dataDir, clock });
    guide.token = await srv.login('guide1', 'password-123');
    expect((await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket.number).toBe('B003');
    // 03:59 the next morning still belongs to Monday's business day (reset at 04:00).
    clock.set(Date.UTC(2026, 10, 23, 19, 59));
    guide.token = await srv.login('guide1', 'password-123');
    expect((await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket.number).toBe('B004');
    clock.set(Date.UTC(2026, 10, 24, 1, 30));
    // Sessions last a working day: the supervisor signs in again on Tuesday.
    guide.token = await srv.login('guide1', 'password-123');
    const tuesday = (await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket;
    expect(tuesday.number).toBe('B001');
    expect(tuesday.issuedAt.slice(0, 10)).toBe('2026-11-24');
    const row = srv.db.prepare('SELECT status, day FROM tickets WHERE id = ?').get(left.id) as { status: string; day: string };
    expect(row).toEqual({ status: 'expired', day: '2026-11-23' });
    const track = await srv.api(`/api/tickets/track/${left.trackToken}`);
    expect(track.status).toBe('expired');
    await srv.close();

    srv = await startTestServer({ dataDir, clock });
    guide.token = await srv.login('guide1', 'password-123');
    expect((await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } })).ticket.number).toBe('B002');
    await srv.close();
  }, 60_000);
});
