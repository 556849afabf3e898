// api.md's Starting section, on the real process as `npm run serve` runs it: ONEWINDOW_DATA and
// ONEWINDOW_CONFIG, the first admin's password when none is given (printed once, written 0600),
// and SIGTERM/SIGINT shutting down cleanly with a restart continuing the same day and numbers.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest } from '@onewindow/protocol';
import { DEFAULT_CONFIG } from '../helper.ts';
import { startServerProcess } from '../process.ts';

describe('api.md: starting', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-starting-'));
  const configDir = mkdtempSync(join(tmpdir(), 'ow-starting-config-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  });

  it('makes a random admin password when none is given, prints it once and writes it 0600; SIGTERM and SIGINT stop cleanly and a restart goes on with the same day and numbers', async () => {
    const config = join(configDir, 'my-hall.yaml');
    copyFileSync(DEFAULT_CONFIG, config);
    let server = await startServerProcess({ dataDir, config, env: { ONEWINDOW_ADMIN_PASSWORD: '' } });
    let first: { number: string; id: string };
    let day: string;
    let password: string;
    try {
      const file = join(dataDir, 'initial-admin-password');
      password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(server.output()).toContain(password);
      expect(server.output()).toContain(`config:    ${config}`);
      const admin = (await apiRequest<{ token: string }>(server.url, '/api/auth/login', { body: { username: 'admin', password } })).token;
      // Extension (issue 19): a generated first password is replaced before anything else, and its file goes.
      await apiRequest(server.url, '/api/auth/password', { token: admin, body: { currentPassword: password, newPassword: 'hall-admin-2026' } });
      expect(existsSync(file)).toBe(false);
      await apiRequest(server.url, '/api/users', { token: admin, body: { username: 'guide1', password: 'password-123', name: '导服', role: 'guide' } });
      const guide = (await apiRequest<{ token: string }>(server.url, '/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
      first = (await apiRequest<{ ticket: { number: string; id: string } }>(server.url, '/api/tickets', { token: guide, body: { serviceId: 'biz' } })).ticket;
      day = (await apiRequest<{ day: string }>(server.url, '/api/health')).day;
    } finally {
      await server.stop('SIGTERM');
    }
    expect(server.child.exitCode).toBe(0);
    expect(server.output()).toContain('SIGTERM, shutting down cleanly');

    server = await startServerProcess({ dataDir, config, env: { ONEWINDOW_ADMIN_PASSWORD: '' } });
    try {
      // The password is printed on the first start only.
      expect(server.output()).not.toContain(password);
      expect((await apiRequest<{ day: string }>(server.url, '/api/health')).day).toBe(day);
      const guide = (await apiRequest<{ token: string }>(server.url, '/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
      const next = (await apiRequest<{ ticket: { number: string } }>(server.url, '/api/tickets', { token: guide, body: { serviceId: 'biz' } })).ticket;
      expect(next.number).toBe(`A${String(Number(first.number.slice(1)) + 1).padStart(first.number.length - 1, '0')}`);
    } finally {
      await server.stop('SIGINT');
    }
    expect(server.child.exitCode).toBe(0);
  }, 90_000);
});
