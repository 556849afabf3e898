import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './simulate.ts';

const good = () => ({
  format: 'onewindow-scenario/1',
  name: 'tiny',
  services: [{ id: 'biz', name: '企业开办', prefix: 'A', targetWaitSec: 900 }],
  windows: [{ id: 'W01', skills: ['biz'], opensAt: 0, closesAt: 3600, breaks: [[600, 900]] }],
  tickets: [
    { id: 'T1', arrival: 0, service: 'biz', priority: 'normal', serviceSec: 60 },
    { id: 'T2', arrival: 5, service: 'biz', priority: 'green', serviceSec: 60, next: [{ service: 'biz', serviceSec: 10 }] },
  ],
});

describe('npm run simulate', () => {
  const cli = resolve(fileURLToPath(import.meta.url), '../simulate.ts');
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-sim-'));
  const okFile = join(dir, 'ok.json');
  const badFile = join(dir, 'bad.json');
  const out = join(dir, 'trace.json');
  writeFileSync(okFile, JSON.stringify(good()));
  const bad = good();
  bad.tickets[1].service = 'tx';
  writeFileSync(badFile, JSON.stringify(bad));

  it('writes a trace; refuses a bad scenario, an unknown policy or missing arguments', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(['--scenario', okFile, '--out', out, '--policy', 'fifo'])).toBe(0);
    const trace = JSON.parse(readFileSync(out, 'utf8'));
    expect(trace).toMatchObject({ format: 'onewindow-trace/1', scenario: 'tiny', policy: 'fifo' });
    expect(trace.visits).toHaveLength(3);
    expect(main(['--scenario', badFile, '--out', out])).toBe(1);
    expect(err.mock.calls.flat().join('\n')).toContain('tickets[1].service: unknown service "tx"');
    expect(main(['--scenario', okFile, '--out', out, '--policy', 'nope'])).not.toBe(0);
    expect(main(['--scenario', okFile])).not.toBe(0);
    expect(main(['--scenario', join(dir, 'missing.json'), '--out', out])).toBe(1);
    log.mockRestore();
    err.mockRestore();
  });

  it('ends the process with a non-zero exit code on a bad scenario', () => {
    const refused = spawnSync(process.execPath, ['--import', 'tsx', cli, '--scenario', badFile, '--out', out], { encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('tickets[1].service: unknown service "tx"');
  });
});
