// End to end over real pseudo-terminals: SerialDevices on one end of a socat pair, the device
// emulator on the other, speaking serial.md byte for byte.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Recorder, until } from '../../test/serial/recorder.ts';
import { DeviceEmulator } from './emulator.ts';
import { encodeFrame } from './frame.ts';
import { openPtyPair, type PtyPair } from './pty.ts';
import { SerialDevices, type SerialDevicesConfig } from './serial-devices.ts';

const EVENTS = ['pad:rating', 'pad:online', 'pad:offline', 'keypad:key', 'device:online', 'device:offline', 'send:error', 'bus:open', 'bus:close', 'bus:error'];

function hallConfig(path: string): SerialDevicesConfig {
  const serial = { path, baudRate: 9600 };
  return {
    pads: [{ windowId: 'W01', serial, address: 1 }, { windowId: 'W02', serial, address: 2 }],
    windowScreens: [{ windowId: 'W01', serial, address: 21 }],
    keypads: [{ windowId: 'W01', serial, address: 41 }],
  };
}

let dir: string;
let pty: PtyPair;
let emu: DeviceEmulator;
let devices: SerialDevices;
let rec: Recorder;

beforeEach(async () => {
  // Our own folder, so the reconnect test can put a new pair at the same paths after killing socat.
  dir = mkdtempSync(join(tmpdir(), 'onewindow-serial-test-'));
  pty = await openPtyPair({ a: join(dir, 'host'), b: join(dir, 'devices') });
  emu = await DeviceEmulator.open(pty.b); // first, so nothing the host sends is lost
  devices = new SerialDevices(hallConfig(pty.a), { heartbeatIntervalMs: 100, reconnectInitialMs: 300 });
  rec = new Recorder(devices, EVENTS);
  devices.start();
  await rec.waitFor('bus:open');
});

afterEach(async () => {
  await devices.close();
  await emu.close();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pads', () => {
  it('come online on a heartbeat and report ratings by window', async () => {
    await emu.heartbeat(1);
    await rec.waitFor('pad:online');
    expect(rec.payloads('pad:online')).toEqual([{ windowId: 'W01' }]);
    expect(rec.payloads('device:online')).toEqual([{ kind: 'pad', windowId: 'W01', address: 1 }]);

    await emu.rate(1, 9); // out of range: ignored and counted
    await emu.rate(2, 1);
    await emu.rate(1, 5);
    await rec.waitFor('pad:rating', 2);
    expect(rec.payloads('pad:rating')).toEqual([{ windowId: 'W02', score: 1, address: 2 }, { windowId: 'W01', score: 5, address: 1 }]);
    expect(devices.stats()[0].dropped.rejected).toBe(1);
  });

  it('are sent ask, thank and idle as the exact bytes of serial.md', async () => {
    expect(await devices.askRating('W01', 'A012')).toBe(true);
    expect(await devices.thank('W01')).toBe(true);
    expect(await devices.idle('W02')).toBe(true);
    await until(() => emu.received.length === 3);
    expect(emu.bytesReceived.toString('hex')).toBe(
      '02' + '01' + '41' + '04' + '41303132' + '36' + '03' + // A "A012" to 1: CHK = 01^41^04^41^30^31^32
      '02' + '01' + '54' + '00' + '55' + '03' + //             T to 1: CHK = 01^54^00
      '02' + '02' + '49' + '00' + '4b' + '03', //              I to 2: CHK = 02^49^00
    );
  });

  it('go offline after three missed heartbeats, and online again when they resume', async () => {
    emu.startHeartbeats(1, 100);
    await rec.waitFor('pad:online');
    emu.stopHeartbeats(1);
    const silentFrom = Date.now();
    // W02's pad, never heard from, goes offline too: wait for W01's.
    const isW01 = (e: { args: unknown[] }) => (e.args[0] as { windowId: string }).windowId === 'W01';
    await until(() => rec.named('pad:offline').some(isW01), 2000, 'W01 offline');
    const silentFor = rec.named('pad:offline').find(isW01)!.at - silentFrom;
    expect(silentFor).toBeGreaterThanOrEqual(250); // 3.5 × 100 ms after the last beat, which is up to 100 ms old
    expect(silentFor).toBeLessThan(600); // 350 ms after the last beat, plus scheduling slack
    expect(rec.payloads('device:offline')).toContainEqual({ kind: 'pad', windowId: 'W01', address: 1 });
    await emu.heartbeat(1);
    await rec.waitFor('pad:online', 2);
  });
});

