import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from './helper.ts';
import { startHall, until, type HallClient } from './processes.ts';

/**
 * A hall reaching its centre across the WAN over https, through a TLS-terminating reverse proxy
 * whose certificate a private CA signed: with the CA file it connects, without it the hall refuses
 * the certificate (and keeps serving). The proxy here is a few lines of Node in place of nginx.
 */
const dir = mkdtempSync(join(tmpdir(), 'ow-tls-'));
let c: TestCentre;
let proxy: https.Server;
let port = 0;
const halls: HallClient[] = [];

function makeCertificates(): { ca: string; key: string; cert: string } {
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=OneWindow test district CA', '-keyout', f('ca.key'), '-out', f('ca.pem'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.csr'));
  writeFileSync(f('san.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f('san.cnf'), '-out', f('server.pem'));
  return { ca: f('ca.pem'), key: readFileSync(f('server.key'), 'utf8'), cert: readFileSync(f('server.pem'), 'utf8') };
}

beforeAll(async () => {
  c = await startTestCentre();
  const { key, cert } = makeCertificates();
  const target = new URL(c.base);
  proxy = https.createServer({ key, cert }, (req, res) => {
    const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  port = (proxy.address() as { port: number }).port;
}, 60_000);

afterAll(async () => {
  for (const h of halls) await h.srv.stop('SIGKILL');
  await new Promise((r) => proxy?.close(r));
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS between a hall and its centre', () => {
  it('connects over https with the CA file, and refuses the certificate without it', async () => {
    const k1 = (await c.registerHall('t1')).key;
    const k2 = (await c.registerHall('t2')).key;
    const trusted = await startHall(mkdtempSync(join(dir, 'h1-')), { url: `https://localhost:${port}`, hallId: 't1', key: k1 }, { ONEWINDOW_CENTRE_CA_FILE: join(dir, 'ca.pem') });
    const stranger = await startHall(mkdtempSync(join(dir, 'h2-')), { url: `https://localhost:${port}`, hallId: 't2', key: k2 });
    halls.push(trusted, stranger);
    await trusted.issue();
    await stranger.issue();
    const ok = await until('t1 over https', async () => { const s = await trusted.status(); return s.connected && s.pending === 0 ? s : false; }, 20_000);
    expect(ok.url).toBe(`https://localhost:${port}`);
    const refused = await until('t2 refused', async () => { const s = await stranger.status(); return s.lastError ? s : false; }, 20_000);
    expect(refused.connected).toBe(false);
    expect(refused.lastError).toMatch(/certificate/i);
    const { rows } = await c.db.pool.query('SELECT hall_id, shipped_seq FROM hall_cursors ORDER BY hall_id');
    expect(rows.find((r) => r.hall_id === 't1')!.shipped_seq).toBeGreaterThan(0);
    expect(rows.find((r) => r.hall_id === 't2')!.shipped_seq).toBe(0);
  }, 60_000);
});
