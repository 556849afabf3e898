import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { apiRequest } from '@onewindow/protocol';
import { DEFAULT_CONFIG } from './helper.ts';
import { startServerProcess, type ServerProcess } from './process.ts';

/**
 * `kill -HUP` holds the hall file to the console's rules: a file that takes away a service tickets
 * wait for, or a window serving one, is refused, the hall runs on as it was, and supervisors are
 * told. The real server process, as systemd runs it.
 */
describe('a reload by SIGHUP', () => {
  let dir: string;
  let file: string;
  let server: ServerProcess;
  let admin: string;
  let guide: string;
  const api = <T = any>(path: string, o?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(server.url, path, o);
  /** The hall file without a service (and its mentions) or a window, as an operator would save it. */
  const without = (what: { service?: string; window?: string; notice?: string }) => {
    const c = parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
    if (what.service) {
      c.services = c.services.filter((s: { id: string }) => s.id !== what.service);
      for (const w of c.windows) w.skills = w.skills.filter((s: string) => s !== what.service);
    }
    if (what.window) c.windows = c.windows.filter((w: { id: string }) => w.id !== what.window);
    if (what.notice) c.hall.notice = what.notice;
    writeFileSync(file, stringify(c));
  };
  const hup = async (expectInOutput: RegExp) => {
    const before = server.output().length;
    server.child.kill('SIGHUP');
    await expect.poll(() => server.output().slice(before), { timeout: 10_000 }).toMatch(expectInOutput);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-reload-'));
    file = join(dir, 'hall.yaml');
    copyFileSync(DEFAULT_CONFIG, file);
    server = await startServerProcess({ dataDir: join(dir, 'data'), config: file });
    admin = (await api<{ token: string }>('/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    await api('/api/users', { token: admin, body: { username: 'guide1', password: 'password-123', name: '导服', role: 'guide' } });
    await api('/api/users', { token: admin, body: { username: 'clerk1', password: 'password-123', name: '窗口', role: 'clerk' } });
    guide = (await api<{ token: string }>('/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file without a service tickets still wait for: the service stays, the log and an alert say why', async () => {
    for (let i = 0; i < 3; i++) await api('/api/tickets', { token: guide, body: { serviceId: 'fund' } });
    without({ service: 'fund', notice: '新的公告' });
    await hup(/CONFIG_IN_USE/);
    const hall = await api<{ services: { id: string }[]; notice?: string }>('/api/hall', { token: admin });
    expect(hall.services.map((s) => s.id)).toContain('fund');
    const alerts = (await api<{ alerts: { kind: string; level: string; message: string }[] }>('/api/alerts', { token: admin })).alerts;
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'config-refused', level: 'critical', message: expect.stringContaining('services[fund]') }));
    // Still issuing for it, numbers going on.
    expect((await api<{ ticket: { number: string } }>('/api/tickets', { token: guide, body: { serviceId: 'fund' } })).ticket.number).toBe('E004');
  }, 30_000);

  it('refuses a file without a window that is serving a ticket', async () => {
    const clerk = (await api<{ token: string }>('/api/auth/login', { body: { username: 'clerk1', password: 'password-123' } })).token;
    await api('/api/tickets', { token: guide, body: { serviceId: 'permit' } });
    await api('/api/windows/W09/sign-in', { token: clerk, body: {} });
    expect((await api<{ ticket: { number: string } }>('/api/windows/W09/call-next', { token: clerk, body: {} })).ticket.number).toBe('F001');
    without({ window: 'W09' });
    await hup(/CONFIG_IN_USE.*windows\[W09\]/);
    expect((await api<{ windows: { id: string }[] }>('/api/hall', { token: admin })).windows.map((w) => w.id)).toContain('W09');
    await api('/api/windows/W09/finish', { token: clerk, body: { outcome: 'done' } });
    await api('/api/windows/W09/sign-out', { token: clerk, body: {} });
  }, 30_000);

  it('applies a file that takes nothing in use away, and an invalid one changes nothing', async () => {
    writeFileSync(file, 'hall: [not a hall file');
    await hup(/CONFIG_INVALID/);
    without({ window: 'W09', notice: '新的公告' });
    await hup(/configuration reloaded/);
    const hall = await api<{ windows: { id: string }[] }>('/api/hall', { token: admin });
    expect(hall.windows.map((w) => w.id)).not.toContain('W09');
  }, 30_000);
});
