// openPtyPair and the emulator themselves: other packages' integration tests lean on both.
import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Recorder, until } from '../../test/serial/recorder.ts';
import { SerialBus } from './bus.ts';
import { DeviceEmulator } from './emulator.ts';
import { Pad } from './pad.ts';
import { openPtyPair } from './pty.ts';

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('openPtyPair', () => {
  it('joins two pseudo-terminals, and close() kills socat and removes its links and folder', async () => {
    const pty = await openPtyPair();
    const ends: DeviceEmulator[] = [];
    try {
      expect(lstatSync(pty.a).isSymbolicLink() && lstatSync(pty.b).isSymbolicLink()).toBe(true);
      const host = await DeviceEmulator.open(pty.a); // an emulator is just a port that speaks frames
      ends.push(host);
      const far = await DeviceEmulator.open(pty.b);
      ends.push(far);
      await far.heartbeat(7);
      await host.send(7, 'D', Buffer.from('A012'));
      await until(() => host.received.length === 1 && far.received.length === 1);
      expect(host.received[0]).toMatchObject({ addr: 7, cmd: 'H' });
      expect(far.received[0]).toMatchObject({ addr: 7, cmd: 'D', text: 'A012' });
    } finally {
      for (const end of ends) await end.close();
      await pty.close();
    }
    expect(alive(pty.pid)).toBe(false);
    expect(existsSync(dirname(pty.a))).toBe(false);
  });

  it('replaces links left behind by a socat that was killed hard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-serial-test-'));
    const paths = { a: join(dir, 'a'), b: join(dir, 'b') };
    try {
      symlinkSync('/dev/pts/nonexistent', paths.a);
      const pty = await openPtyPair(paths);
      expect(readlinkSync(pty.a)).toMatch(/^\/dev\/pts\/\d+$/);
      await pty.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly when socat cannot make the links, or is not there', async () => {
    await expect(openPtyPair({ a: '/nonexistent/dir/a', b: '/nonexistent/dir/b', timeoutMs: 2000 })).rejects.toThrow(/socat did not make a pty pair/);
    await expect(openPtyPair({ socatPath: '/nonexistent/socat', timeoutMs: 2000 })).rejects.toThrow(/ENOENT/);
  });
});

describe('a Pad on a SerialBus over a pty', () => {
  it('reconnects after socat dies without a word (SIGKILL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-serial-test-'));
    const paths = { a: join(dir, 'a'), b: join(dir, 'b') };
    let pty = await openPtyPair(paths);
    let emu = await DeviceEmulator.open(pty.b);
    const bus = new SerialBus({ path: pty.a, reconnectInitialMs: 20, reconnectMaxMs: 100 });
    const pad = new Pad(bus, 3, { heartbeatIntervalMs: 1000 });
    const busEvents = new Recorder(bus, ['open', 'close', 'error']);
    const padEvents = new Recorder(pad, ['rating', 'online']);
    try {
      bus.start();
      await busEvents.waitFor('open');
      await emu.rate(3, 2);
      await padEvents.waitFor('rating');

      // Links first: a dangling /dev/pts/N link could point at a pty that another test process
      // gets next, and the bus would open (and lock) it.
      rmSync(pty.a);
      rmSync(pty.b);
      process.kill(pty.pid, 'SIGKILL');
      await busEvents.waitFor('close');
      expect((busEvents.named('close')[0].args[0] as { disconnected?: boolean }).disconnected).toBe(true);
      await busEvents.waitFor('error', 2); // retries fail while nothing is at the path
      expect(String(busEvents.named('error')[0].args[0])).toMatch(/No such file/);
      await emu.close();
      await pty.close();

      pty = await openPtyPair(paths);
      emu = await DeviceEmulator.open(pty.b);
      await busEvents.waitFor('open', 2);
      await emu.rate(3, 5);
      await padEvents.waitFor('rating', 2);
      expect(padEvents.payloads('rating')).toEqual([{ score: 2 }, { score: 5 }]);
      expect(padEvents.named('online')).toHaveLength(1); // a rating proves the pad is alive too
    } finally {
      pad.close();
      await bus.close();
      await emu.close();
      await pty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
