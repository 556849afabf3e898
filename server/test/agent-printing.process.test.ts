// The device agent as a hall runs it: the agent process (`npm run agent`'s entry) against the server
// process, printing to an ESC/POS emulator behind a socat pty that stands in for /dev/usb/lp0, and
// over TCP. The agent is killed with SIGKILL in the middle of a job and the server too; afterwards
// the bytes the printer received are decoded and every issued ticket is there exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import {
  decode, largestText, splitJobs, startPrinterEmulator, startPtyPrinterEmulator,
} from '@onewindow/drivers/printer';
import { apiRequest, type AlertView } from '@onewindow/protocol';
import { startAgentProcess, newAgentDevice, pairedDevice, writeConfig, type AgentProcess } from './agent-process.ts';
import { DEFAULT_CONFIG, undoAfterEach } from './helper.ts';
import { freePort, startServerProcess, type ServerProcess } from './process.ts';

const afterTest = undoAfterEach();

function hall(dir: string): string {
  const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
  config.kiosks = [{ id: 'K1', name: '大厅入口取号机', printer: { type: 'agent', width: 48 } }];
  return writeConfig(join(dir, 'hall.json'), config);
}

async function server(dataDir: string, port: number, config: string): Promise<ServerProcess> {
  const srv = await startServerProcess({ dataDir, port, config });
  afterTest(() => srv.stop('SIGKILL'));
  return srv;
}

