import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../src/services/auth/initial-admin.ts';
import { passwordProblems } from '../src/services/auth/password-policy.ts';
import { buildApp } from '../src/app.ts';
import { loadHallConfig } from '@onewindow/config';
import { apiRequest } from '@onewindow/protocol';
import { DEFAULT_CONFIG, manualClock, nextEvent, refused, ROOT, startTestServer, type TestServer } from './helper.ts';

describe('the password policy', () => {
  it('wants ten characters of two kinds, not the username, not a run, not a common password', () => {
    expect(passwordProblems('Kx7#mq2Lpw')).toEqual([]);
    expect(passwordProblems('password-123')).toEqual([]);
    expect(passwordProblems('short1')).toEqual(['TOO_SHORT']);
    expect(passwordProblems('onlyletterswithoutdigits')).toEqual(['TOO_FEW_KINDS']);
    expect(passwordProblems('1234567890')).toEqual(['TOO_FEW_KINDS', 'REPEATED_OR_RUN', 'COMMON']);
    expect(passwordProblems('aaaaaaaaaaaa')).toEqual(['TOO_FEW_KINDS', 'REPEATED_OR_RUN']);
    expect(passwordProblems('zhang.wei88', 'Zhang.Wei88')).toEqual(['SAME_AS_USERNAME']);
    expect(passwordProblems('Admin123456')).toEqual(['COMMON']);
    expect(passwordProblems('一窗受理政务服务中心2026')).toEqual([]);
  });
});

