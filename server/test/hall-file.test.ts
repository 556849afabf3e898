import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest } from '@onewindow/protocol';
import { DEFAULT_CONFIG } from './helper.ts';
import { startServerProcess } from './process.ts';

describe('the console\'s saves when the server runs on the repository\'s default hall file', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-hall-file-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leave config/hall.yaml untouched, go to the data folder with the comments, and are what the next start loads', async () => {
    const tracked = readFileSync(DEFAULT_CONFIG, 'utf8');
    const saved = join(dataDir, 'hall.yaml');
    let server = await startServerProcess({ dataDir });
    try {
      const admin = (await apiRequest<{ token: string }>(server.url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
      const first = await apiRequest<{ config: any; version: string; file: string }>(server.url, '/api/admin/config', { token: admin });
      expect(first.file).toBe('hall.yaml');
      first.config.services.find((s: any) => s.id === 'biz').targetWaitSec = 840;
      await apiRequest(server.url, '/api/admin/config', { token: admin, method: 'PUT', body: { config: first.config, version: first.version } });
      // A second save: the first saved version goes to the backups, in the data folder too.
      const second = await apiRequest<{ config: any; version: string }>(server.url, '/api/admin/config', { token: admin });
      second.config.hall.notice = '第二次保存';
      await apiRequest(server.url, '/api/admin/config', { token: admin, method: 'PUT', body: { config: second.config, version: second.version } });
    } finally {
      await server.stop();
    }
    expect(readFileSync(DEFAULT_CONFIG, 'utf8')).toBe(tracked);
    expect(existsSync(`${DEFAULT_CONFIG}.bak`)).toBe(false);
    const text = readFileSync(saved, 'utf8');
    expect(text).toContain('# Saved by the OneWindow admin console');
    for (const comment of tracked.split('\n').filter((l) => l.trimStart().startsWith('#'))) expect(text).toContain(comment.trim());
    expect(readdirSync(join(dataDir, 'config-backups'))).toHaveLength(1);

    server = await startServerProcess({ dataDir });
    try {
      const admin = (await apiRequest<{ token: string }>(server.url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
      const hall = await apiRequest<{ hall: { notice: string }; services: { id: string; targetWaitSec: number }[] }>(server.url, '/api/hall', { token: admin });
      expect(hall.services.find((s) => s.id === 'biz')?.targetWaitSec).toBe(840);
      expect(hall.hall.notice).toBe('第二次保存');
      expect(server.output()).toContain(`config:    ${saved}`);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