function agent(args: string[]): AgentProcess {
  const a = startAgentProcess(args);
  afterTest(() => a.stop('SIGKILL'));
  return a;
}

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number, what: string): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-agent-proc-'));
  afterTest(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type PrinterRow = { kioskId: string; state: string; pending: number; detail: string | null };

describe('the device agent process', () => {
  it('prints every ticket exactly once through a printer device file, across kill -9 of the agent mid-job and of the server, and a server restart', async () => {
    const dir = tmp();
    const dataDir = join(dir, 'data');
    const config = hall(dir);
    const port = await freePort();
    let srv = await server(dataDir, port, config);
    const { admin, pairingCode } = await newAgentDevice(srv, 'K1 电脑', 'K1');
    const kiosk = await pairedDevice(srv, admin, { kind: 'kiosk', name: 'K1 屏幕', kioskId: 'K1' });
    const printer = await startPtyPrinterEmulator();
    afterTest(() => printer.close());
    const args = ['--server', srv.url, '--pair', pairingCode, '--state', join(dir, 'agent-state'), '--printer', `lp:${printer.devicePath}`];
    const issued: string[] = [];
    const issue = async () => {
      const started = Date.now();
      const { ticket } = await apiRequest<{ ticket: { number: string } }>(srv.url, '/api/tickets', { token: kiosk, body: { serviceId: 'biz' } });
      expect(Date.now() - started).toBeLessThan(2000); // the kiosk never waits for the printer
      issued.push(ticket.number);
    };

    let a = agent(args);
    await a.waitFor(/connected to/);
    for (let i = 0; i < 3; i++) await issue();
    await printer.waitForJobs(3, 15_000);
    await a.waitFor(new RegExp(`${issued[2]} printed`)); // confirmed by the printer's answer

    // Mid-job: the printer takes the next ticket's bytes but answers nothing after them, so the agent
    // is still waiting for its confirmation when it is killed. Its record says the bytes went out.
    printer.answering = false;
    await issue();
    await printer.waitForJobs(4, 10_000);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe(null);

    // While the agent is away tickets are issued and kept; then the server itself is killed.
    await issue();
    await issue();
    srv.child.kill('SIGKILL');
    await new Promise((r) => srv.child.once('exit', r));
    srv = await server(dataDir, port, config);
    await issue();

    printer.answering = true;
    a = agent(args); // the same state folder; its pairing code is used up, its token kept
    await printer.waitForJobs(7, 30_000);
    await a.waitFor(/paired as "K1 电脑"/);

    // A graceful restart of the server while the agent runs: it reconnects by itself.
    await srv.stop('SIGTERM');
    srv = await server(dataDir, port, config);
    await issue();
    await printer.waitForJobs(8, 30_000);

    // Nothing left to print, nothing printed twice: counted from the bytes the printer received.
    const pending = await until(async () => (await apiRequest<{ printers: PrinterRow[] }>(srv.url, '/api/printers', { token: (await apiRequest<{ token: string }>(srv.url, '/api/auth/login', { body: { username: 'admin', password: 'admin-password' } })).token })).printers[0],
      (p) => p.pending === 0, 10_000, 'no pending job');
    expect(pending).toMatchObject({ kioskId: 'K1', pending: 0 });
    const received = splitJobs(decode(printer.received)).map(largestText);
    expect(received).toHaveLength(issued.length);
    expect([...received].sort()).toEqual([...issued].sort());
    expect(new Set(received).size).toBe(issued.length);
    // The job cut short by the kill was not printed again: the agent answered from its record, and
    // the server recorded each job's outcome once.
    expect(a.output()).toContain(`${issued[3]} unconfirmed (sent to the printer before a break; not printed again)`);
    const db = new Database(join(dataDir, 'onewindow.db'), { readonly: true });
    const jobs = db.prepare('SELECT number, outcome FROM print_jobs ORDER BY created_at').all() as { number: string; outcome: string }[];
    db.close();
    expect(jobs.map((j) => j.number)).toEqual(issued);
    expect(jobs.map((j) => j.outcome)).toEqual(issued.map((_, i) => (i === 3 ? 'unconfirmed' : 'printed')));
    expect(await a.stop('SIGTERM')).toBe(0);
  }, 150_000);

  it('prints over TCP, reports paper out to the kiosk and supervisors, is reported within 30 s when it falls silent, and stops when unpaired', async () => {
    const dir = tmp();
    const port = await freePort();
    const srv = await server(join(dir, 'data'), port, hall(dir));
    const { admin, id, pairingCode } = await newAgentDevice(srv, 'K1 电脑', 'K1');
    const kiosk = await pairedDevice(srv, admin, { kind: 'kiosk', name: 'K1 屏幕', kioskId: 'K1' });
    const emu = await startPrinterEmulator();
    afterTest(() => emu.close());
    const a = agent(['--server', srv.url, '--pair', pairingCode, '--state', join(dir, 'agent-state'), '--printer', `tcp:127.0.0.1:${emu.port}`]);
    await a.waitFor(/connected to/);
    const issue = async () => (await apiRequest<{ ticket: { number: string } }>(srv.url, '/api/tickets', { token: kiosk, body: { serviceId: 'biz' } })).ticket.number;
    const printers = async () => (await apiRequest<{ printers: PrinterRow[] }>(srv.url, '/api/printers', { token: admin })).printers[0];
    const alerts = async () => (await apiRequest<{ alerts: AlertView[] }>(srv.url, '/api/alerts', { token: admin })).alerts;

    const n1 = await issue();
    await emu.waitForJobs(1, 15_000);
    expect(largestText(emu.jobs()[0])).toBe(n1);

    // Paper out: the kiosk's printer reads paper-out (its screen shows the number large), an alert
    // is raised, tickets are still issued and wait; with paper back they print and the alert closes.
    emu.setPaper('out');
    await until(printers, (p) => p.state === 'paper-out', 15_000, 'paper-out');
    expect((await alerts()).some((x) => x.kind === 'printer' && x.subject === 'printer:K1')).toBe(true);
    const n2 = await issue();
    await new Promise((r) => setTimeout(r, 1500));
    expect(emu.jobs()).toHaveLength(1);
    emu.setPaper('ok');
    await emu.waitForJobs(2, 15_000);
    expect(largestText(emu.jobs()[1])).toBe(n2);
    await until(alerts, (list) => !list.some((x) => x.subject === 'printer:K1'), 15_000, 'the printer alert closed');

    // Silent (the process stopped, its connection still open): an alert within 30 s (15 s by default).
    const stoppedAt = Date.now();
    a.child.kill('SIGSTOP');
    const silent = await until(alerts, (list) => list.some((x) => x.subject === `agent:${id}`), 30_000, 'the silent-agent alert');
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);
    expect(silent.find((x) => x.subject === `agent:${id}`)).toMatchObject({ kind: 'device-offline', level: 'critical' });
    expect((await printers()).state).toBe('offline'); // the kiosk shows its large number and QR
    a.child.kill('SIGCONT');
    await until(alerts, (list) => !list.some((x) => x.subject === `agent:${id}`), 15_000, 'the alert cleared');

    // Unpaired: disconnected at once, refused after; the agent stops for good (exit 78).
    await apiRequest(srv.url, `/api/devices/${id}`, { token: admin, method: 'DELETE' });
    expect(await a.exited).toBe(78);
    expect(a.output()).toMatch(/the hall refused the stored token/);
  }, 120_000);
});
