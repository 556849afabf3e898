import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import { apiRequest, type ClientToServerEvents, type ServerToClientEvents, type RequestOptions } from '@onewindow/protocol';
import { buildApp } from '../src/app.ts';
import type { Db } from '../src/repositories/db.ts';
import { hallFiles, type HallFiles } from '../src/services/admin/hall-file.ts';
import { ensureAdmin } from '../src/services/auth/initial-admin.ts';
import type { Clock } from '../src/services/clock.ts';
import type { Services } from '../src/services/index.ts';
import type { RealtimeServer } from '../src/realtime/gateway.ts';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CONFIG = join(ROOT, 'config/hall.yaml');
export const ADMIN_PASSWORD = 'admin-test-password';

/** A clock tests move by hand; starts on a Monday at 10:00 in Shanghai (inside business hours). */
export function manualClock(start = Date.UTC(2026, 10, 23, 2, 0, 0)): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => { now = ms; }, advance: (ms) => { now += ms; } };
}

export interface TestServer {
  url: string;
  /** The app's services (services/index.ts), and the database for tests that check what was stored. */
  ctx: Services & { db: Db };
  /** The hall's database, for tests that check what was stored. */
  db: Db;
  dataDir: string;
  config: HallConfig;
  clock: ReturnType<typeof manualClock>;
  /** The socket.io server: tests drop connections with `io.disconnectSockets()`. */
  io: RealtimeServer;
  api<T = any>(path: string, opts?: RequestOptions): Promise<T>;
  login(username?: string, password?: string): Promise<string>;
  /** A user of this role, created through the API, signed in: returns their token and id. */
  user(role: 'admin' | 'supervisor' | 'clerk' | 'guide', username?: string, windows?: string[]): Promise<{ token: string; id: string }>;
  /** A paired device: returns its token. */
  device(kind: 'kiosk' | 'display' | 'window-screen' | 'pad' | 'agent', extra?: { windowId?: string; kioskId?: string }): Promise<string>;
  socket(auth: Record<string, string | boolean>): Socket<ServerToClientEvents, ClientToServerEvents>;
  close(): Promise<void>;
}

/**
 * A real server on a real SQLite file, listening on an ephemeral port. `configPath`: the hall file
 * the console writes (as ONEWINDOW_CONFIG would name it; the rule is services/admin/hall-file.ts).
 */
export async function startTestServer(opts: {
  dataDir?: string; config?: HallConfig; clock?: ReturnType<typeof manualClock>; keepData?: boolean; configPath?: string; hallFiles?: HallFiles;
  /** The webhook notifier's retry timing, shortened. */
  webhook?: { baseDelayMs?: number; maxDelayMs?: number };
} = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ow-test-'));
  const config = opts.config ?? loadHallConfig(DEFAULT_CONFIG);
  const clock = opts.clock ?? manualClock();
  const files = opts.hallFiles ?? (opts.configPath ? hallFiles({ configured: opts.configPath, defaultFile: DEFAULT_CONFIG, dataDir }) : undefined);
  const app = await buildApp({ config, dataDir, clock, hallFiles: files, root: ROOT, timers: false, ...(opts.webhook ? { webhook: opts.webhook } : {}) });
  await ensureAdmin(app.services.auth, dataDir, ADMIN_PASSWORD);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const ctx = Object.assign(Object.create(app.services) as Services, { db: app.db });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const sockets: Socket[] = [];
  let adminToken: string | null = null;
  let n = 0;
  const api = <T>(path: string, o?: RequestOptions) => apiRequest<T>(url, path, o);
  const login = async (username = 'admin', password = ADMIN_PASSWORD) =>
    (await api<{ token: string }>('/api/auth/login', { body: { username, password } })).token;
  const admin = async () => (adminToken ??= await login());
  return {
    url, ctx, db: app.db, dataDir, config, clock, api, login, io: app.io,
    async user(role, username = `${role}${++n}`, windows) {
      const u = await api<{ id: string }>('/api/users', { token: await admin(), body: { username, password: 'password-123', name: `测试${role}${n}`, role, ...(windows ? { windows } : {}) } });
      return { token: await login(username, 'password-123'), id: u.id };
    },
    async device(kind, extra = {}) {
      const { pairingCode } = await api<{ pairingCode: string }>('/api/devices', { token: await admin(), body: { kind, name: `${kind}-${++n}`, ...extra } });
      return (await api<{ token: string }>('/api/devices/pair', { body: { pairingCode } })).token;
    },
    socket(auth) {
      const s = ioClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    },
    async close() {
      for (const s of sockets) s.close();
      await app.close();
      if (!opts.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next payload of an event, or rejects after a timeout. */
export function nextEvent<T = any>(s: Socket<any, any>, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    s.once(event, (p: T) => {
      clearTimeout(timer);
      resolve(p);
    });
  });
}

/** Expects a promise to reject with an ApiError of this status and code. */
export async function refused(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; code: string };
    return { status: err.status, code: err.code };
  }
  return { status: 0, code: 'NOT_REFUSED' };
}

/** Waits until `ok` holds, asking again every `everyMs`; throws naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000, everyMs = 25): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * What a test opened, undone after it, newest first, whether it passed or not: the returned
 * function registers one undo (call at the top of a test file).
 */
export function undoAfterEach(): (undo: () => unknown) => void {
  const undos: Array<() => unknown> = [];
  afterEach(async () => {
    for (const undo of undos.splice(0).reverse()) await undo();
  });
  return (undo) => { undos.push(undo); };
}
