import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DEFAULT_POLICY } from '../engine/index.ts';
import { benchmarkDays, rareMatterHall } from './generate/halls.ts';
import { loadScenario } from './load.ts';
import { simulate } from './simulator.ts';
import { computeMetrics } from './metrics.ts';
import { checkGoals, type DayResult } from './goals.ts';
import type { Scenario } from './scenario.ts';

/**
 * The production policy meets the routing goals of issue 3 on the benchmark's days, with a 5 %
 * safety margin on every limit, so that a regression fails here before it reaches a hall.
 * The rare-matter goal is checked on thirty rare-matter days together, without the margin: a single
 * day has only about thirty rare visitors, too few for a stable per-day mean, and the policy meets
 * it on about two single days in three (docs/benchmarks.md shows the benchmark day).
 */
const MARGIN = 0.05;
const SAMPLE = fileURLToPath(new URL('../../bench/scenarios/sample-day.json', import.meta.url));

function results(days: Scenario[]): DayResult[] {
  return days.map((scenario) => ({
    scenario,
    policy: computeMetrics(scenario, simulate(scenario, DEFAULT_POLICY, { estimates: false })),
    fifo: computeMetrics(scenario, simulate(scenario, 'fifo', { estimates: false })),
  }));
}

describe(`the production policy (${DEFAULT_POLICY}) against fifo`, () => {
  it('meets the goals on every benchmark day with a margin', () => {
    const days = [...benchmarkDays(), loadScenario(SAMPLE)];
    const failed = checkGoals(results(days), MARGIN).filter((c) => !c.pass && !c.goal.startsWith('rare matter'));
    expect(failed).toEqual([]);
  });

  it('gives a rare matter at most 0.6 × the wait fifo gives it, over thirty rare-matter days', () => {
    const days = results(Array.from({ length: 30 }, (_, i) => rareMatterHall(37 + i)));
    const wait = (k: 'policy' | 'fifo') => days.reduce((a, d) => a + d[k].byService.loan.mean * d[k].byService.loan.called, 0);
    const ratio = wait('policy') / wait('fifo');
    console.info(`rare matter over 30 days: ${ratio.toFixed(3)} × fifo's mean wait`);
    expect(ratio).toBeLessThan(0.6);
  });
});
