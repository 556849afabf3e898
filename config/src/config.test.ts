import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, idCardLineKey, loadHallConfig, validateHallConfig } from './index.ts';
import { schemaJson } from './write-schema.ts';
import { fileURLToPath } from 'node:url';

const defaultFile = fileURLToPath(new URL('../hall.yaml', import.meta.url));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('hall configuration', () => {
  it('accepts the default district centre', () => {
    const c = loadHallConfig(defaultFile);
    expect(c.services.length).toBeGreaterThanOrEqual(7);
    expect(c.windows.length).toBeGreaterThanOrEqual(12);
    expect(c.kiosks).toHaveLength(1);
  });

  it('lists every problem of a wrong file by path', () => {
    const c = loadHallConfig(defaultFile) as any;
    c.windows[3].skills[0] = 'tx';
    c.services[1].prefix = 'A';
    c.hall.hours[0].close = '08:00';
    expect(problemsOf(() => validateHallConfig(c))).toEqual([
      'services[1].prefix: duplicate prefix "A"',
      'windows[3].skills[0]: unknown service "tx"',
      'hall.hours[0].close: closes (08:00) before it opens (09:00)',
    ]);
  });

  it('refuses unknown fields, wrong types and syntax errors', () => {
    const c = loadHallConfig(defaultFile) as any;
    c.windows[0].colour = 'red';
    c.services[0].targetWaitSec = 'soon';
    const problems = problemsOf(() => validateHallConfig(c));
    expect(problems).toContain('windows[0].colour: unknown field');
    expect(problems.some((p) => p.startsWith('services[0].targetWaitSec:'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'ow-config-'));
    writeFileSync(join(dir, 'bad.yaml'), 'hall: [unclosed');
    expect(problemsOf(() => loadHallConfig(join(dir, 'bad.yaml')))[0]).toMatch(/^\(syntax\)/);
  });

  it('takes the device agent\'s forms: a kiosk printer {type: agent}, a serial block {agent: ID}, and lp printers (extensions)', () => {
    const c = loadHallConfig(defaultFile) as any;
    const agent = '3f0c9a52-6d1e-4c8b-9b1e-0d6a4f2b7c11';
    c.kiosks = [{ id: 'K1', name: '入口', printer: { type: 'agent', width: 48 } }, { id: 'K2', name: '二楼', printer: { type: 'lp', lp: { path: '/dev/usb/lp0' } } }];
    c.pads = [{ windowId: 'W01', serial: { agent }, address: 1 }];
    c.keypads = [{ windowId: 'W01', serial: { agent }, address: 41 }, { windowId: 'W02', serial: { path: '/dev/ttyUSB1', baudRate: 9600 }, address: 1 }];
    expect(problemsOf(() => validateHallConfig(c))).toEqual([]);
    // An agent's line is one line: its addresses are unique on it, as on a port of the server's.
    c.windowScreens = [{ windowId: 'W02', serial: { agent }, address: 41 }];
    c.kiosks[1].printer = { type: 'lp' };
    expect(problemsOf(() => validateHallConfig(c))).toEqual([
      'kiosks[1].printer.lp: a printer device file needs lp.path (e.g. /dev/usb/lp0)',
      `keypads[0].address: address 41 on agent:${agent} is already used by windowScreens[0]`,
    ]);
    c.windowScreens = [{ windowId: 'W02', serial: { agent, path: '/dev/ttyUSB0' }, address: 21 }];
    c.kiosks[1].printer = { type: 'lp', lp: { path: '/dev/usb/lp0' } };
    expect(problemsOf(() => validateHallConfig(c)).some((p) => p.startsWith('windowScreens[0].serial'))).toBe(true);
  });

  it('takes how long an agent kiosk\'s print jobs wait (jobTtlMin, an extension) on an agent printer only', () => {
    const c = loadHallConfig(defaultFile) as any;
    c.kiosks = [{ id: 'K1', name: '入口', printer: { type: 'agent', jobTtlMin: 2 } }, { id: 'K2', name: '二楼', printer: { type: 'network', host: '10.0.0.9', jobTtlMin: 2 } }];
    expect(problemsOf(() => validateHallConfig(c))).toEqual([
      'kiosks[1].printer.jobTtlMin: jobTtlMin is for a printer of type agent only (how long its jobs wait for the agent)',
    ]);
    delete c.kiosks[1].printer.jobTtlMin;
    expect(problemsOf(() => validateHallConfig(c))).toEqual([]);
    c.kiosks[0].printer.jobTtlMin = 0;
    expect(problemsOf(() => validateHallConfig(c)).some((p) => p.startsWith('kiosks[0].printer.jobTtlMin'))).toBe(true);
    c.kiosks[0].printer.jobTtlMin = 24 * 60 + 1;
    expect(problemsOf(() => validateHallConfig(c)).some((p) => p.startsWith('kiosks[0].printer.jobTtlMin'))).toBe(true);
  });

  it('takes an ID-card reader on a port of the server or on a device agent\'s --idcard line', () => {
    const c = loadHallConfig(defaultFile);
    const agent = '3f0c9a52-6d1e-4c8b-9b1e-0d6a4f2b7c11';
    c.idCard = { readers: [
      { id: 'R1', name: '入口取号机读卡器', kioskId: c.kiosks![0].id, serial: { agent } },
      { id: 'R2', name: '导服台读卡器', desk: true, serial: { path: '/dev/ttyUSB3', baudRate: 115200 } },
    ] };
    expect(problemsOf(() => validateHallConfig(c))).toEqual([]);
    expect(c.idCard.readers.map((r) => idCardLineKey(r.serial))).toEqual([`agent:${agent}#idcard`, '/dev/ttyUSB3']);
    c.idCard.readers[0].serial = { agent, baudRate: 9600 } as never; // an agent's line runs at its --idcard speed
    expect(problemsOf(() => validateHallConfig(c)).some((p) => p.startsWith('idCard.readers[0].serial'))).toBe(true);
  });

  it('ships hall.schema.json generated from the TypeBox schema', () => {
    const shipped = readFileSync(new URL('../hall.schema.json', import.meta.url), 'utf8');
    expect(shipped).toBe(schemaJson());
  });
});
