/**
 * npm run bench:routing
 *
 * Generates the benchmark's hall days (seeded: the same files every run) and the project's sample
 * day, writes them to server/bench/scenarios/ so anyone can rerun `npm run simulate` on them, runs
 * every routing policy on them; then the held-out days of the five kinds of issue 18 (one of each
 * written too), with instant and with live clerks. Every figure is computed from the traces; the
 * routing section of docs/benchmarks.md is rewritten between its markers (the rest is kept).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICIES, DEFAULT_POLICY } from '../src/engine/index.ts';
import { benchmarkDays, sampleDay } from '../src/sim/generate/halls.ts';
import { HELD_OUT_SEEDS, KINDS, TRAIN_SEEDS } from '../src/sim/generate/kinds.ts';
import { simulate } from '../src/sim/simulator.ts';
import { computeMetrics } from '../src/sim/metrics.ts';
import { auditTrace } from '../src/sim/audit.ts';
import { INSTANT_CLERKS, LIVE_CLERKS } from '../src/sim/clerks.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { renderRoutingSection, type BenchRun } from './report.ts';
import type { KindRun } from './routing-kinds.ts';
import { writeSection } from './write-section.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const scenarioDir = join(here, 'scenarios');

function write(scenario: Scenario): string {
  const file = join(scenarioDir, `${scenario.name}.json`);
  writeFileSync(file, JSON.stringify(scenario, null, 1) + '\n');
  return relative(root, file);
}

function consistent(scenario: Scenario, trace: ReturnType<typeof simulate>, what: string): void {
  const problems = auditTrace(scenario, trace);
  if (problems.length > 0) throw new Error(`${scenario.name} with ${what}: inconsistent trace: ${problems.slice(0, 3).join('; ')}`);
}

function main(): void {
  mkdirSync(scenarioDir, { recursive: true });
  const runs: BenchRun[] = [];
  for (const scenario of [...benchmarkDays(), sampleDay()]) {
    const file = write(scenario);
    for (const policy of Object.keys(POLICIES)) {
      simulate(scenario, policy); // warm up the JIT so the timing is the simulator's, not the compiler's
      const times: number[] = [];
      let trace = simulate(scenario, policy);
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        trace = simulate(scenario, policy);
        times.push(performance.now() - t0);
      }
      consistent(scenario, trace, policy);
      const live = simulate(scenario, policy, { clerks: LIVE_CLERKS });
      consistent(scenario, live, `${policy}, live clerks`);
      runs.push({ scenario, file, policy, metrics: computeMetrics(scenario, trace), live: computeMetrics(scenario, live), simMs: times.sort((a, b) => a - b)[1] });
      console.log(`${scenario.name.padEnd(18)} ${policy.padEnd(10)} mean ${runs.at(-1)!.metrics.overall.mean.toFixed(0).padStart(5)} s`);
    }
  }
  const kindRuns: KindRun[] = [];
  for (const k of KINDS) {
    for (const seed of HELD_OUT_SEEDS) {
      const scenario = k.make(seed);
      if (seed === HELD_OUT_SEEDS[0]) write(scenario);
      for (const [mode, clerks] of [['instant', INSTANT_CLERKS], ['live', LIVE_CLERKS]] as const) {
        const trace = simulate(scenario, DEFAULT_POLICY, { clerks });
        consistent(scenario, trace, `${DEFAULT_POLICY}, ${mode}`);
        const other = (p: string) => computeMetrics(scenario, simulate(scenario, p, { clerks, estimates: false }));
        kindRuns.push({ kind: k.kind, mode, scenario, policy: computeMetrics(scenario, trace), fifo: other('fifo'), fair: other('fair') });
      }
      const i = kindRuns.at(-2)!, l = kindRuns.at(-1)!;
      console.log(`${scenario.name.padEnd(22)} mean ÷ fifo ${(i.policy.overall.mean / i.fifo.overall.mean).toFixed(2)} (live ${(l.policy.overall.mean / l.fifo.overall.mean).toFixed(2)})`);
    }
  }
  writeSection('routing', renderRoutingSection(runs, DEFAULT_POLICY, kindRuns, HELD_OUT_SEEDS, TRAIN_SEEDS));
  console.log(`wrote the routing section of docs/benchmarks.md and ${runs.length / Object.keys(POLICIES).length + KINDS.length} scenarios in ${relative(root, scenarioDir)}`);
}

main();
