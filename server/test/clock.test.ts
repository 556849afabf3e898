import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { apiRequest } from '@onewindow/protocol';
import { buildApp } from '../src/app.ts';
import { ensureAdmin } from '../src/services/auth/initial-admin.ts';
import { ADMIN_PASSWORD, DEFAULT_CONFIG, ROOT } from './helper.ts';
import { startServerProcess, type ServerProcess } from './process.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A hall against which the tests move the machine's date; its own clock is the default one. */
async function hall() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-clock-'));
  const app = await buildApp({ config: loadHallConfig(DEFAULT_CONFIG), dataDir, root: ROOT, timers: false, ignoreHours: true });
  await ensureAdmin(app.services.auth, dataDir, ADMIN_PASSWORD);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const api = <T = any>(path: string, o?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(url, path, o);
  const admin = (await api<{ token: string }>('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).token;
  await api('/api/users', { token: admin, body: { username: 'guide1', password: 'password-123', name: '导服', role: 'guide' } });
  await api('/api/users', { token: admin, body: { username: 'clerk1', password: 'password-123', name: '窗口', role: 'clerk' } });
  const guide = (await api<{ token: string }>('/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
  const clerk = (await api<{ token: string }>('/api/auth/login', { body: { username: 'clerk1', password: 'password-123' } })).token;
  return {
    app, api, admin, guide, clerk,
    issue: async () => (await api<{ ticket: { id: string; number: string } }>('/api/tickets', { token: guide, body: { serviceId: 'biz' } })).ticket,
    day: async () => (await api<{ day: string }>('/api/health')).day,
    close: async () => { await app.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

describe('the machine\'s clock stepped while the hall runs', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('back an hour, a day ahead and back again: the queue keeps its order, the day and the numbers go on, supervisors are told', async () => {
    // Only Date is faked: the monotonic clock and every timer stay real, as on a machine whose date is set.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const start = Date.UTC(2026, 10, 23, 2, 0, 0); // Monday 10:00 in Shanghai
    vi.setSystemTime(start);
    const h = await hall();
    try {
      const day = await h.day();
      const first = await h.issue();
      vi.setSystemTime(Date.now() - HOUR);
      const second = await h.issue();
      await h.api('/api/windows/W01/sign-in', { token: h.clerk, body: {} });
      // The later ticket does not jump the queue because the clock went back.
      expect((await h.api('/api/windows/W01/call-next', { token: h.clerk, body: {} })).ticket.number).toBe(first.number);

      vi.setSystemTime(Date.now() + HOUR + DAY);
      const third = await h.issue();
      expect(third.number).toBe('A003'); // not A001 of a new day
      expect(await h.day()).toBe(day);
      expect(h.app.services.hall.state.tickets.get(second.id)?.steps[0].status).toBe('waiting');

      vi.setSystemTime(Date.now() - DAY);
      const fourth = await h.issue();
      expect(fourth.number).toBe('A004');
      expect(await h.day()).toBe(day);
      expect(h.app.services.hall.state.tickets.get(fourth.id)?.day).toBe(day);
      await h.api('/api/windows/W01/finish', { token: h.clerk, body: { outcome: 'done' } });
      expect((await h.api('/api/windows/W01/call-next', { token: h.clerk, body: {} })).ticket.number).toBe(second.number);

      await new Promise((r) => setTimeout(r, 50));
      const alerts = (await h.api<{ alerts: { kind: string; level: string; message: string }[] }>('/api/alerts', { token: h.admin })).alerts;
      expect(alerts.filter((a) => a.kind === 'clock-step').map((a) => a.level).sort()).toEqual(['critical', 'critical', 'info']);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('the real server process with its wall clock moved (test hook ONEWINDOW_TEST_CLOCK_FILE)', () => {
  let server: ServerProcess | null = null;
  afterEach(async () => { await server?.stop(); });

  it('keeps the day, the numbers and the order through a step back and a step ahead, and says so on the wall', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-clock-proc-'));
    const skewFile = join(dir, 'skew');
    writeFileSync(skewFile, '0');
    try {
      server = await startServerProcess({ dataDir: join(dir, 'data'), env: { ONEWINDOW_TEST_CLOCK_FILE: skewFile } });
      const api = <T = any>(path: string, o?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(server!.url, path, o);
      const admin = (await api<{ token: string }>('/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
      await api('/api/users', { token: admin, body: { username: 'clerk1', password: 'password-123', name: '窗口', role: 'clerk' } });
      const clerk = (await api<{ token: string }>('/api/auth/login', { body: { username: 'clerk1', password: 'password-123' } })).token;
      const issue = async () => (await api<{ ticket: { number: string } }>('/api/tickets', { token: admin, body: { serviceId: 'fund' } })).ticket.number;
      const day = (await api<{ day: string }>('/api/health')).day;
      const moveTo = async (ms: number) => {
        writeFileSync(skewFile, String(ms));
        await new Promise((r) => setTimeout(r, 400)); // the hook polls the file every 50 ms
      };
      expect(await issue()).toBe('E001');
      await moveTo(-HOUR);
      expect(await issue()).toBe('E002');
      await moveTo(DAY);
      expect(await issue()).toBe('E003');
      expect((await api<{ day: string }>('/api/health')).day).toBe(day);
      await api('/api/windows/W06/sign-in', { token: clerk, body: {} });
      expect((await api<{ ticket: { number: string } }>('/api/windows/W06/call-next', { token: clerk, body: {} })).ticket.number).toBe('E001');
      expect((await api<{ ticket: { number: string } }>('/api/windows/W06/finish', { token: clerk, body: { outcome: 'done' } })));
      expect((await api<{ ticket: { number: string } }>('/api/windows/W06/call-next', { token: clerk, body: {} })).ticket.number).toBe('E002');
      await expect.poll(async () => (await api<{ alerts: { kind: string }[] }>('/api/alerts', { token: admin })).alerts.filter((a) => a.kind === 'clock-step').length).toBe(2);
      expect(server.output()).toMatch(/hall clock: 系统时钟跳变/);
    } finally {
      await server?.stop();
      server = null;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
