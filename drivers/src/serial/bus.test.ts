// The bus against an in-memory port: write order, dispatch, counters and backoff, on a manual clock.
// bus.pty.test.ts runs the same bus over real pseudo-terminals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/serial/fake-port.ts';
import { ManualTimers } from '../../test/serial/manual-timers.ts';
import { SerialBus, SerialBusClosedError } from './bus.ts';
import { encodeFrame, type Frame } from './frame.ts';

const tick = () => new Promise((r) => setImmediate(r));

function makeBus(ports: FakePort[], extra: Partial<ConstructorParameters<typeof SerialBus>[0]> = {}) {
  const timers = new ManualTimers();
  const made: FakePort[] = [];
  const bus = new SerialBus({
    path: '/dev/fake', timers,
    portFactory: () => { const p = ports.shift() ?? new FakePort(); made.push(p); return p; },
    ...extra,
  });
  const events: string[] = [];
  bus.on('open', () => events.push('open'));
  bus.on('close', (e) => events.push(e ? `close:${e.message}` : 'close'));
  bus.on('error', (e) => events.push(`error:${e.message}`));
  return { bus, timers, made, events };
}

async function openBus(port = new FakePort(), extra = {}) {
  const setup = makeBus([port], extra);
  setup.bus.start();
  await tick();
  expect(setup.events).toEqual(['open']);
  return { ...setup, port };
}

describe('SerialBus writes', () => {
  it('puts one frame on the line at a time, in order', async () => {
    const { bus, port } = await openBus(new FakePort({ holdWrites: true }));
    const sent = [bus.send(1, 'A', Buffer.from('A012')), bus.send(21, 'S', Buffer.from('x')), bus.send(1, 'T')];
    await tick();
    expect(port.written).toHaveLength(1); // the others wait for the first to finish
    port.completeWrite(); await tick(); await tick();
    expect(port.written).toHaveLength(2);
    port.completeWrite(); await tick(); await tick();
    port.completeWrite();
    await Promise.all(sent);
    expect(port.written).toEqual([encodeFrame(1, 'A', Buffer.from('A012')), encodeFrame(21, 'S', Buffer.from('x')), encodeFrame(1, 'T')]);
    expect(bus.stats().framesOut).toBe(3);
  });

  it('refuses to send while the port is not open, and rejects what was queued when it closes', async () => {
    const { bus, port } = await openBus(new FakePort({ holdWrites: true }));
    const inFlight = bus.send(1, 'I');
    const queued = bus.send(1, 'T');
    port.unplug();
    await expect(inFlight).rejects.toBeInstanceOf(SerialBusClosedError);
    await expect(queued).rejects.toBeInstanceOf(SerialBusClosedError);
    await expect(bus.send(1, 'I')).rejects.toThrow('/dev/fake is not open');
  });

  it('ignores a write finishing on a port that has since been replaced', async () => {
    const old = new FakePort({ holdWrites: true });
    const fresh = new FakePort({ holdWrites: true });
    const { bus, timers } = makeBus([old, fresh], { reconnectInitialMs: 10 });
    bus.start();
    await tick();
    const lost = bus.send(1, 'A', Buffer.from('A1'));
    await tick();
    old.unplug();
    await expect(lost).rejects.toBeInstanceOf(SerialBusClosedError);
    timers.advance(10);
    await tick();
    const b = bus.send(1, 'T');
    const c = bus.send(1, 'I');
    await tick();
    old.completeWrite(); // the old port's write callback, late
    await tick(); await tick();
    expect(fresh.written).toHaveLength(1); // still waiting for T before sending I
    fresh.completeWrite(); await tick(); await tick();
    fresh.completeWrite();
    await Promise.all([b, c]);
    expect(bus.stats().framesOut).toBe(2);
  });

  it('fails a write that never completes and goes on with the next', async () => {
    const { bus, port, timers } = await openBus(new FakePort({ holdWrites: true }), { writeTimeoutMs: 1000 });
    const stuck = bus.send(1, 'I');
    const next = bus.send(1, 'T');
    await tick();
    timers.advance(1000);
    await expect(stuck).rejects.toThrow('write timed out');
    await tick();
    expect(port.written).toHaveLength(2);
    port.completeWrite(); port.completeWrite();
    await expect(next).resolves.toBeUndefined();
  });

  it('rejects bad frames before queueing them', async () => {
    const { bus } = await openBus();
    await expect(bus.send(0, 'H')).rejects.toThrow(RangeError);
  });
});

