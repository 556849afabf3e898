import { afterEach, describe, expect, it } from 'vitest';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import { io as ioClient, type Socket } from 'socket.io-client';
import { DEFAULT_CONFIG, nextEvent, startTestServer, type TestServer } from './helper.ts';

const withNetwork = (network: HallConfig['network']): HallConfig => ({ ...loadHallConfig(DEFAULT_CONFIG), network });

/** Ten wrong passwords for one username from one client: the eleventh is rate-limited (auth.routes.ts). */
async function signInAttempts(srv: TestServer, forwardedFor: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${srv.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ username: 'admin', password: 'wrong-password-1' }),
    });
    out.push(r.status);
  }
  return out;
}

describe('behind a reverse proxy', () => {
  let srv: TestServer;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.close();
    await srv?.close();
  });

  it('with the proxy trusted (network.trustProxy), limits count each client by the address the proxy forwards, and the audit records it', async () => {
    srv = await startTestServer({ config: withNetwork({ trustProxy: ['127.0.0.1'] }) });
    expect((await signInAttempts(srv, '203.0.113.7', 11)).at(-1)).toBe(429);
    // Another visitor behind the same proxy is not locked out by the first one.
    expect(await signInAttempts(srv, '198.51.100.20', 1)).toEqual([401]);
    const audit = srv.db.prepare("SELECT ip FROM audit WHERE action = 'sign-in-failed' ORDER BY id").all() as { ip: string }[];
    expect(new Set(audit.map((a) => a.ip))).toEqual(new Set(['203.0.113.7', '198.51.100.20']));
  });

  it('without a trusted proxy, X-Forwarded-For is ignored: a client cannot escape its limit by making one up', async () => {
    srv = await startTestServer();
    expect((await signInAttempts(srv, '203.0.113.7', 10)).every((s) => s === 401)).toBe(true);
    expect(await signInAttempts(srv, '198.51.100.20', 1)).toEqual([429]);
    const audit = srv.db.prepare("SELECT DISTINCT ip FROM audit WHERE action = 'sign-in-failed'").all() as { ip: string }[];
    expect(audit).toEqual([{ ip: '127.0.0.1' }]);
  });

  it('a phone\'s sockets are counted by the forwarded address, so phones behind the proxy do not share one allowance', async () => {
    srv = await startTestServer({ config: withNetwork({ trustProxy: ['127.0.0.1'], limits: { phoneSocketsPerAddress: 2 } }) });
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    const phone = (forwarded: string) => {
      const s = ioClient(srv.url, { auth: { trackToken: ticket.trackToken }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': forwarded } });
      sockets.push(s);
      return s;
    };
    for (let i = 0; i < 2; i++) await nextEvent(phone('203.0.113.7'), 'state');
    expect((await nextEvent<Error>(phone('203.0.113.7'), 'connect_error')).message).toBe('TOO_MANY_FROM_ADDRESS');
    await nextEvent(phone('198.51.100.20'), 'state');
  });
});
