// Serial devices on a counter computer's USB-serial line, through the device agent: the server
// process, the agent process with --serial on one end of a socat pty pair, and the devices'
// emulator (a pad and a keypad, serial.md frames) on the other. The hall file names the agent's
// line (`serial: {agent: ID}`) and is applied with SIGHUP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { DeviceEmulator, openPtyPair, type ReceivedFrame } from '@onewindow/drivers/serial';
import { apiRequest, type AlertView } from '@onewindow/protocol';
import { newAgentDevice, startAgentProcess, writeConfig, type AgentProcess } from './agent-process.ts';
import { DEFAULT_CONFIG, undoAfterEach, until } from './helper.ts';
import { startServerProcess } from './process.ts';

const afterTest = undoAfterEach();

describe('serial devices through a device agent', () => {
  it('relays a pad and a keypad on the agent\'s line with serial.md unchanged, and keeps their offline rules across a lost agent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-agent-serial-'));
    afterTest(() => rmSync(dir, { recursive: true, force: true }));
    const config = structuredClone(loadHallConfig(DEFAULT_CONFIG));
    config.kiosks = [];
    const file = writeConfig(join(dir, 'hall.json'), config);
    const srv = await startServerProcess({ dataDir: join(dir, 'data'), config: file, env: { ONEWINDOW_SERIAL_HEARTBEAT_MS: '400' } });
    afterTest(() => srv.stop('SIGKILL'));
    const { admin, id, pairingCode } = await newAgentDevice(srv, '1号窗口电脑');

    // The hall file now hangs W01's pad and keypad on that agent's line.
    const line = { agent: id };
    config.pads = [{ windowId: 'W01', serial: line, address: 1 }];
    config.keypads = [{ windowId: 'W01', serial: line, address: 41 }];
    writeConfig(file, config);
    srv.child.kill('SIGHUP');
    await until('the reload', () => srv.output().includes('configuration reloaded'));

    const pty = await openPtyPair();
    afterTest(() => pty.close());
    const devices = await DeviceEmulator.open(pty.b);
    afterTest(() => devices.close());
    devices.startHeartbeats(1, 250);
    const args = ['--server', srv.url, '--pair', pairingCode, '--state', join(dir, 'agent-state'), '--serial', `${pty.a}@9600`];
    let agent: AgentProcess = startAgentProcess(args);
    afterTest(() => agent.stop('SIGKILL'));
    await agent.waitFor(/connected to/);

    const frame = async (addr: number, cmd: string, from: number, text?: string): Promise<ReceivedFrame> => {
      const find = () => devices.received.slice(from).find((f) => f.addr === addr && f.cmd === cmd && (text === undefined || f.text === text));
      await until(`${cmd} ${text ?? ''} to ${addr}`, () => find() !== undefined);
      return find()!;
    };
    const alerts = async () => (await apiRequest<{ alerts: AlertView[] }>(srv.url, '/api/alerts', { token: admin })).alerts;

    // The keypad is told its window's state as soon as the line opens: nobody signed in ("--").
    await frame(41, 'D', 0, '--');
    let from = devices.received.length;
    await devices.press(41, 1);
    await frame(41, 'D', from, '--'); // refused: nobody at W01

    await apiRequest(srv.url, '/api/users', { token: admin, body: { username: 'clerk1', password: 'password-123', name: '张三', role: 'clerk' } });
    const clerk = (await apiRequest<{ token: string }>(srv.url, '/api/auth/login', { body: { username: 'clerk1', password: 'password-123' } })).token;
    await apiRequest(srv.url, '/api/windows/W01/sign-in', { token: clerk, body: {} });
    const { ticket } = await apiRequest<{ ticket: { id: string; number: string } }>(srv.url, '/api/tickets', { token: admin, body: { serviceId: 'biz' } });

    // Key 1 calls the next ticket as the clerk; the keypad shows it.
    from = devices.received.length;
    await devices.press(41, 1);
    await frame(41, 'D', from, ticket.number);
    const called = await apiRequest<{ ticket: { status: string; windowId: string } }>(srv.url, `/api/tickets/${ticket.id}`, { token: admin });
    expect(called.ticket).toMatchObject({ status: 'called', windowId: 'W01' });

    // Start, finish: the pad is asked to rate; its rating is recorded and thanked.
    await devices.press(41, 3);
    from = devices.received.length;
    await devices.press(41, 4);
    await frame(1, 'A', from, ticket.number);
    await devices.rate(1, 5);
    await frame(1, 'T', from);
    const db = new Database(join(dir, 'data', 'onewindow.db'), { readonly: true });
    expect(db.prepare('SELECT score, source, window_id FROM evaluations WHERE ticket_id = ?').get(ticket.id)).toEqual({ score: 5, source: 'pad-serial', window_id: 'W01' });
    db.close();

    // The agent dies: the line is down and the pad, heard no more, goes offline (3 missed
    // heartbeats, as on a line of the server's own). Back, both alerts close and keys work again.
    agent.child.kill('SIGKILL');
    await until('line and pad alerts', async () => {
      const open = await alerts();
      return open.some((a) => a.subject === `serial:line:agent:${id}`) && open.some((a) => a.subject === 'serial:pad:W01@1');
    }, 15_000);
    expect((await alerts()).find((a) => a.subject === `serial:line:agent:${id}`)!.message).toContain('设备代理“1号窗口电脑”的串口已断开');
    agent = startAgentProcess(args);
    await agent.waitFor(/connected to/);
    await until('alerts closed', async () => {
      const open = await alerts();
      return !open.some((a) => a.subject === `serial:line:agent:${id}` || a.subject === 'serial:pad:W01@1');
    }, 20_000);
    const { ticket: next } = await apiRequest<{ ticket: { number: string } }>(srv.url, '/api/tickets', { token: admin, body: { serviceId: 'biz' } });
    from = devices.received.length;
    await devices.press(41, 1);
    await frame(41, 'D', from, next.number);
    expect(await agent.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
