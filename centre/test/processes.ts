import { createServer, Socket, type Server } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { apiRequest, type RequestOptions } from '@onewindow/protocol';
import type { CentreLinkStatus } from '@onewindow/protocol/centre';
import { freePort, startNodeProcess, startServerProcess, type NodeProcess, type ServerProcess } from '../../server/test/process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CENTRE_ADMIN = 'centre-admin-pw';

export type CentreProcess = NodeProcess;

/** The real centre process, as `npm run centre` runs it (without the page build), ready to answer. */
export async function startCentreProcess(env: Record<string, string>, port?: number): Promise<CentreProcess> {
  return startNodeProcess('centre', ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))], port ?? (await freePort()), {
    ONEWINDOW_CENTRE_ADMIN_PASSWORD: CENTRE_ADMIN, ...env,
  });
}

/**
 * A loopback TCP proxy between a hall and its centre that can blackhole the link: bytes stop
 * flowing both ways and nothing is closed or refused, as when a cable is cut or a firewall drops
 * packets. `pass()` closes what was held and lets new connections through again.
 */
export async function blackholeProxy(targetPort: number): Promise<{ port: number; blackhole(): void; pass(): void; close(): Promise<void> }> {
  let holes = false;
  const live = new Set<Socket>();
  const server: Server = createServer((client) => {
    live.add(client);
    client.on('close', () => live.delete(client));
    client.on('error', () => {});
    if (holes) return client.pause(); // accepted, never answered
    const upstream = new Socket();
    live.add(upstream);
    upstream.on('close', () => live.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.connect(targetPort, '127.0.0.1', () => {
      client.on('data', (d) => { if (!holes) upstream.write(d); });
      upstream.on('data', (d) => { if (!holes) client.write(d); });
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    blackhole: () => { holes = true; },
    pass: () => {
      holes = false;
      for (const s of live) s.destroy();
    },
    close: () => new Promise<void>((r) => { for (const s of live) s.destroy(); server.close(() => r()); }),
  };
}

/** The default hall file, with the per-issuer rate limit lifted (the tests issue faster than a visitor at a kiosk). */
export function testHallConfig(dir: string, more: Record<string, unknown> = {}): string {
  const c = parse(readFileSync(join(ROOT, 'config/hall.yaml'), 'utf8')) as { hall: Record<string, unknown> } & Record<string, unknown>;
  c.hall.kioskTicketsPerMinute = 100_000;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'hall.json');
  writeFileSync(file, JSON.stringify({ ...c, ...more }));
  return file;
}

export function hallEnv(centre: { url: string; hallId: string; key: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ONEWINDOW_CENTRE_URL: centre.url, ONEWINDOW_CENTRE_HALL_ID: centre.hallId, ONEWINDOW_CENTRE_KEY: centre.key,
    ONEWINDOW_CENTRE_HEARTBEAT_SEC: '1', ONEWINDOW_CENTRE_TIMEOUT_SEC: '2', ONEWINDOW_CENTRE_BATCH: '40', ...extra,
  };
}

/** A real hall process pointed at a centre, with a clerk at W01 and a paired pad there, to issue, serve and rate. */
export async function startHall(dataDir: string, centre: { url: string; hallId: string; key: string }, extra: Record<string, string> = {}, config = testHallConfig(dataDir)) {
  const srv: ServerProcess = await startServerProcess({
    dataDir, config, env: hallEnv(centre, extra),
  });
  return hallClient(srv);
}


export async function hallClient(srv: ServerProcess) {
  const api = <T>(path: string, o: RequestOptions = {}) => apiRequest<T>(srv.url, path, o);
  const admin = (await api<{ token: string }>('/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
  return {
    srv, api, admin,
    /** A clerk signed in at W01 and the pad of W01 (created once per data folder). */
    async crew(): Promise<{ clerk: string; pad: string }> {
      await api('/api/users', { token: admin, body: { username: 'clerk1', password: 'password-123', name: '张敏', role: 'clerk' } }).catch(() => {});
      const clerk = (await api<{ token: string }>('/api/auth/login', { body: { username: 'clerk1', password: 'password-123' } })).token;
      await api('/api/windows/W01/sign-in', { token: clerk, body: {} }).catch(() => {});
      const { pairingCode } = await api<{ pairingCode: string }>('/api/devices', { token: admin, body: { kind: 'pad', name: 'pad W01', windowId: 'W01' } });
      const pad = (await api<{ token: string }>('/api/devices/pair', { body: { pairingCode } })).token;
      return { clerk, pad };
    },
    issue: (serviceId = 'biz') => api<{ ticket: { id: string } }>('/api/tickets', { token: admin, body: { serviceId } }),
    /** Calls the next ticket at W01, serves it and has the pad rate it. */
    async serveOne(crew: { clerk: string; pad: string }, score: number): Promise<boolean> {
      const { ticket } = await api<{ ticket: { id: string } | null }>('/api/windows/W01/call-next', { token: crew.clerk, body: {} });
      if (!ticket) return false;
      await api('/api/windows/W01/start', { token: crew.clerk, body: {} });
      await api('/api/windows/W01/finish', { token: crew.clerk, body: { outcome: 'done' } });
      await api('/api/evaluations', { token: crew.pad, body: { ticketId: ticket.id, score, ...(score <= 2 ? { reasons: ['attitude'] } : {}) } });
      return true;
    },
    status: () => api<CentreLinkStatus>('/api/centre/status', { token: admin }),
  };
}
export type HallClient = Awaited<ReturnType<typeof hallClient>>;

export async function until<T>(what: string, f: () => Promise<T | false | null | undefined>, ms = 60_000, every = 250): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
