import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest } from '@onewindow/protocol';
import { DEFAULT_CONFIG } from './helper.ts';
import { startServerProcess } from './process.ts';

/**
 * The QR codes lead somewhere (issue #22): the real server process, bound to loopback as these
 * tests bind it, no longer hands phones a LAN address where nothing listens; it says at start-up
 * what phones will open and warns that the LAN cannot reach it. With hall.publicUrl set, that is
 * what they open, without a warning.
 */
describe('the address in the QR codes', () => {
  const dirs: string[] = [];
  const dir = () => { const d = mkdtempSync(join(tmpdir(), 'ow-phone-')); dirs.push(d); return d; };
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  async function issueAndTrack(url: string): Promise<{ publicUrl: string | undefined; trackUrl: string }> {
    const admin = (await apiRequest<{ token: string }>(url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    const hall = await apiRequest<{ hall: { publicUrl?: string } }>(url, '/api/hall', { token: admin });
    const t = await apiRequest<{ ticket: { trackToken: string } }>(url, '/api/tickets', { token: admin, body: { serviceId: 'biz' } });
    const base = (hall.hall.publicUrl ?? '').replace(/\/+$/, '');
    return { publicUrl: hall.hall.publicUrl, trackUrl: `${base}/track/${t.ticket.trackToken}` };
  }

  it('bound to loopback: the address it listens on, said at start-up with a warning, and it answers', async () => {
    const server = await startServerProcess({ dataDir: dir() });
    try {
      const { publicUrl, trackUrl } = await issueAndTrack(server.url);
      expect(publicUrl).toBe(`http://127.0.0.1:${server.port}`);
      // The phone's page really answers at the QR's address.
      const page = await fetch(trackUrl);
      expect(page.status).toBe(200);
      expect(server.output()).toContain(`phones:    http://127.0.0.1:${server.port}/track/…`);
      expect(server.output()).toMatch(/WARNING: +the server listens on 127\.0\.0\.1 only/);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it('with hall.publicUrl: that address, said at start-up, no warning', async () => {
    const d = dir();
    const file = join(d, 'hall.yaml');
    writeFileSync(file, readFileSync(DEFAULT_CONFIG, 'utf8').replace(/^hall:\n/m, 'hall:\n  publicUrl: https://queue.changan.example.cn\n'));
    const server = await startServerProcess({ dataDir: join(d, 'data'), config: file });
    try {
      const { publicUrl } = await issueAndTrack(server.url);
      expect(publicUrl).toBe('https://queue.changan.example.cn');
      expect(server.output()).toContain('phones:    https://queue.changan.example.cn/track/…  (the QR codes on slips and screens, from hall.publicUrl)');
      expect(server.output()).not.toContain('WARNING');
    } finally {
      await server.stop();
    }
  }, 90_000);
});
