// The device agents' side of the hall, on a listening server with real socket.io clients playing
// the agent at the message level (the agent process itself: agent-*.process.test.ts): who gets in,
// jobs kept in SQLite and re-sent after a break, finished once, status and silence reaching
// supervisors and the kiosk, unpairing.
import { describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import { decode, largestText } from '@onewindow/drivers/printer';
import type { AgentHello, PrintJobMessage, StateSnapshot } from '@onewindow/protocol';
import { applyConfig } from '../src/services/admin/admin.service.ts';
import { DEFAULT_CONFIG, nextEvent, refused, startTestServer, undoAfterEach, until, type TestServer } from './helper.ts';

const afterTest = undoAfterEach();

function agentConfig(): HallConfig {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.kiosks = [
    { id: 'K1', name: '大厅入口取号机', printer: { type: 'agent', width: 48 } },
    { id: 'K2', name: '二楼取号机', printer: { type: 'none' } },
  ];
  return config;
}

async function server(config = agentConfig()): Promise<TestServer> {
  const srv = await startTestServer({ config });
  afterTest(() => srv.close());
  return srv;
}

async function adminToken(srv: TestServer) {
  return srv.login();
}

/** An agent device created by the admin and paired: its id and token. */
async function pairedAgent(srv: TestServer, body: Record<string, unknown> = { kioskId: 'K1' }) {
  const admin = await adminToken(srv);
  const { id, pairingCode } = await srv.api<{ id: string; pairingCode: string }>('/api/devices', { token: admin, body: { kind: 'agent', name: 'K1 电脑', ...body } });
  const { token } = await srv.api<{ token: string }>('/api/devices/pair', { body: { pairingCode } });
  return { id, token };
}

type AgentSock = Socket & { jobs: PrintJobMessage[]; hello: Promise<AgentHello> };

/** A socket.io client on /agent, as the agent process connects. */
function agentSocket(srv: TestServer, token: string): AgentSock {
  const s = ioClient(`${srv.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }) as AgentSock;
  s.jobs = [];
  s.on('print:job', (m: PrintJobMessage) => s.jobs.push(m));
  s.hello = nextEvent<AgentHello>(s, 'agent:hello', 5000);
  afterTest(() => { s.close(); });
  return s;
}

async function ready(s: AgentSock, printer: string | null = 'lp:/dev/usb/lp0') {
  await s.hello;
  const ack = await s.timeout(3000).emitWithAck('agent:ready', { version: '0.1.0', platform: 'linux', printer, serial: null });
  expect(ack).toEqual({ ok: true });
}

const numberOf = (m: PrintJobMessage) => largestText(decode(Buffer.from(m.bytes, 'base64')));

describe('device agents: pairing and the door', () => {
  it('creates agents bound to a kiosk or to nothing, one per kiosk, never to a window', async () => {
    const srv = await server();
    const admin = await adminToken(srv);
    const create = (body: object) => srv.api('/api/devices', { token: admin, body: { kind: 'agent', name: 'agent', ...body } });
    expect(await refused(create({ windowId: 'W01' }))).toEqual({ status: 422, code: 'AGENT_WINDOW' });
    expect(await refused(create({ kioskId: 'K9' }))).toEqual({ status: 422, code: 'KIOSK_REQUIRED' });
    const first = await create({ kioskId: 'K1' }) as { id: string; device: { kind: string } };
    expect(first.device.kind).toBe('agent');
    expect(await refused(create({ kioskId: 'K1' }))).toEqual({ status: 409, code: 'AGENT_EXISTS' });
    await create({}); // a counter computer's agent, for serial devices only
    await srv.api(`/api/devices/${first.id}`, { token: admin, method: 'DELETE' });
    await create({ kioskId: 'K1' }); // the kiosk is free again once the old one is unpaired
  });

  it('lets only a paired agent into /agent, and tells it what the hall file asks of it', async () => {
    const srv = await server();
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    for (const token of ['nope', kiosk]) {
      const s = ioClient(`${srv.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      afterTest(() => { s.close(); });
      expect((await nextEvent<Error>(s, 'connect_error')).message).toBe('UNAUTHORIZED');
    }
    const { id, token } = await pairedAgent(srv);
    const s = agentSocket(srv, token);
    expect(await s.hello).toMatchObject({ deviceId: id, kioskId: 'K1', printer: { kioskId: 'K1', kioskName: '大厅入口取号机' }, serial: false, heartbeatMs: 5000 });
    // An agent token is no kiosk: it cannot issue tickets, nor follow the hall's feeds.
    expect(await refused(srv.api('/api/tickets', { token, body: { serviceId: 'biz' } }))).toMatchObject({ status: 403 });
    const feed = ioClient(srv.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    afterTest(() => { feed.close(); });
    expect((await nextEvent<Error>(feed, 'connect_error')).message).toBe('WRONG_NAMESPACE');
    expect(s.connected).toBe(true);
  });

  it('drops messages that do not match their schema, and refuses jobs that are not its kiosk\'s', async () => {
    const srv = await server();
    const { token } = await pairedAgent(srv);
    const s = agentSocket(srv, token);
    await s.hello;
    expect(await s.timeout(3000).emitWithAck('agent:ready', { version: 1 })).toEqual({ ok: false, error: 'BAD_MESSAGE' });
    expect(await s.timeout(3000).emitWithAck('print:done', { id: 'x', outcome: 'burnt' })).toEqual({ ok: false, error: 'BAD_MESSAGE' });
    expect(await s.timeout(3000).emitWithAck('print:done', { id: 'no-such-job', outcome: 'printed' })).toEqual({ ok: false, error: 'UNKNOWN_JOB' });
    s.emit('serial:data', { data: '!!not base64!!' });
    expect(await s.timeout(3000).emitWithAck('serial:closed' as never, { line: 'printer' } as never)).toEqual({ ok: false, error: 'BAD_MESSAGE' });
    s.emit('printer:status', { state: 'on fire', detail: '', raw: [] });
    expect(await s.timeout(3000).emitWithAck('agent:ready', { version: '1', platform: 'linux', printer: null, serial: null })).toEqual({ ok: true });
    expect(s.connected).toBe(true);
  });
});

