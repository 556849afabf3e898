// Printing end to end: a kiosk issues over HTTP, the ticket reaches a (loopback TCP) printer, and a
// printer out of paper is heard by the kiosk and the supervisors while tickets keep being issued.
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig, type HallConfig } from '@onewindow/config';
import {
  largestText, opsToText, startPrinterEmulator, type EscPosOp, type JobResult, type Printer, type PrinterEmulator,
} from '@onewindow/drivers/printer';
import type { StateSnapshot } from '@onewindow/protocol';
import { PrintingService } from '../src/services/printing/printing.service.ts';
import { DEFAULT_CONFIG, nextEvent, refused, startTestServer, undoAfterEach, type TestServer } from './helper.ts';

const afterTest = undoAfterEach();

async function emulator(): Promise<PrinterEmulator> {
  const emu = await startPrinterEmulator();
  afterTest(() => emu.close());
  return emu;
}

function configWith(printer: NonNullable<HallConfig['kiosks']>[number]['printer']): HallConfig {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.hall.publicUrl = 'https://q.example.gov.cn';
  config.kiosks = [{ id: 'K1', name: '大厅入口取号机', ...(printer ? { printer } : {}) }];
  return config;
}

async function server(config?: HallConfig): Promise<TestServer> {
  const srv = await startTestServer(config ? { config } : {});
  afterTest(() => srv.close());
  return srv;
}

const texts = (job: EscPosOp[]) => job.flatMap((o) => (o.op === 'text' ? [o.text] : []));

describe('printing issued tickets', () => {
  it('prints a kiosk ticket on its network printer: number, GB18030 service name, tracking QR', async () => {
    const emu = await emulator();
    const srv = await server(configWith({ type: 'network', host: '127.0.0.1', port: emu.port, width: 48 }));
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    const started = Date.now();
    const { ticket } = await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
    expect(Date.now() - started).toBeLessThan(1000);
    const [job] = await emu.waitForJobs(1, 8000);
    expect(largestText(job)).toBe('A001');
    expect(texts(job)).toContain('企业开办');
    expect(texts(job)).toContain('长安区政务服务中心');
    expect(job.find((o) => o.op === 'qr')).toMatchObject({ data: `https://q.example.gov.cn/track/${ticket.trackToken}` });
    expect(opsToText(job, 48)).toMatch(/前面还有 0 人/);
    expect(emu.received.includes(Buffer.from('企业开办', 'latin1'))).toBe(false); // really GB18030, not UTF-8 bytes
  });

  it('issues no print for tickets a guide issues (no kiosk), and writes kiosk tickets to the file printer by default', async () => {
    const srv = await server();
    const guide = await srv.user('guide');
    await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'tax' } });
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    await srv.api('/api/tickets', { token: kiosk, body: { serviceId: 'social' } });
    const dir = join(srv.dataDir, 'printer', 'K1');
    await expect.poll(() => { try { return readdirSync(dir).filter((f) => f.endsWith('.txt')); } catch { return []; } }, { timeout: 5000 }).toHaveLength(1);
    const txt = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.txt'))!), 'utf8');
    expect(txt).toContain('社  保  医  保'); // double width on paper
    expect(txt).toContain('D   0   0   1');
    expect(txt).not.toContain('B001');
  });
});

describe('a printer out of paper', () => {
  it('tells the kiosk and the supervisors, and tickets are still issued and printed once paper is back', async () => {
    const emu = await emulator();
    const srv = await server(configWith({ type: 'network', host: '127.0.0.1', port: emu.port }));
    const kioskToken = await srv.device('kiosk', { kioskId: 'K1' });
    const sup = await srv.user('supervisor');
    const kiosk = srv.socket({ token: kioskToken });
    const staff = srv.socket({ token: sup.token });
    await Promise.all([nextEvent(kiosk, 'state'), nextEvent(staff, 'state')]);

    const kioskHears = nextEvent(kiosk, 'printer:status', 8000);
    const alertHeard = nextEvent(staff, 'alert', 8000);
    emu.setPaper('out');
    const heard = await kioskHears;
    expect(heard.printer).toMatchObject({ kioskId: 'K1', state: 'paper-out' });
    expect(heard.printer.detail).toContain('缺纸');
    const { alert } = await alertHeard;
    expect(alert).toMatchObject({ kind: 'printer', level: 'critical', subject: 'printer:K1' });
    expect(alert.message).toContain('大厅入口取号机');

    const { ticket } = await srv.api('/api/tickets', { token: kioskToken, body: { serviceId: 'prop' } });
    expect(ticket).toMatchObject({ number: 'C001', status: 'waiting' });
    expect((await srv.api('/api/tickets', { token: sup.token })).tickets.map((t: any) => t.number)).toContain('C001');
    expect((await srv.api('/api/alerts', { token: sup.token })).alerts.filter((a: any) => a.subject === 'printer:K1')).toHaveLength(1);
    const fresh: StateSnapshot = await kiosk.timeout(3000).emitWithAck('state:request');
    expect(fresh.printers).toEqual([expect.objectContaining({ kioskId: 'K1', state: 'paper-out' })]);
    expect(emu.jobs()).toHaveLength(0);

    const back = nextEvent(kiosk, 'printer:status', 8000);
    emu.setPaper('ok');
    expect((await back).printer.state).toBe('ok');
    const [job] = await emu.waitForJobs(1, 8000);
    expect(largestText(job)).toBe('C001');
    // Printing again, it closes its own alert.
    await expect.poll(async () => (await srv.api('/api/alerts', { token: sup.token })).alerts.filter((a: any) => a.subject === 'printer:K1')).toHaveLength(0);
  });

  it('reports a printer that is switched off as offline', async () => {
    const emu = await emulator();
    const srv = await server(configWith({ type: 'network', host: '127.0.0.1', port: emu.port }));
    const sup = await srv.user('supervisor');
    await expect.poll(async () => (await srv.api('/api/printers', { token: sup.token })).printers[0].state, { timeout: 6000 }).toBe('ok');
    const staff = srv.socket({ token: sup.token });
    await nextEvent(staff, 'state');
    const heard = nextEvent(staff, 'printer:status', 10_000);
    await emu.close();
    expect((await heard).printer).toMatchObject({ kioskId: 'K1', state: 'offline' });
    await expect.poll(async () => (await srv.api('/api/alerts', { token: sup.token })).alerts.map((a: any) => a.subject)).toContain('printer:K1');
  });
});