describe('SerialBus dispatch', () => {
  it('hands frames to the device at their address and counts everything else', async () => {
    const { bus, port, events } = await openBus();
    const seen: Frame[] = [];
    bus.attach(1, (f) => { seen.push(f); return f.cmd !== 'K'; });
    bus.attach(2, () => { throw new Error('listener bug'); });
    expect(() => bus.attach(1, () => true)).toThrow(/two devices at address 1/);
    expect(() => bus.attach(248, () => true)).toThrow(RangeError);
    const bad = encodeFrame(1, 'R', Buffer.of(5));
    bad[5] ^= 1;
    port.emit('data', Buffer.concat([
      encodeFrame(1, 'H'), encodeFrame(1, 'R', Buffer.of(5)),
      encodeFrame(9, 'H'), // nobody at 9
      encodeFrame(1, 'A', Buffer.from('A1')), // our own kind of frame, echoed
      encodeFrame(1, 'K', Buffer.of(1)), // refused by the device
      encodeFrame(2, 'H'), // its handler throws
      Buffer.from([0xaa, 0xbb]), bad,
      encodeFrame(1, 'H'),
    ]));
    await tick();
    expect(seen.map((f) => f.cmd)).toEqual(['H', 'R', 'K', 'H']);
    const stats = bus.stats();
    expect(stats).toMatchObject({ framesIn: 7, junkBytes: 2, open: true });
    expect(stats.dropped).toMatchObject({ 'unknown-address': 1, 'wrong-direction': 1, rejected: 2, checksum: 1 });
    expect(events).toEqual(['open', 'error:listener bug']);
  });

  it('does not throw on port errors when nobody listens for them', async () => {
    const port = new FakePort();
    const bus = new SerialBus({ path: '/dev/fake', portFactory: () => port });
    bus.start();
    await tick();
    expect(() => port.emit('error', new Error('EIO'))).not.toThrow();
    await bus.close();
  });
});

describe('SerialBus reconnect', () => {
  it('retries opening with doubling delays up to the maximum, and starts over after a success', async () => {
    const fail = () => new FakePort({ openError: new Error('ENOENT') });
    const { bus, timers, events, made } = makeBus([fail(), fail(), fail(), fail()], { reconnectInitialMs: 100, reconnectMaxMs: 300 });
    bus.start();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await tick();
      delays.push(timers.delays[0]);
      timers.advance(timers.delays[0]);
    }
    await tick();
    expect(delays).toEqual([100, 200, 300, 300]);
    expect(events).toEqual(['error:ENOENT', 'error:ENOENT', 'error:ENOENT', 'error:ENOENT', 'open']);

    made[4].unplug();
    expect(bus.isOpen).toBe(false);
    expect(timers.delays).toEqual([100]);
    timers.advance(100);
    await tick();
    expect(events.slice(5)).toEqual(['close:disconnected', 'open']);
    expect(bus.stats().opens).toBe(2);
  });

  it('stops for good on close()', async () => {
    const { bus, made, timers, events } = await openBus();
    await bus.close();
    timers.advance(60_000);
    await tick();
    expect(made).toHaveLength(1);
    expect(events).toEqual(['open', 'close']);
    bus.start();
    expect(made).toHaveLength(1);
  });
});

describe('SerialBus and its device path', () => {
  it('closes the line when the path vanishes though the port never said so, and reopens once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-bus-'));
    const path = join(dir, 'ttyUSB0');
    writeFileSync(path, '');
    try {
      const { bus, timers, events, made } = makeBus([], { path, pathCheckMs: 1000, reconnectInitialMs: 100 });
      const closeErrors: unknown[] = [];
      bus.on('close', (e) => closeErrors.push((e as { disconnected?: boolean } | undefined)?.disconnected));
      bus.start();
      await tick();
      timers.advance(1000);
      expect(bus.isOpen).toBe(true);
      rmSync(path); // the adapter pulled out: its path goes, and this port never reports a hang-up
      timers.advance(1000);
      expect(bus.isOpen).toBe(false);
      expect(events).toEqual(['open', `close:${path} is gone`]);
      expect(closeErrors).toEqual([true]); // marked as serialport marks a hang-up
      await tick();
      expect(made[0].isOpen).toBe(false);
      writeFileSync(path, ''); // plugged back in
      timers.advance(100);
      await tick();
      expect(events.at(-1)).toBe('open');
      expect(bus.stats().opens).toBe(2);
      await bus.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not watch a path that is no file (a Windows COM port), nor when told not to', async () => {
    const { timers, bus } = await openBus();
    expect(timers.delays).toEqual([]);
    expect(bus.isOpen).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-bus-'));
    try {
      writeFileSync(join(dir, 'ttyS0'), '');
      const off = await openBus(new FakePort(), { path: join(dir, 'ttyS0'), pathCheckMs: 0 });
      expect(off.timers.delays).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