describe('people\'s credentials', () => {
  let srv: TestServer;
  let admin: string;
  beforeEach(async () => {
    srv = await startTestServer();
    admin = await srv.login();
  });
  afterEach(async () => { await srv.close(); });

  it('refuses weak passwords for new users and resets (422 WEAK_PASSWORD with what is wrong)', async () => {
    const weak = await refused(srv.api('/api/users', { token: admin, body: { username: 'clerk9', password: '12345678', name: '弱', role: 'clerk' } }));
    expect(weak).toEqual({ status: 422, code: 'WEAK_PASSWORD' });
    const clerk = await srv.user('clerk');
    expect(await refused(srv.api(`/api/users/${clerk.id}`, { token: admin, method: 'PATCH', body: { password: 'qwertyuiop' } })))
      .toEqual({ status: 422, code: 'WEAK_PASSWORD' });
    expect((await srv.api(`/api/users/${clerk.id}`, { token: admin, method: 'PATCH', body: { password: 'counter-7-pass' } })).username).toMatch(/clerk/);
  });

  it('a user changes their own password: the current one is proved, the policy applies, their other sessions end and their sockets close', async () => {
    const clerk = await srv.user('clerk', 'zhao');
    const other = await srv.login('zhao', 'password-123');
    const otherSocket = srv.socket({ token: other });
    await nextEvent(otherSocket, 'state');
    const change = (token: string, currentPassword: string, newPassword: string) =>
      srv.api('/api/auth/password', { token, body: { currentPassword, newPassword } });

    expect(await refused(change(clerk.token, 'wrong-password-1', 'a-better-one-42'))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    expect(await refused(change(clerk.token, 'password-123', 'zhao'))).toEqual({ status: 422, code: 'WEAK_PASSWORD' });
    expect(await refused(change(clerk.token, 'password-123', 'password-123'))).toEqual({ status: 422, code: 'WEAK_PASSWORD' });

    const closed = nextEvent(otherSocket, 'disconnect');
    expect((await change(clerk.token, 'password-123', 'a-better-one-42')).user.username).toBe('zhao');
    expect(await closed).toBe('io server disconnect');
    expect(await refused(srv.api('/api/auth/me', { token: other }))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect((await srv.api('/api/auth/me', { token: clerk.token })).user.username).toBe('zhao');
    expect(await refused(srv.login('zhao', 'password-123'))).toEqual({ status: 401, code: 'BAD_CREDENTIALS' });
    expect(await srv.login('zhao', 'a-better-one-42')).toMatch(/./);
    // A device has no password to change.
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    expect(await refused(change(kiosk, 'x', 'a-better-one-42'))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('the last enabled admin can neither disable themselves nor give up the role; with a second admin they can', async () => {
    const me = (await srv.api('/api/auth/me', { token: admin })).user.id;
    expect(await refused(srv.api(`/api/users/${me}`, { token: admin, method: 'PATCH', body: { disabled: true } }))).toEqual({ status: 409, code: 'LAST_ADMIN' });
    expect(await refused(srv.api(`/api/users/${me}`, { token: admin, method: 'PATCH', body: { role: 'supervisor' } }))).toEqual({ status: 409, code: 'LAST_ADMIN' });
    expect((await srv.api('/api/auth/me', { token: admin })).user.role).toBe('admin');
    const second = await srv.user('admin');
    // A disabled admin does not count as the other one.
    await srv.api(`/api/users/${second.id}`, { token: admin, method: 'PATCH', body: { disabled: true } });
    expect(await refused(srv.api(`/api/users/${me}`, { token: admin, method: 'PATCH', body: { disabled: true } }))).toEqual({ status: 409, code: 'LAST_ADMIN' });
    await srv.api(`/api/users/${second.id}`, { token: admin, method: 'PATCH', body: { disabled: false } });
    expect((await srv.api(`/api/users/${me}`, { token: admin, method: 'PATCH', body: { role: 'supervisor' } })).role).toBe('supervisor');
  });

  it('a socket is closed when its session expires, and a device\'s when it is given a new pairing code', async () => {
    const supervisor = await srv.user('supervisor');
    const wall = srv.socket({ token: supervisor.token });
    await nextEvent(wall, 'state');
    const { id: screenId, pairingCode } = await srv.api('/api/devices', { token: admin, body: { kind: 'display', name: '大屏' } });
    const screenToken = (await srv.api('/api/devices/pair', { body: { pairingCode } })).token;
    const screen = srv.socket({ token: screenToken });
    await nextEvent(screen, 'state');

    // Sixteen hours later the supervisor's session has ended: the periodic job closes the socket.
    srv.clock.advance(16 * 3600_000 + 1000);
    const wallClosed = nextEvent(wall, 'disconnect');
    srv.ctx.auth.expireDue();
    expect(await wallClosed).toBe('io server disconnect');
    expect(screen.connected).toBe(true);

    const screenClosed = nextEvent(screen, 'disconnect');
    await srv.api(`/api/devices/${screenId}/pairing-code`, { token: await srv.login(), body: {} });
    expect(await screenClosed).toBe('io server disconnect');
    expect(await refused(srv.api('/api/auth/me', { token: screenToken }))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
  });
});

describe('the first admin\'s generated password', () => {
  it('must be replaced at the first sign-in; until then only /api/auth answers; then its file is gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-first-admin-'));
    const app = await buildApp({ config: loadHallConfig(DEFAULT_CONFIG), dataDir, clock: manualClock(), root: ROOT, timers: false });
    try {
      const first = await ensureAdmin(app.services.auth, dataDir);
      expect(first.password).toBeTruthy();
      expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.password);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const signIn = await apiRequest<{ token: string; user: { mustChangePassword?: boolean } }>(url, '/api/auth/login', { body: { username: 'admin', password: first.password } });
      expect(signIn.user.mustChangePassword).toBe(true);
      const token = signIn.token;
      expect(await refused(apiRequest(url, '/api/users', { token }))).toEqual({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
      expect(await refused(apiRequest(url, '/api/devices', { token, body: { kind: 'display', name: 'x' } }))).toEqual({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
      expect((await apiRequest<{ user: { mustChangePassword?: boolean } }>(url, '/api/auth/me', { token })).user.mustChangePassword).toBe(true);
      expect(existsSync(first.file!)).toBe(true);

      const changed = await apiRequest<{ user: { mustChangePassword?: boolean } }>(url, '/api/auth/password', { token, body: { currentPassword: first.password, newPassword: 'hall-admin-2026' } });
      expect(changed.user.mustChangePassword).toBeUndefined();
      expect(existsSync(first.file!)).toBe(false);
      expect((await apiRequest<{ users: unknown[] }>(url, '/api/users', { token })).users).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
