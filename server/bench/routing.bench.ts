/**
 * npm run bench:routing
 *
 * Generates the benchmark's hall days (seeded: the same files every run), writes them to
 * server/bench/scenarios/ so anyone can rerun `npm run simulate` on them, runs every routing
 * policy on them and on the project's sample day (also generated, committed for tests), computes the metrics from the traces, and writes
 * the routing section of docs/benchmarks.md (between its markers; the rest of the file is kept).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICIES, DEFAULT_POLICY } from '../src/engine/index.ts';
import { benchmarkDays, sampleDay } from '../src/sim/generate/halls.ts';
import { simulate } from '../src/sim/simulator.ts';
import { computeMetrics } from '../src/sim/metrics.ts';
import { auditTrace } from '../src/sim/audit.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { renderRoutingSection, type BenchRun } from './report.ts';
import { writeSection } from './write-section.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function main(): void {
  const scenarioDir = join(here, 'scenarios');
  mkdirSync(scenarioDir, { recursive: true });
  const days: Array<{ scenario: Scenario; file: string }> = [...benchmarkDays(), sampleDay()].map((scenario) => {
    const file = join(scenarioDir, `${scenario.name}.json`);
    writeFileSync(file, JSON.stringify(scenario, null, 1) + '\n');
    return { scenario, file };
  });

  const runs: BenchRun[] = [];
  for (const { scenario, file } of days) {
    for (const policy of Object.keys(POLICIES)) {
      simulate(scenario, policy); // warm up the JIT so the timing is the simulator's, not the compiler's
      const times: number[] = [];
      let trace = simulate(scenario, policy);
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        trace = simulate(scenario, policy);
        times.push(performance.now() - t0);
      }
      const problems = auditTrace(scenario, trace);
      if (problems.length > 0) throw new Error(`${scenario.name} with ${policy}: inconsistent trace: ${problems.slice(0, 3).join('; ')}`);
      runs.push({ scenario, file: relative(root, file), policy, metrics: computeMetrics(scenario, trace), simMs: times.sort((a, b) => a - b)[1] });
      console.log(`${scenario.name.padEnd(18)} ${policy.padEnd(10)} mean ${runs.at(-1)!.metrics.overall.mean.toFixed(0).padStart(5)} s`);
    }
  }
  writeSection('routing', renderRoutingSection(runs, DEFAULT_POLICY));
  console.log(`wrote the routing section of docs/benchmarks.md and ${days.length} scenarios in ${relative(root, scenarioDir)}`);
}

main();
