// The reader's line against an in-memory port on a manual clock; reader.pty.test.ts runs it over real ptys.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakePort } from '../../test/serial/fake-port.ts';
import { ManualTimers } from '../../test/serial/manual-timers.ts';
import { IdCardReader } from './reader.ts';

describe('IdCardReader line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onewindow-reader-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is lost when the device path vanishes though the port never reported a hang-up, and opens again', async () => {
    const path = join(dir, 'ttyUSB1');
    writeFileSync(path, '');
    const timers = new ManualTimers();
    const ports: FakePort[] = [];
    const reader = new IdCardReader({ path, timers, portFactory: () => { const p = new FakePort(); ports.push(p); return p; } });
    const states: string[] = [];
    reader.on('line', (state, error) => states.push(error ? `${state}: ${error.message}` : state));
    await reader.open();
    timers.advance(1000);
    expect(reader.line).toBe('open');
    rmSync(path);
    timers.advance(1000);
    expect(states).toEqual(['open', `lost: ${path} is gone`]);
    expect(ports[0].isOpen).toBe(false);
    await expect(reader.read()).rejects.toThrow();
    writeFileSync(path, '');
    await reader.open();
    expect(reader.line).toBe('open');
    await reader.close();
    expect(timers.delays).toEqual([]);
  });
});
