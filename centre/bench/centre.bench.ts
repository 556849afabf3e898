// `npm run bench:centre`: how fast the district centre takes in its halls' logs, and how fast its
// wall answers. A real centre process on its embedded PostgreSQL (in a temp folder), real HTTP,
// the halls' own client code. Prints a Markdown section for docs/benchmarks.md.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { apiRequest } from '@onewindow/protocol';
import type { ShippedEvent } from '@onewindow/protocol/centre';
import { CentreClient } from '../../server/src/services/centre/client.ts';
import { syntheticDay } from '../src/testing/synthetic-day.ts';
import { CENTRE_ADMIN, startCentreProcess } from '../test/processes.ts';

const BATCH = 500; // the hall's default batch (ONEWINDOW_CENTRE_BATCH)
const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'ow-bench-centre-'));
chmodSync(dir, 0o755);
const centre = await startCentreProcess({ ONEWINDOW_CENTRE_DATA: join(dir, 'centre'), DATABASE_URL: '', LOG_LEVEL: 'error' });
const token = (await apiRequest<{ token: string }>(centre.url, '/api/auth/login', { body: { username: 'admin', password: CENTRE_ADMIN } })).token;
const lines: string[] = [];
const say = (s: string) => { console.log(s); lines.push(s); };

async function register(ids: string[]): Promise<Map<string, CentreClient>> {
  const out = new Map<string, CentreClient>();
  for (const id of ids) {
    const { key } = await apiRequest<{ key: string }>(centre.url, '/api/district/halls', { token, body: { id, name: `${id} 便民服务中心`, level: id === ids[0] ? 'centre' : 'street' } });
    out.set(id, new CentreClient(centre.url, key, null, 60_000));
  }
  return out;
}

/** Ships a log as a hall's link does: one batch at a time, each after the last one's answer. */
async function ship(client: CentreClient, id: string, log: ShippedEvent[]): Promise<void> {
  for (let i = 0; i < log.length; i += BATCH) await client.request('POST', `/api/halls/${id}/events`, { events: log.slice(i, i + BATCH) });
}

async function ingestRun(label: string, halls: number, visits: number, day: string): Promise<void> {
  const ids = Array.from({ length: halls }, (_, i) => `${label}${String(i).padStart(3, '0')}`);
  const clients = await register(ids);
  const logs = ids.map((id, i) => syntheticDay({ day, visits, seed: i + 1, windows: 12 }));
  const events = logs.reduce((s, l) => s + l.length, 0);
  const t0 = performance.now();
  await Promise.all(ids.map((id, i) => ship(clients.get(id)!, id, logs[i])));
  const sec = (performance.now() - t0) / 1000;
  say(`| ${halls} halls × a ${visits}-visit day, all shipping at once | ${events.toLocaleString('en')} events | ${sec.toFixed(1)} s | **${Math.round(events / sec).toLocaleString('en')} events/s** |`);
  for (const c of clients.values()) c.close();
}

async function catchUp(): Promise<void> {
  const [client] = (await register(['offline'])).values();
  const log = syntheticDay({ day: '2026-11-24', visits: 1400, seed: 99, windows: 16 });
  const t0 = performance.now();
  await ship(client, 'offline', log);
  const sec = (performance.now() - t0) / 1000;
  say(`| one hall back after a whole day offline: a 1,400-visit day's backlog, batches of ${BATCH} in turn | ${log.length.toLocaleString('en')} events | **${sec.toFixed(2)} s** | ${Math.round(log.length / sec).toLocaleString('en')} events/s |`);
  client.close();
}

async function wall(n: number): Promise<void> {
  const times: number[] = [];
  let halls = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const s = await apiRequest<{ halls: unknown[] }>(centre.url, '/api/district/halls', { token });
    times.push(performance.now() - t0);
    halls = s.halls.length;
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(1);
  say(`| the wall's snapshot (GET /api/district/halls over HTTP, ${halls} halls with their day), ${n} reads | p50 ${p(0.5)} ms | p95 ${p(0.95)} ms | **max ${times[times.length - 1].toFixed(1)} ms** |`);
}

try {
  say(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, embedded PostgreSQL 18 (fsync on).`);
  say('');
  say('| what | size | time | rate |');
  say('| --- | --- | --- | --- |');
  await catchUp();
  await ingestRun('d', 17, quick ? 300 : 1400, '2026-11-23');
  await ingestRun('p', quick ? 50 : 200, quick ? 100 : 400, '2026-11-23');
  await wall(quick ? 20 : 100);
} finally {
  await centre.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log('\n' + lines.join('\n'));
