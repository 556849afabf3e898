import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer, type TestServer } from './helper.ts';

/**
 * Hostile input over every route the OpenAPI description lists, as every kind of caller: whatever
 * arrives, the answer is a 4xx (or a success) with the error shape, never a 500.
 */
let srv: TestServer;
let tokens: Record<string, string>;
beforeAll(async () => {
  srv = await startTestServer();
  tokens = {
    none: '',
    forged: 'x'.repeat(43),
    admin: await srv.login(),
    clerk: (await srv.user('clerk')).token,
    kiosk: await srv.device('kiosk', { kioskId: 'K1' }),
    pad: await srv.device('pad', { windowId: 'W01' }),
  };
  await srv.api('/api/windows/W01/sign-in', { token: tokens.admin, body: {} });
});
afterAll(async () => { await srv.close(); });

const BAD_SEGMENTS = ['..%2F..%2Fetc%2Fpasswd', '%00', "W01'--", 'W01%20OR%201=1', 'x'.repeat(300), '%E4%B8%80', '-1', '{}'];
const BAD_BODIES: (string | undefined)[] = [
  undefined, '', 'null', '[]', '"str"', '42', '{', '{"a":', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}',
  JSON.stringify({ serviceId: 42, score: 'five', outcome: ['done'], reason: null, username: {}, password: [] }),
  JSON.stringify({ unknownField: true }), JSON.stringify({ ticketId: 'x'.repeat(10_000) }),
  JSON.stringify({ serviceId: 'biz', priority: 'vip' }), JSON.stringify({ slotStart: 'yesterday', serviceId: 'biz' }),
];

function fill(path: string, seg: string): string {
  return path.replace(/\{[^}]+\}/g, seg).replace(/:[A-Za-z]+/g, seg);
}

describe('every route, every caller, hostile input', () => {
  it('never answers 500', async () => {
    const doc = await srv.api('/api/docs/json');
    const failures: string[] = [];
    let requests = 0;
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        // Signing out would end the callers' own sessions halfway through; those routes get anonymous callers only.
        const endsSession = /logout|sign-out-everywhere/.test(path);
        for (const [who, token] of Object.entries(tokens)) {
          if (endsSession && token) continue;
          const segs = who === 'admin' ? BAD_SEGMENTS : BAD_SEGMENTS.slice(0, 2);
          const bodies = method === 'get' || method === 'delete' ? [undefined] : who === 'admin' || who === 'clerk' || who === 'kiosk' ? BAD_BODIES : BAD_BODIES.slice(0, 4);
          for (const seg of segs) {
            for (const body of bodies) {
              const url = `${srv.url}${fill(path, seg)}${method === 'get' ? '?date=2026-13-45&format=exe&serviceId[]=x' : ''}`;
              const headers: Record<string, string> = {};
              if (token) headers.authorization = `Bearer ${token}`;
              if (body !== undefined) headers['content-type'] = 'application/json';
              const r = await fetch(url, { method: method.toUpperCase(), headers, body });
              requests++;
              const text = await r.text();
              if (r.status >= 500) failures.push(`${r.status} ${method.toUpperCase()} ${fill(path, seg)} as ${who} body=${body?.slice(0, 60)}: ${text.slice(0, 200)}`);
              else if (r.status >= 400 && !/"error":\{"code":"[A-Z0-9_]+"/.test(text)) failures.push(`${r.status} without error shape: ${method} ${path} as ${who}: ${text.slice(0, 120)}`);
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 180_000);

  it('refuses wrong content types and oversized bodies with 4xx', async () => {
    // /api/users: the routes above that are rate-limited have used up their minute.
    const r1 = await fetch(`${srv.url}/api/users`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'text/xml' }, body: '<x/>' });
    expect(r1.status).toBe(415);
    const r2 = await fetch(`${srv.url}/api/users`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'a', password: 'b'.repeat(200_000) }) });
    expect(r2.status).toBe(413);
  });

  it('sockets: odd handshakes are refused, odd events are ignored, the server stays up', async () => {
    for (const auth of [{ token: 42 }, { token: 'x'.repeat(5000) }, { trackToken: '../../etc' }, { trackToken: 'y'.repeat(100) }, {}]) {
      const s = srv.socket(auth as Record<string, string>);
      const err = await nextEvent<Error>(s, 'connect_error');
      expect(err.message).toMatch(/UNAUTHORIZED|TICKET_NOT_FOUND/);
      s.close();
    }
    const s = srv.socket({ token: tokens.admin });
    await nextEvent(s, 'state');
    (s as any).emit('state:request', { evil: true });
    (s as any).emit('no-such-event', 'x'.repeat(10_000));
    (s as any).emit('state:request', 'not-a-function');
    const fresh = await s.timeout(3000).emitWithAck('state:request');
    expect(fresh.feed).toBe('staff');
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  });
});
