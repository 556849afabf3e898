// api.md's Pages section: the same server serves the built front-ends at the listed paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helper.ts';
import { call } from './http.ts';

let srv: TestServer;
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { await srv.close(); });

describe('api.md: pages', () => {
  it('serves each app\'s page at its path, client routes included, as HTML', async () => {
    const t = (await srv.api('/api/tickets', { token: (await srv.user('guide')).token, body: { serviceId: 'biz' } })).ticket;
    for (const path of ['/kiosk/', '/counter/', '/counter/pad/', '/display/', '/display/window/W01', '/display/supervisor/', `/track/${t.trackToken}`]) {
      const a = await call(srv.url, 'GET', path);
      expect(a.status, path).toBe(200);
      expect(a.type, path).toMatch(/^text\/html/);
      expect(a.text, path).toMatch(/<!doctype html>/i);
    }
  });
});