describe('device agents: every ticket prints once', () => {
  it('keeps a job with each ticket of an agent kiosk, sends it when the agent is ready and again after a break until it is done', async () => {
    const srv = await server();
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const { token } = await pairedAgent(srv);
    // Issued while no agent is connected: the kiosk does not wait, the job is kept.
    const started = Date.now();
    const { ticket: t1 } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    expect(Date.now() - started).toBeLessThan(1000);
    const row = srv.db.prepare('SELECT * FROM print_jobs WHERE ticket_id = ?').get(t1.id) as { number: string; finished_at: number | null };
    expect(row).toMatchObject({ number: t1.number, finished_at: null });

    const a = agentSocket(srv, token);
    await ready(a);
    await until('the kept job', () => a.jobs.length === 1, 3000);
    expect(numberOf(a.jobs[0])).toBe(t1.number);
    expect(a.jobs[0].ttlMs).toBeGreaterThan(9 * 60_000);

    const { ticket: t2 } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    await until('the new job', () => a.jobs.length === 2, 3000);
    expect(numberOf(a.jobs[1])).toBe(t2.number);
    expect(await a.timeout(3000).emitWithAck('print:done', { id: a.jobs[0].id, outcome: 'printed' })).toEqual({ ok: true });
    // Told twice (a re-sent job the agent had already printed): recorded once, answered ok.
    expect(await a.timeout(3000).emitWithAck('print:done', { id: a.jobs[0].id, outcome: 'printed' })).toEqual({ ok: true });

    // The connection breaks before t2 is done: the next connection gets t2 again, and only t2.
    a.close();
    const b = agentSocket(srv, token);
    await ready(b);
    await until('the re-sent job', () => b.jobs.length === 1, 3000);
    expect(b.jobs[0].id).toBe(a.jobs[1].id);
    await b.timeout(3000).emitWithAck('print:done', { id: b.jobs[0].id, outcome: 'unconfirmed' });
    const printers = await srv.api<{ printers: Array<{ kioskId: string; type: string; pending: number; lastJob: { number: string; status: string } | null }> }>('/api/printers', { token: await adminToken(srv) });
    expect(printers.printers.find((p) => p.kioskId === 'K1')).toMatchObject({ type: 'agent', pending: 0, lastJob: { number: t2.number, status: 'printed' } });
    const finished = srv.db.prepare('SELECT outcome, sent_count FROM print_jobs ORDER BY created_at').all();
    expect(finished).toEqual([{ outcome: 'printed', sent_count: 1 }, { outcome: 'unconfirmed', sent_count: 2 }]);

    // A third connection has nothing to print.
    b.close();
    const c = agentSocket(srv, token);
    await ready(c);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.jobs).toEqual([]);
  });

  it('gives a kiosk\'s jobs up after its printer\'s jobTtlMin (extension) while a kiosk on the default 10 min holds its own, and takes an edit live', async () => {
    const config = agentConfig();
    config.kiosks![0].printer = { type: 'agent', width: 48, jobTtlMin: 2 };
    config.kiosks!.push({ id: 'K3', name: '三楼取号机', printer: { type: 'agent', width: 48 } });
    const srv = await server(config);
    const admin = await adminToken(srv);
    const pending = async () => {
      const { printers } = await srv.api<{ printers: Array<{ kioskId: string; pending: number }> }>('/api/printers', { token: admin });
      return Object.fromEntries(printers.filter((p) => p.kioskId !== 'K2').map((p) => [p.kioskId, p.pending]));
    };
    const outcomeOf = (ticketId: string) => (srv.db.prepare('SELECT outcome FROM print_jobs WHERE ticket_id = ?').get(ticketId) as { outcome: string | null }).outcome;
    const k1 = await srv.device('kiosk', { kioskId: 'K1' });
    const k3 = await srv.device('kiosk', { kioskId: 'K3' });
    const agent1 = await pairedAgent(srv);
    const agent3 = await pairedAgent(srv, { kioskId: 'K3', name: 'K3 电脑' });
    // Issued while neither agent is connected.
    const { ticket: t1 } = await srv.api('/api/tickets', { token: k1, body: { serviceId: 'biz' } });
    const { ticket: t3 } = await srv.api('/api/tickets', { token: k3, body: { serviceId: 'biz' } });
    srv.clock.advance(60_000);
    expect(await pending()).toEqual({ K1: 1, K3: 1 });
    srv.clock.advance(2 * 60_000);
    expect(await pending()).toEqual({ K1: 0, K3: 1 });

    // Three minutes on, K1's agent gets nothing (its job is given up), K3's gets its job with 7 minutes left.
    const a = agentSocket(srv, agent1.token);
    await ready(a);
    const b = agentSocket(srv, agent3.token);
    await ready(b);
    await until('K3\'s job', () => b.jobs.length === 1, 3000);
    expect(numberOf(b.jobs[0])).toBe(t3.number);
    expect(b.jobs[0].ttlMs).toBe(7 * 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.jobs).toEqual([]);
    expect(outcomeOf(t1.id)).toBe('expired');
    expect(outcomeOf(t3.id)).toBeNull();

    // An edit of the hall file applies without a restart: K3's jobs now wait 5 minutes.
    const next = structuredClone(srv.config);
    next.kiosks![2].printer = { type: 'agent', width: 48, jobTtlMin: 5 };
    applyConfig(srv.ctx, next, 'test');
    const { ticket: t4 } = await srv.api('/api/tickets', { token: k3, body: { serviceId: 'biz' } });
    await until('K3\'s new job', () => b.jobs.length === 2, 3000);
    expect(numberOf(b.jobs[1])).toBe(t4.number);
    expect(b.jobs[1].ttlMs).toBe(5 * 60_000);
    srv.clock.advance(3 * 60_000); // t3 is 6 minutes old: past the 5, within the default 10
    expect(await pending()).toEqual({ K1: 0, K3: 1 });
  });

  it('prints a test slip through the agent and answers with its outcome', async () => {
    const srv = await server();
    const { token } = await pairedAgent(srv);
    const a = agentSocket(srv, token);
    await ready(a);
    a.on('print:job', (m: PrintJobMessage) => { void a.timeout(3000).emitWithAck('print:done', { id: m.id, outcome: 'printed' }); });
    const r = await srv.api<{ job: { status: string } }>('/api/printers/K1/test', { token: await adminToken(srv), body: {} });
    expect(r.job.status).toBe('printed');
    expect(numberOf(a.jobs[0])).toBe('TEST');
  });

  it('replaces an older connection of the same agent, so no job goes to two of them', async () => {
    const srv = await server();
    const { token } = await pairedAgent(srv);
    const a = agentSocket(srv, token);
    await ready(a);
    const gone = nextEvent(a, 'disconnect');
    const b = agentSocket(srv, token);
    await ready(b);
    await gone;
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    await until('the job on the newer connection', () => b.jobs.length === 1, 3000);
    expect(a.jobs).toEqual([]);
  });
});