describe('printer routes', () => {
  it('lists printers for supervisors and prints a test slip for the admin', async () => {
    const emu = await emulator();
    const srv = await server(configWith({ type: 'network', host: '127.0.0.1', port: emu.port }));
    const sup = await srv.user('supervisor');
    const admin = await srv.login();
    const { printers } = await srv.api('/api/printers', { token: sup.token });
    expect(printers).toEqual([expect.objectContaining({ kioskId: 'K1', name: '大厅入口取号机', type: 'network', description: `tcp://127.0.0.1:${emu.port}` })]);
    const r = await srv.api('/api/printers/K1/test', { token: admin, method: 'POST' });
    expect(r.job.status).toBe('printed');
    expect(r.printer.lastJob).toMatchObject({ number: 'TEST', status: 'printed' });
    expect(largestText((await emu.waitForJobs(1))[0])).toBe('TEST');

    const clerk = await srv.user('clerk');
    const kiosk = await srv.device('kiosk', { kioskId: 'K1' });
    expect(await refused(srv.api('/api/printers', { token: clerk.token }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/printers', { token: kiosk }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/printers/K1/test', { token: sup.token, method: 'POST' }))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await refused(srv.api('/api/printers/K9/test', { token: admin, method: 'POST' }))).toEqual({ status: 404, code: 'UNKNOWN_PRINTER' });
  });

  it('marks a kiosk with printing disabled so its screen shows the number large', async () => {
    const srv = await server(configWith({ type: 'none' }));
    const kiosk = srv.socket({ token: await srv.device('kiosk', { kioskId: 'K1' }) });
    const state = await nextEvent<StateSnapshot>(kiosk, 'state');
    expect(state.printers).toEqual([expect.objectContaining({ kioskId: 'K1', state: 'disabled' })]);
    expect(await refused(srv.api('/api/printers/K1/test', { token: await srv.login(), method: 'POST' }))).toEqual({ status: 409, code: 'PRINTER_DISABLED' });
  });
});

describe('a configuration reload', () => {
  it('replaces a kiosk\'s printer when its settings change (SIGHUP)', async () => {
    const srv = await server();
    srv.config.kiosks = [{ id: 'K1', name: '大厅入口取号机', printer: { type: 'none' } }];
    srv.ctx.hall.commit([{ type: 'config.reloaded', at: srv.ctx.hall.now(), reason: 'test' }], 'system');
    await expect.poll(() => srv.ctx.printing.list()[0]).toMatchObject({ type: 'none', state: 'disabled' });
  });
});

/** A driver stand-in whose jobs fail while it reports itself healthy. */
class FailingPrinter extends EventEmitter {
  readonly kind = 'network';
  readonly description = 'fake';
  readonly status = null;
  readonly pending = 0;
  enqueue(t: { number: string }) {
    const r: JobResult = { jobId: 'j1', number: t.number, status: 'failed', attempts: 5, error: 'EPIPE', at: new Date() };
    setTimeout(() => this.emit('job', r), 10);
    return { jobId: 'j1', done: Promise.resolve(r) };
  }
  async close() {}
}

describe('a job that fails on a printer that says it is fine', () => {
  it('is reported as a printer error so the kiosk shows the number large', async () => {
    const srv = await server();
    await srv.ctx.printing.close(); // only the stand-in prints in this test
    const printing = new PrintingService({
      hall: srv.ctx.hall, alerts: srv.ctx.alerts, config: srv.config, dataDir: srv.dataDir, views: () => srv.ctx.queue.views(),
      create: () => new FailingPrinter() as unknown as Printer, log: () => {},
    });
    printing.start();
    afterTest(() => printing.close());
    const kioskToken = await srv.device('kiosk', { kioskId: 'K1' });
    const kiosk = srv.socket({ token: kioskToken });
    await nextEvent(kiosk, 'state');
    const heard = nextEvent(kiosk, 'printer:status');
    await srv.api('/api/tickets', { token: kioskToken, body: { serviceId: 'fund' } });
    expect((await heard).printer).toMatchObject({ kioskId: 'K1', state: 'error' });
    expect((await heard).printer.detail).toContain('E001 未能打印');
    expect(printing.list()[0].lastJob).toMatchObject({ number: 'E001', status: 'failed', error: 'EPIPE' });
  });
});
