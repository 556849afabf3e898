import { describe, expect, it } from 'vitest';
import { ScenarioError, validateScenario } from './load.ts';

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

function problems(data: unknown): string[] {
  try {
    validateScenario(data);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('scenario validation', () => {
  it('accepts a good day and the spec sample', () => {
    expect(problems(good())).toEqual([]);
  });

  it('names the path of an unknown service', () => {
    const sc = good();
    sc.tickets[1].service = 'tx';
    expect(problems(sc)).toEqual(['tickets[1].service: unknown service "tx"']);
    sc.tickets[1].service = 'biz';
    sc.tickets[1].next![0].service = 'nope';
    sc.windows[0].skills.push('zz');
    expect(problems(sc)).toEqual(['windows[0].skills[1]: unknown service "zz"', 'tickets[1].next[0].service: unknown service "nope"']);
  });

  it('refuses unknown fields, negative times, windows without skills, a wrong format', () => {
    const sc = good() as Record<string, any>;
    sc.tickets[0].foo = 1;
    sc.tickets[1].arrival = -3;
    sc.windows[0].skills = [];
    sc.format = 'onewindow-scenario/2';
    const found = problems(sc);
    expect(found).toContain('tickets[0].foo: unknown field');
    expect(found.some((p) => p.startsWith('tickets[1].arrival:'))).toBe(true);
    expect(found.some((p) => p.startsWith('windows[0].skills:'))).toBe(true);
    expect(found.some((p) => p.startsWith('format:'))).toBe(true);
  });

  it('refuses duplicates, a window closing before it opens and a break ending before it starts', () => {
    const sc = good();
    sc.tickets[1].id = 'T1';
    sc.windows[0].closesAt = -0;
    sc.windows[0].opensAt = 10;
    sc.windows[0].breaks = [[900, 600]];
    expect(problems(sc)).toEqual([
      'tickets[1].id: duplicate id "T1"',
      'windows[0].closesAt: closes (0) before it opens (10)',
      'windows[0].breaks[0]: a break ends (600) before it starts (900)',
    ]);
  });
});