describe('the window screen and the keypad', () => {
  it('shows GB18030 text on the LED screen, then blinks', async () => {
    expect(await devices.showOnScreen('W01', 'A012 请到1号窗口', 3)).toBe(true);
    const text = await emu.nextFrame((f) => f.addr === 21);
    expect(text.cmd).toBe('S');
    // Decoded independently of the driver's encoder: the bytes really are GB18030.
    expect(new TextDecoder('gb18030').decode(text.payload)).toBe('A012 请到1号窗口');
    expect(text.payload.subarray(5, 7)).toEqual(Buffer.from([0xc7, 0xeb])); // 请
    const blink = await emu.nextFrame((f) => f.addr === 21);
    expect(blink).toMatchObject({ cmd: 'B', payload: Buffer.of(3) });
  });

  it('turns keys into named actions and shows text on the keypad', async () => {
    for (const key of [1, 2, 3, 4, 5, 6, 0, 7]) await emu.press(41, key);
    await rec.waitFor('keypad:key', 6);
    await until(() => devices.stats()[0].dropped.rejected === 2);
    expect(rec.payloads('keypad:key').map((k) => (k as { action: string }).action)).toEqual(
      ['call-next', 'recall', 'start', 'finish', 'no-show', 'pause-toggle'],
    );
    expect(rec.payloads('keypad:key')[0]).toEqual({ windowId: 'W01', action: 'call-next', address: 41 });

    await devices.showOnKeypad('W01', 'A012');
    expect(await emu.nextFrame((f) => f.addr === 41)).toMatchObject({ cmd: 'D', text: 'A012' });
  });
});

describe('one line, many devices', () => {
  it('routes by address and ignores frames for addresses nobody has', async () => {
    await emu.heartbeat(99);
    await emu.send(1, 'A', Buffer.from('A1')); // a host command heard on the line (echo)
    await emu.rate(2, 4);
    await rec.waitFor('pad:rating');
    expect(rec.payloads('pad:rating')).toEqual([{ windowId: 'W02', score: 4, address: 2 }]);
    expect(rec.named('pad:online').map((e) => e.args[0])).toEqual([{ windowId: 'W02' }]);
    expect(devices.stats()[0].dropped).toMatchObject({ 'unknown-address': 1, 'wrong-direction': 1 });

    await devices.askRating('W02', 'B007');
    await devices.showOnKeypad('W01', 'B007');
    await until(() => emu.received.length === 2);
    expect(emu.received.map((f) => `${f.addr}:${f.cmd}:${f.text}`)).toEqual(['2:A:B007', '41:D:B007']);
    expect(await devices.askRating('W09', 'A001')).toBe(false); // no pad at that window
    await expect(devices.askRating('W01', '请')).rejects.toThrow(RangeError); // a caller's bug, not a line fault
  });

  it('survives junk, torn writes and bad checksums from the line', async () => {
    await emu.writeRaw([0xff, 0x02, 0x00, 0x13, 0x37]);
    await emu.sendBadChecksum(1, 'R', Buffer.of(2));
    await emu.writeSplit(encodeFrame(1, 'R', Buffer.of(3)), 1, 2);
    await emu.writeSplit(Buffer.concat([encodeFrame(41, 'K', Buffer.of(4)), encodeFrame(2, 'R', Buffer.of(2))]), 5, 2);
    await rec.waitFor('pad:rating', 2);
    expect(rec.payloads('pad:rating')).toEqual([{ windowId: 'W01', score: 3, address: 1 }, { windowId: 'W02', score: 2, address: 2 }]);
    expect(rec.payloads('keypad:key')).toEqual([{ windowId: 'W01', action: 'finish', address: 41 }]);
    const stats = devices.stats()[0];
    expect(stats.dropped).toMatchObject({ checksum: 1, 'bad-address': 1 });
    expect(stats.junkBytes).toBeGreaterThan(0);
    expect(stats.framesIn).toBe(3);
  });
});

describe('a line that goes away', () => {
  it('reports close, reconnects when the port reappears, and restores what the devices show', async () => {
    await devices.showOnScreen('W01', 'A012 请到1号窗口');
    await devices.askRating('W01', 'A012');
    await devices.showOnKeypad('W01', 'A012');
    await until(() => emu.received.length === 3);

    await pty.close(); // like pulling the USB adapter: socat dies, its links vanish
    // Alone, well within the default 3 s; under the whole suite's load (browsers, the load test) it once took longer.
    await rec.waitFor('bus:close', 1, 10_000);
    expect(rec.named('bus:close')[0].args[0]).toMatchObject({ path: pty.a });
    expect(existsSync(pty.a)).toBe(false);
    expect(await devices.showOnScreen('W01', 'A013 请到1号窗口')).toBe(false);
    expect(rec.payloads('send:error')).toMatchObject([{ kind: 'windowScreen', windowId: 'W01', address: 21 }]);
    await emu.close();

    pty = await openPtyPair({ a: pty.a, b: pty.b });
    emu = await DeviceEmulator.open(pty.b);
    await rec.waitFor('bus:open', 2, 10_000);
    // The latest text (sent while the line was down), the pending ask and the keypad display come back.
    await until(() => emu.received.length === 3);
    expect(emu.received.map((f) => `${f.addr}:${f.cmd}:${f.text}`).sort()).toEqual(['1:A:A012', '21:S:A013 请到1号窗口', '41:D:A012']);
    await emu.rate(1, 4);
    await rec.waitFor('pad:rating');
    expect(devices.stats()[0].opens).toBe(2);
  });
});
