// The hall server and its wired devices end to end: the server's SerialDevices on one end of a real
// socat pseudo-terminal pair, the driver's device emulator playing pads, a LED screen and a keypad
// on the other, all on one line by address (serial.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '@onewindow/config';
import { DeviceEmulator, openPtyPair, type PtyPair, type ReceivedFrame } from '@onewindow/drivers/serial';
import { applyConfig } from '../src/services/admin/admin.service.ts';
import { DEFAULT_CONFIG, startTestServer, until, type TestServer } from './helper.ts';

let pty: PtyPair;
let emu: DeviceEmulator;
let srv: TestServer;
let clerk: { token: string; id: string };
let guide: { token: string; id: string };

/** Waits for a frame the host sent to `addr` after `from` (an index into emu.received) that matches. */
async function frame(addr: number, cmd: string, from: number, text?: string): Promise<ReceivedFrame> {
  const find = () => emu.received.slice(from).find((f) => f.addr === addr && f.cmd === cmd && (text === undefined || f.text === text));
  await until(`${cmd} ${text ?? ''} to ${addr}`, () => find() !== undefined);
  return find()!;
}

const openAlert = (subject: string) => srv.ctx.alerts.open().find((a) => a.kind === 'device-offline' && a.subject === subject);

beforeAll(async () => {
  pty = await openPtyPair();
  emu = await DeviceEmulator.open(pty.b);
  emu.startHeartbeats(1, 100); // W01's pad beats; W02's pad (address 2) stays silent
  const config = loadHallConfig(DEFAULT_CONFIG);
  const serial = { path: pty.a, baudRate: 9600 };
  config.pads = [{ windowId: 'W01', serial, address: 1 }, { windowId: 'W02', serial, address: 2 }];
  config.windowScreens = [{ windowId: 'W01', serial, address: 21 }];
  config.keypads = [{ windowId: 'W01', serial, address: 41 }];
  process.env.ONEWINDOW_SERIAL_HEARTBEAT_MS = '100';
  srv = await startTestServer({ config });
  clerk = await srv.user('clerk');
  guide = await srv.user('guide');
}, 60_000);

afterAll(async () => {
  await srv?.close();
  await emu?.close();
  await pty?.close();
});

describe('keypads act as the clerk signed in at their window', () => {
  it('are refused with "--" while nobody is signed in', async () => {
    const from = emu.received.length;
    await emu.press(41, 1);
    await frame(41, 'D', from, '--');
    expect(srv.ctx.hall.state.windows.get('W01')!.currentTicketId).toBeNull();
  });

  it('key 1 calls the next ticket as the clerk; the LED screen shows it in GB18030 and blinks', async () => {
    let from = emu.received.length;
    await srv.api('/api/windows/W01/sign-in', { token: clerk.token, body: {} });
    await frame(41, 'D', from, '----');
    await frame(21, 'S', from, '1号窗口 欢迎您');
    const { ticket } = await srv.api('/api/tickets', { token: guide.token, body: { serviceId: 'biz' } });

    from = emu.received.length;
    await emu.press(41, 1);
    const shown = await frame(21, 'S', from);
    expect(new TextDecoder('gb18030').decode(shown.payload)).toBe(`${ticket.number} 请到1号窗口`);
    expect(shown.payload.subarray(5, 7)).toEqual(Buffer.from([0xc7, 0xeb])); // 请 in GB18030
    expect((await frame(21, 'B', from)).payload).toEqual(Buffer.of(3));
    await frame(41, 'D', from, ticket.number);

    expect(srv.ctx.hall.state.windows.get('W01')!.currentTicketId).toBe(ticket.id);
    const logged = srv.db.prepare("SELECT actor FROM events WHERE type = 'ticket.called' AND ticket_id = ?").get(ticket.id);
    expect(logged).toEqual({ actor: `user:${clerk.id}` });
  });

  it('key 2 recalls, key 3 starts; a key that does not fit shows an error', async () => {
    let from = emu.received.length;
    await emu.press(41, 2);
    await frame(21, 'B', from);
    from = emu.received.length;
    await emu.press(41, 3);
    await until('serving', () => srv.ctx.hall.state.windows.get('W01')!.currentTicketId !== null
      && srv.ctx.hall.state.tickets.get(srv.ctx.hall.state.windows.get('W01')!.currentTicketId!)!.steps[0].status === 'serving');
    await emu.press(41, 5); // no-show of a ticket already being served
    await frame(41, 'D', from, 'E STATE');
  });
});

