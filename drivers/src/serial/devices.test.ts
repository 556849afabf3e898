// Pad, WindowScreen and Keypad against an in-memory port on a manual clock: input checks, what
// they restore after a reconnect or a reboot, and listeners that throw.
import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/serial/fake-port.ts';
import { ManualTimers } from '../../test/serial/manual-timers.ts';
import { SerialBus } from './bus.ts';
import { encodeFrame } from './frame.ts';
import { Keypad } from './keypad.ts';
import { Pad } from './pad.ts';
import { SerialDevices } from './serial-devices.ts';
import { WindowScreen } from './window-screen.ts';

const tick = () => new Promise((r) => setImmediate(r));
const settle = async () => { for (let i = 0; i < 5; i++) await tick(); };
const sent = (port: FakePort) => port.written.map((b) => `${b[1]}:${String.fromCharCode(b[2])}:${b.subarray(4, -2).toString('latin1')}`);

async function line() {
  const timers = new ManualTimers();
  const ports = [new FakePort(), new FakePort()];
  const bus = new SerialBus({ path: '/dev/fake', timers, reconnectInitialMs: 100, portFactory: () => ports.shift()! });
  const errors: string[] = [];
  bus.on('error', (e) => errors.push(e.message));
  return { bus, timers, errors, first: ports[0], second: ports[1] };
}

describe('device input checks', () => {
  it('refuses what the devices cannot show', async () => {
    const { bus } = await line();
    const pad = new Pad(bus, 1);
    const screen = new WindowScreen(bus, 21);
    const keypad = new Keypad(bus, 41);
    await expect(pad.ask('请')).rejects.toThrow(RangeError);
    await expect(keypad.display('A\x02')).rejects.toThrow(RangeError);
    await expect(screen.show('请'.repeat(101))).rejects.toThrow(/at most 200/); // 202 bytes in GB18030
    await expect(screen.blink(256)).rejects.toThrow(RangeError);
    expect(() => new Pad(bus, 21)).toThrow(/two devices at address 21/);
    expect(() => new Keypad(bus, 0)).toThrow(RangeError);
    for (const d of [pad, screen, keypad]) d.close();
  });
});

describe('restoring what devices show', () => {
  it('shows the latest text, pending ask and keypad display when the port (re)opens', async () => {
    const { bus, timers, first, second } = await line();
    const pad = new Pad(bus, 1);
    const screen = new WindowScreen(bus, 21);
    const keypad = new Keypad(bus, 41);
    // Before the port is open: the sends fail, but what they set is kept.
    await expect(screen.show('A012 请到1号窗口')).rejects.toThrow(/not open/);
    await expect(pad.ask('A012')).rejects.toThrow(/not open/);
    bus.start();
    await settle();
    expect(first.written).toHaveLength(2);
    expect(first.written).toContainEqual(encodeFrame(1, 'A', Buffer.from('A012')));
    // 请 C7EB 到 B5BD 1 号 BAC5 窗 B4B0 口 BFDA
    expect(first.written).toContainEqual(encodeFrame(21, 'S', Buffer.from('4130313220c7ebb5bd31bac5b4b0bfda', 'hex')));

    await keypad.display('A012');
    await pad.thank(); // a thank is not repeated
    await screen.blink(2); // nor is a blink
    first.unplug();
    timers.advance(100);
    await settle();
    expect(sent(second).map((s) => s.slice(0, 4)).sort()).toEqual(['21:S', '41:D']);
    for (const d of [pad, screen, keypad]) d.close();
  });

  it('asks again when a pad comes back from offline (it may have rebooted blank)', async () => {
    const { bus, timers, first } = await line();
    const pad = new Pad(bus, 1, { heartbeatIntervalMs: 1000 });
    bus.start();
    await settle();
    first.emit('data', encodeFrame(1, 'H'));
    await pad.ask('A012');
    timers.advance(1000);
    first.emit('data', encodeFrame(1, 'H')); // still online: nothing re-sent
    await settle();
    expect(sent(first)).toEqual(['1:A:A012']);
    timers.advance(3500);
    expect(pad.state).toBe('offline');
    first.emit('data', encodeFrame(1, 'H'));
    await settle();
    expect(sent(first)).toEqual(['1:A:A012', '1:A:A012']);
    pad.close();
  });
});

describe('listeners that throw', () => {
  it('are reported as bus errors, not thrown out of a frame or a timer', async () => {
    const { bus, timers, errors, first } = await line();
    const pad = new Pad(bus, 1, { heartbeatIntervalMs: 1000 });
    pad.on('rating', () => { throw new Error('rating listener'); });
    pad.on('offline', () => { throw new Error('offline listener'); });
    bus.start();
    await settle();
    first.emit('data', encodeFrame(1, 'R', Buffer.of(5)));
    await settle();
    expect(() => timers.advance(3500)).not.toThrow();
    expect(errors).toEqual(['rating listener', 'offline listener']);
    pad.close();
  });
});

describe('SerialDevices configuration', () => {
  const serial = (path: string, baudRate = 9600) => ({ path, baudRate });

  it('groups devices by port and lists them', async () => {
    const devices = new SerialDevices({
      pads: [{ windowId: 'W01', serial: serial('/dev/ttyUSB1'), address: 1 }],
      windowScreens: [{ windowId: 'W01', serial: serial('/dev/ttyUSB1'), address: 21 }],
      keypads: [{ windowId: 'W02', serial: serial('/dev/ttyUSB2'), address: 41 }],
    });
    expect(devices.stats().map((s) => s.path)).toEqual(['/dev/ttyUSB1', '/dev/ttyUSB2']);
    expect(devices.status()).toEqual([
      { kind: 'pad', windowId: 'W01', address: 1, path: '/dev/ttyUSB1', state: 'unknown' },
      { kind: 'windowScreen', windowId: 'W01', address: 21, path: '/dev/ttyUSB1', state: 'unknown' },
      { kind: 'keypad', windowId: 'W02', address: 41, path: '/dev/ttyUSB2', state: 'unknown' },
    ]);
    await devices.close();
  });

  it('refuses two devices at one address on a line, or one port at two baud rates', () => {
    expect(() => new SerialDevices({
      pads: [{ windowId: 'W01', serial: serial('/dev/ttyUSB1'), address: 1 }],
      keypads: [{ windowId: 'W02', serial: serial('/dev/ttyUSB1'), address: 1 }],
    })).toThrow('/dev/ttyUSB1: two devices at address 1');
    expect(() => new SerialDevices({
      pads: [{ windowId: 'W01', serial: serial('/dev/ttyUSB1'), address: 1 }],
      keypads: [{ windowId: 'W01', serial: serial('/dev/ttyUSB1', 19200), address: 41 }],
    })).toThrow(/both 9600 and 19200 baud/);
  });
});
