import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { apiRequest } from '@onewindow/protocol';
import { nextEvent, ROOT } from './helper.ts';
import { startServerProcess, type ServerProcess } from './process.ts';

/** The server process's resident memory, from the kernel. */
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Tally { attempted: number; upgraded: number; refused: number; dropped: number; pending: number; open: number }

/** Starts a flood from these loopback addresses and resolves with its tally once every attempt has an answer. */
function flood(port: number, addresses: string[], perAddress: number): { child: ChildProcess; tally: Promise<Tally> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/test/flood-client.ts'), String(port), addresses.join(','), String(perAddress)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tally = new Promise<Tally>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]) as Tally);
    });
    child.once('exit', (code) => reject(new Error(`flood client exited ${code}: ${out}`)));
  });
  return { child, tally };
}

/**
 * Issue 19, finding 1: one client opening thousands of WebSockets without a token filled the 192 MiB
 * heap. The real server process (`npm run serve`, its heap cap), floods of raw handshakes from
 * other loopback addresses, and a paired caller screen that must keep hearing its calls.
 */
describe('a flood of sockets without a token', () => {
  let dir: string;
  let server: ServerProcess;
  let admin: string;
  let clerk: string;
  let guide: string;
  const floods: ChildProcess[] = [];
  const sockets: Socket[] = [];
  const api = <T = any>(path: string, o?: Parameters<typeof apiRequest>[2]) => apiRequest<T>(server.url, path, o);
  const pairDevice = async (kind: string, extra: object = {}) => {
    const { pairingCode } = await api<{ pairingCode: string }>('/api/devices', { token: admin, body: { kind, name: `${kind}-${Math.random()}`, ...extra } });
    return (await api<{ token: string }>('/api/devices/pair', { body: { pairingCode } })).token;
  };
  const connectDevice = (token: string, localAddress = '127.0.0.1') => {
    const s = ioClient(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, localAddress } as object);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ow-flood-'));
    server = await startServerProcess({ dataDir: dir });
    admin = (await api<{ token: string }>('/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token;
    await api('/api/users', { token: admin, body: { username: 'clerk1', password: 'password-123', name: '窗口', role: 'clerk' } });
    await api('/api/users', { token: admin, body: { username: 'guide1', password: 'password-123', name: '导服', role: 'guide' } });
    clerk = (await api<{ token: string }>('/api/auth/login', { body: { username: 'clerk1', password: 'password-123' } })).token;
    guide = (await api<{ token: string }>('/api/auth/login', { body: { username: 'guide1', password: 'password-123' } })).token;
    await api('/api/windows/W01/sign-in', { token: clerk, body: {} });
  }, 90_000);
  afterAll(async () => {
    for (const f of floods) f.kill('SIGKILL');
    for (const s of sockets) s.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('from one address: a few thousand handshakes get at most its share; the server stays up, its memory bounded, the screen hears its calls', async () => {
    const screen = connectDevice(await pairDevice('display'));
    await nextEvent(screen, 'state', 10_000);
    const before = rssMiB(server.child.pid!);

    const f = flood(server.port, ['127.0.0.2'], 3000);
    floods.push(f.child);
    const tally = await f.tally;
    // 256 TCP connections from one address at most, of which 16 handshakes: everything else refused or dropped at once.
    expect(tally.attempted).toBe(3000);
    expect(tally.upgraded).toBeLessThanOrEqual(16);
    expect(tally.open).toBeLessThanOrEqual(16);
    expect(tally.upgraded + tally.refused + tally.dropped).toBe(3000);

    // While the flood holds what it got: calls still reach the screen, the API still answers.
    await api('/api/tickets', { token: guide, body: { serviceId: 'biz' } });
    const heard = nextEvent<{ ticket: { number: string } }>(screen, 'ticket:called', 10_000);
    const called = (await api<{ ticket: { number: string } }>('/api/windows/W01/call-next', { token: clerk, body: {} })).ticket;
    expect((await heard).ticket.number).toBe(called.number);
    expect((await api<{ status: string }>('/api/health')).status).toBe('ok');
    console.log(`flood from one address: ${JSON.stringify(tally)}; server RSS ${before.toFixed(0)} → ${rssMiB(server.child.pid!).toFixed(0)} MiB`);
    expect(rssMiB(server.child.pid!) - before).toBeLessThan(64);
    f.child.kill('SIGKILL');
  }, 90_000);

  it('from many addresses at once: the handshakes in all stay capped, a newly paired device still gets in, and the screen still hears its calls', async () => {
    const screen = connectDevice(await pairDevice('display'));
    await nextEvent(screen, 'state', 10_000);
    const padToken = await pairDevice('pad', { windowId: 'W01' });
    const before = rssMiB(server.child.pid!);

    const addresses = Array.from({ length: 40 }, (_, k) => `127.0.1.${k + 1}`);
    const f = flood(server.port, addresses, 100);
    floods.push(f.child);
    const tally = await f.tally;
    expect(tally.attempted).toBe(4000);
    // Handshakes in all are capped at 256: newcomers are let in and the oldest idle ones closed, so
    // more were answered than are open, but no more than 256 stay open at once.
    expect(tally.open).toBeLessThanOrEqual(256);

    // A device that signs in now is let in (it says who it is at once; idle handshakes make room).
    const pad = connectDevice(padToken, '127.0.0.3');
    await nextEvent(pad, 'state', 10_000);
    await api('/api/windows/W01/finish', { token: clerk, body: { outcome: 'done' } }).catch(() => undefined);
    await api('/api/tickets', { token: guide, body: { serviceId: 'biz' } });
    const heard = nextEvent<{ ticket: { number: string } }>(screen, 'ticket:called', 10_000);
    const called = (await api<{ ticket: { number: string } }>('/api/windows/W01/call-next', { token: clerk, body: {} })).ticket;
    expect((await heard).ticket.number).toBe(called.number);
    console.log(`flood from 40 addresses: ${JSON.stringify(tally)}; server RSS ${before.toFixed(0)} → ${rssMiB(server.child.pid!).toFixed(0)} MiB`);
    expect(rssMiB(server.child.pid!) - before).toBeLessThan(96);
    expect(server.child.exitCode).toBeNull();
    f.child.kill('SIGKILL');
  }, 90_000);
});