describe('device agents: status, silence and unpairing', () => {
  it('turns the agent\'s printer status into the kiosk\'s, with an alert when it cannot print', async () => {
    const srv = await server();
    const { token } = await pairedAgent(srv);
    const kioskToken = await srv.device('kiosk', { kioskId: 'K1' });
    const kiosk = srv.socket({ token: kioskToken });
    await nextEvent<StateSnapshot>(kiosk, 'state');
    const a = agentSocket(srv, token);
    await ready(a);
    const heard = nextEvent(kiosk, 'printer:status');
    a.emit('printer:status', { state: 'paper-out', detail: 'lp:/dev/usb/lp0', raw: [0x1a, 0x32, 0x12, 0x7e] });
    expect((await heard).printer).toMatchObject({ kioskId: 'K1', state: 'paper-out' });
    expect((await heard).printer.detail).toMatch(/缺纸.*设备代理 K1 电脑 · lp:\/dev\/usb\/lp0/);
    const { alerts } = await srv.api('/api/alerts', { token: await adminToken(srv) });
    expect(alerts.find((x: { kind: string }) => x.kind === 'printer')).toMatchObject({ level: 'critical', subject: 'printer:K1' });
    const back = nextEvent(kiosk, 'printer:status');
    a.emit('printer:status', { state: 'unknown', detail: 'lp:/dev/usb/lp0', raw: [] });
    expect((await back).printer.state).toBe('unknown'); // a one-way printer: the kiosk prints as usual
  });

  it('raises an alert for an agent that falls silent, shows the kiosk large, and clears it when the agent is back', async () => {
    const srv = await server();
    srv.ctx.agents.silenceMs = 600; // the watch runs every second (15 s by default)
    const { id, token } = await pairedAgent(srv);
    const supervisor = srv.socket({ token: await adminToken(srv) });
    await nextEvent(supervisor, 'state');
    const kiosk = srv.socket({ token: await srv.device('kiosk', { kioskId: 'K1' }) });
    await nextEvent(kiosk, 'state');
    const a = agentSocket(srv, token);
    await ready(a);
    // Connected but silent: no heartbeat.
    const alert = await nextEvent(supervisor, 'alert', 5000);
    expect(alert.alert).toMatchObject({ kind: 'device-offline', subject: `agent:${id}`, level: 'critical' });
    expect(alert.alert.message).toMatch(/K1 电脑.*无响应/);
    expect((await nextEvent(kiosk, 'printer:status', 3000)).printer).toMatchObject({ state: 'offline' });
    const { agents } = await srv.api('/api/agents', { token: await adminToken(srv) });
    expect(agents).toEqual([expect.objectContaining({ id, connected: true, silent: true, printer: 'lp:/dev/usb/lp0' })]);
    // A heartbeat: the alert is closed by the system.
    const cleared = nextEvent(supervisor, 'alert', 3000);
    a.emit('agent:heartbeat', {});
    expect((await cleared).alert).toMatchObject({ subject: `agent:${id}`, acknowledgedBy: 'system' });
  });

  it('reports a paired agent that never connects, and closes that alert when it is unpaired', async () => {
    const srv = await server();
    srv.ctx.agents.silenceMs = 600;
    const { id } = await pairedAgent(srv);
    const admin = await adminToken(srv);
    const open = async () => (await srv.api('/api/alerts', { token: admin })).alerts.filter((x: { subject?: string }) => x.subject === `agent:${id}`);
    await until('the alert of an agent never heard from', async () => (await open()).length === 1, 5000);
    expect((await srv.api('/api/printers', { token: admin })).printers.find((p: { kioskId: string }) => p.kioskId === 'K1')).toMatchObject({ state: 'offline' });
    await srv.api(`/api/devices/${id}`, { token: admin, method: 'DELETE' });
    await until('the alert closed', async () => (await open()).length === 0, 5000);
  });

  it('disconnects an unpaired agent at once and refuses it after', async () => {
    const srv = await server();
    const { id, token } = await pairedAgent(srv);
    const a = agentSocket(srv, token);
    await ready(a);
    const gone = nextEvent(a, 'disconnect');
    await srv.api(`/api/devices/${id}`, { token: await adminToken(srv), method: 'DELETE' });
    expect(await gone).toBe('io server disconnect');
    const again = ioClient(`${srv.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    afterTest(() => { again.close(); });
    expect((await nextEvent<Error>(again, 'connect_error')).message).toBe('UNAUTHORIZED');
  });
});
