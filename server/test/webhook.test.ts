// The webhook notifier against a real HTTP receiver on loopback that checks every signature: "还有
// 3 位", the call and the 一次性告知 reach a visitor who left a phone; a gateway that fails is tried
// again with backoff; one that keeps failing leaves a dead letter for supervisors, sent again on
// request; a restart with messages pending loses none of them.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import { sign, verify } from '../src/services/notifications/webhook-signature.ts';
import { backoff } from '../src/services/notifications/webhook.notifier.ts';
import { DEFAULT_CONFIG, manualClock, startTestServer, type TestServer } from './helper.ts';

const SECRET = 'a-shared-secret-of-the-sms-gateway';

interface Delivery { id: string; attempt: number; body: any; at: number }

/** The hall's SMS gateway as a real HTTP server: verifies the signature, answers as told. */
class Receiver {
  readonly taken: Delivery[] = [];
  readonly refusedSignatures: string[] = [];
  readonly tries: Delivery[] = [];
  /** Statuses to answer messages of one kind with, try by try; 200 when the list runs out, and for other kinds. */
  plan: { kind: string; statuses: number[] } = { kind: '', statuses: [] };
  private server!: Server;
  url = '';

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const ok = verify(SECRET, { timestamp: req.headers['x-onewindow-timestamp'] as string, signature: req.headers['x-onewindow-signature'] as string }, raw);
    const d: Delivery = { id: req.headers['x-onewindow-delivery'] as string, attempt: Number(req.headers['x-onewindow-attempt']), body: JSON.parse(raw), at: Date.now() };
    this.tries.push(d);
    if (!ok) {
      this.refusedSignatures.push(raw);
      res.writeHead(401).end();
      return;
    }
    const status = (d.body.kind === this.plan.kind ? this.plan.statuses.shift() : undefined) ?? 200;
    if (status === 200 && !this.taken.some((x) => x.id === d.id)) this.taken.push(d);
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  }

  async until(n: number, ms = 8000): Promise<Delivery[]> {
    const end = Date.now() + ms;
    while (this.taken.length < n) {
      if (Date.now() > end) throw new Error(`the gateway took ${this.taken.length} of ${n} messages within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.taken;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

function hookConfig(url: string, maxAttempts = 4): HallConfig {
  const c = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  c.notifications = { placesAhead: 3, kind: 'webhook', webhook: { url, secret: SECRET, timeoutMs: 2000, maxAttempts } };
  return c;
}

describe('the webhook notifier', () => {
  let rx: Receiver;
  let srv: TestServer;
  beforeAll(async () => {
    rx = new Receiver();
    await rx.start();
    srv = await startTestServer({ config: hookConfig(rx.url), webhook: { baseDelayMs: 100, maxDelayMs: 400 } });
  });
  afterAll(async () => {
    await srv.close();
    await rx.close();
  });

  it('signs what it sends: HMAC-SHA256 over timestamp and body, refused with another key or a stale timestamp', () => {
    const body = '{"a":1}';
    const now = 1_763_863_200;
    // The signature a receiver computes, written out: hex HMAC-SHA256 of "<timestamp>.<body>".
    expect(sign(SECRET, now, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verify(SECRET, { timestamp: String(now), signature: sign(SECRET, now, body) }, body, now)).toBe(true);
    expect(verify('another-key-entirely-here', { timestamp: String(now), signature: sign(SECRET, now, body) }, body, now)).toBe(false);
    expect(verify(SECRET, { timestamp: String(now), signature: sign(SECRET, now, body) }, body, now + 301)).toBe(false);
    expect(verify(SECRET, { timestamp: String(now), signature: sign(SECRET, now, body) }, '{"a":2}', now)).toBe(false);
  });

  it('texts "还有 3 位", the call, and the 一次性告知 list to a visitor who left a phone at the guide desk', async () => {
    const guide = await srv.user('guide');
    const clerk = await srv.user('clerk');
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push((await srv.api<any>('/api/tickets', { token: kiosk, body: { serviceId: 'fund' } })).ticket);
    const { ticket } = await srv.api<any>('/api/tickets', { token: guide.token, body: { serviceId: 'fund', phone: '13812345678' } });
    await srv.api('/api/windows/W08/sign-in', { token: clerk.token, body: {} });
    const serve = async (number: string, body: object = { outcome: 'done' }) => {
      await srv.api('/api/windows/W08/call', { token: clerk.token, body: { number } });
      await srv.api('/api/windows/W08/finish', { token: clerk.token, body });
    };
    await serve(ahead[0].number);
    const [near] = await rx.until(1);
    expect(near.body).toMatchObject({
      kind: 'near', phone: '13812345678', ahead: 3, ticket: { id: ticket.id, number: ticket.number }, hall: { name: '长安区政务服务中心' },
      text: `【长安区政务服务中心】${ticket.number}号：您前面还有3位，请回到大厅留意叫号。`,
    });
    await serve(ahead[1].number);
    await serve(ahead[2].number);
    await serve(ahead[3].number);
    await serve(ticket.number, { outcome: 'incomplete', missing: ['户口本原件', '缴存证明'] });
    const all = await rx.until(3);
    expect(all.map((d) => d.body.kind)).toEqual(['near', 'called', 'notice']);
    expect(all[1].body).toMatchObject({ windowName: '8号综合窗口', text: `【长安区政务服务中心】请${ticket.number}号到8号综合窗口办理` });
    expect(all[2].body).toMatchObject({ items: ['户口本原件', '缴存证明'], serviceName: '公积金', trackUrl: expect.stringContaining(`/track/${ticket.trackToken}`) });
    expect(all[2].body.text).toContain('1.户口本原件；2.缴存证明');
    expect(rx.refusedSignatures).toEqual([]);
    // Each message once, whatever else moved the queue.
    expect(new Set(rx.tries.map((d) => d.id)).size).toBe(3);
    await srv.api('/api/windows/W08/sign-out', { token: clerk.token, body: {} });
  });

  it('tries a failing gateway again with growing waits, the same delivery id each time, until it takes the message', async () => {
    const guide = await srv.user('guide');
    const clerk = await srv.user('clerk');
    rx.plan = { kind: 'called', statuses: [503, 500, 429] };
    const triesBefore = rx.tries.length;
    const { ticket } = await srv.api<any>('/api/tickets', { token: guide.token, body: { serviceId: 'pickup', phone: '13912345678' } });
    await srv.api('/api/windows/W11/sign-in', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W11/call', { token: clerk.token, body: { number: ticket.number } });
    const end = Date.now() + 10_000;
    while (!rx.taken.some((d) => d.body.ticket.id === ticket.id && d.body.kind === 'called') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    const tries = rx.tries.slice(triesBefore).filter((d) => d.body.ticket.id === ticket.id && d.body.kind === 'called');
    expect(tries.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
    expect(new Set(tries.map((d) => d.id)).size).toBe(1);
    const gaps = tries.slice(1).map((d, i) => d.at - tries[i].at);
    // base 100 ms doubling, capped at 400 ms, each ±20 %
    expect(gaps[0]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(300);
    expect(backoff(1, 100, 400, () => 0.5)).toBe(100);
    expect(backoff(5, 100, 400, () => 0.5)).toBe(400);
    await srv.api('/api/windows/W11/no-show', { token: clerk.token, body: {} }).catch(() => undefined);
  });

  it('gives a message up after the tries allowed: a dead letter supervisors see, with an alert, and send again', async () => {
    const guide = await srv.user('guide');
    const sup = await srv.user('supervisor');
    const clerk = await srv.user('clerk');
    rx.plan = { kind: 'called', statuses: [500, 500, 500, 500] };
    const { ticket } = await srv.api<any>('/api/tickets', { token: guide.token, body: { serviceId: 'tax', phone: '13700007777' } });
    await srv.api('/api/windows/W03/sign-in', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W03/call', { token: clerk.token, body: { number: ticket.number } });
    let dead: any[] = [];
    const end = Date.now() + 10_000;
    while (dead.length === 0 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      dead = (await srv.api<any>('/api/notifications?status=dead', { token: sup.token })).messages;
    }
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ kind: 'called', number: ticket.number, phone: '137****7777', attempts: 4, lastError: 'HTTP 500', status: 'dead' });
    const alerts = (await srv.api<any>('/api/alerts', { token: sup.token })).alerts;
    expect(alerts.find((a: any) => a.kind === 'notification-failed')?.message).toContain(ticket.number);
    // The outbox is the supervisors'.
    expect(await srv.api('/api/notifications', { token: guide.token }).catch((e) => e.status)).toBe(403);
    const { message } = await srv.api<any>(`/api/notifications/${dead[0].id}/retry`, { token: sup.token, body: {} });
    expect(message.status).toBe('pending');
    await rx.until(rx.taken.length + 1);
    expect(rx.taken.at(-1)!.body.ticket.id).toBe(ticket.id);
    expect((await srv.api<any>('/api/notifications?status=dead', { token: sup.token })).messages).toEqual([]);
    expect(await srv.api(`/api/notifications/${dead[0].id}/retry`, { token: sup.token, body: {} }).catch((e) => e.code)).toBe('NOTIFICATION_NOT_DEAD');

    // A gateway that refuses a message outright (a 4xx other than 408 and 429) is not asked again.
    rx.plan = { kind: 'called', statuses: [400] };
    await srv.api('/api/windows/W03/sign-out', { token: clerk.token, body: {} }).catch(() => undefined);
    const other = (await srv.api<any>('/api/tickets', { token: guide.token, body: { serviceId: 'social', phone: '13700008888' } })).ticket;
    const clerk2 = await srv.user('clerk');
    await srv.api('/api/windows/W05/sign-in', { token: clerk2.token, body: {} });
    await srv.api('/api/windows/W05/call', { token: clerk2.token, body: { number: other.number } });
    let refusedOutright: any[] = [];
    for (let i = 0; i < 100 && refusedOutright.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      refusedOutright = (await srv.api<any>('/api/notifications?status=dead', { token: sup.token })).messages;
    }
    expect(refusedOutright[0]).toMatchObject({ number: other.number, attempts: 1, lastError: 'HTTP 400' });
  });
});

describe('the outbox across a restart', () => {
  it('keeps the messages a gateway could not take while the server was down, and sends them after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-webhook-'));
    const rx = new Receiver();
    await rx.start();
    const url = rx.url;
    const port = Number(new URL(url).port);
    await rx.close(); // the gateway is down
    const clock = manualClock();
    let srv = await startTestServer({ dataDir, clock, config: hookConfig(url, 20), webhook: { baseDelayMs: 100, maxDelayMs: 200 } });
    const guide = await srv.user('guide', 'guide-r');
    const clerk = await srv.user('clerk', 'clerk-r');
    const { ticket } = await srv.api<any>('/api/tickets', { token: guide.token, body: { serviceId: 'biz', phone: '13600001111' } });
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    await srv.api('/api/windows/W01/call', { token: clerk.token, body: { number: ticket.number } });
    await new Promise((r) => setTimeout(r, 300));
    const pending = srv.db.prepare("SELECT kind, attempts FROM outbox WHERE status = 'pending'").all() as { kind: string; attempts: number }[];
    expect(pending.map((p) => p.kind).sort()).toEqual(['called', 'near']);
    expect(pending.every((p) => p.attempts >= 1)).toBe(true);
    await srv.close();

    const back = new Receiver();
    await back.start(port);
    srv = await startTestServer({ dataDir, clock, config: hookConfig(url, 20), webhook: { baseDelayMs: 100, maxDelayMs: 200 } });
    const got = await back.until(2);
    expect(got.map((d) => d.body.kind).sort()).toEqual(['called', 'near']);
    expect(got.every((d) => d.body.ticket.id === ticket.id)).toBe(true);
    await srv.close();
    await back.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