describe('pads', () => {
  it('are asked to rate when key 4 finishes; a rating over serial records an evaluation and thanks', async () => {
    const current = srv.ctx.hall.state.windows.get('W01')!.currentTicketId!;
    const number = srv.ctx.hall.state.tickets.get(current)!.number;
    const from = emu.received.length;
    await emu.press(41, 4);
    await frame(1, 'A', from, number);
    await frame(41, 'D', from, '----');
    expect(emu.received.slice(from).some((f) => f.addr === 2)).toBe(false); // W02's pad is not asked

    await emu.rate(1, 2);
    await frame(1, 'T', from);
    const row = srv.db.prepare('SELECT score, source, window_id, clerk_id FROM evaluations WHERE ticket_id = ?').get(current);
    expect(row).toEqual({ score: 2, source: 'pad-serial', window_id: 'W01', clerk_id: clerk.id });
    expect(srv.db.prepare('SELECT status FROM follow_ups WHERE ticket_id = ?').get(current)).toEqual({ status: 'open' });
    const logged = srv.db.prepare("SELECT actor FROM events WHERE type = 'evaluation.recorded' AND ticket_id = ?").get(current);
    expect(logged).toEqual({ actor: 'serial:pad:W01@1' });

    // A second press of the same pad finds nothing to rate: the pad is told to go idle.
    const again = emu.received.length;
    await emu.rate(1, 5);
    await frame(1, 'I', again);
    expect(srv.db.prepare('SELECT COUNT(*) AS n FROM evaluations').get()).toEqual({ n: 1 });
  });

  it('a silent pad raises a device-offline alert; a line heard again closes it', async () => {
    await until('W02 pad alert', () => openAlert('serial:pad:W02@2') !== undefined);
    expect(openAlert('serial:pad:W02@2')!.message).toContain('2号综合窗口的评价器');
    expect(openAlert('serial:pad:W01@1')).toBeUndefined();

    emu.stopHeartbeats(1);
    await until('W01 pad alert', () => openAlert('serial:pad:W01@1') !== undefined);
    emu.startHeartbeats(1, 100);
    await until('W01 pad alert closed', () => openAlert('serial:pad:W01@1') === undefined);
  });
});

describe('key 6 toggles a pause', () => {
  it('pauses and resumes the window as its clerk', async () => {
    let from = emu.received.length;
    await emu.press(41, 6);
    await frame(41, 'D', from, 'PAUSE');
    await frame(21, 'S', from, '1号窗口 暂停服务');
    expect(srv.ctx.hall.state.windows.get('W01')!).toMatchObject({ status: 'paused', pauseReason: '暂停（呼叫器）' });
    from = emu.received.length;
    await emu.press(41, 6);
    await frame(41, 'D', from, '----');
    expect(srv.ctx.hall.state.windows.get('W01')!.status).toBe('open');
  });
});

describe('a configuration reload', () => {
  it('reopens the devices without a restart: a keypad added works, a pad taken away is no longer missed', async () => {
    await until('W02 pad alert', () => openAlert('serial:pad:W02@2') !== undefined);
    const next = structuredClone(srv.ctx.config);
    const serial = { path: pty.a, baudRate: 9600 };
    next.pads = [{ windowId: 'W01', serial, address: 1 }];
    next.keypads = [...(next.keypads ?? []), { windowId: 'W02', serial, address: 42 }];
    const from = emu.received.length;
    applyConfig(srv.ctx, next, 'test');
    // The new keypad is told its window's state, and answers for W02 (nobody signed in there).
    await frame(42, 'D', from);
    const pressed = emu.received.length;
    await emu.press(42, 1);
    await frame(42, 'D', pressed, '--');
    expect(openAlert('serial:pad:W02@2')).toBeUndefined();
    // The devices kept still work: W01's keypad still calls as its clerk.
    const still = emu.received.length;
    await emu.press(41, 6);
    await frame(41, 'D', still, 'PAUSE');
    await emu.press(41, 6);
    await frame(41, 'D', still, '----');
  });
});
