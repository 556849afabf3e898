/**
 * npm run simulate -- --scenario FILE.json --out TRACE.json [--policy NAME]
 *
 * Runs one scenario day through the engine and writes its trace. A bad scenario or bad arguments
 * end the run with exit code 1 (2 for usage) and a message naming the offending path.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULT_POLICY, POLICIES } from '../engine/index.ts';
import { loadScenario, ScenarioError } from './load.ts';
import { simulate } from './simulator.ts';
import { computeMetrics } from './metrics.ts';

const usage = `usage: npm run simulate -- --scenario FILE.json --out TRACE.json [--policy ${Object.keys(POLICIES).join('|')}]`;

/** Runs the command line; returns the exit code. */
export function main(argv: string[]): number {
  let values: { scenario?: string; out?: string; policy?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { scenario: { type: 'string' }, out: { type: 'string' }, policy: { type: 'string' } }, strict: true }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.scenario || !values.out) {
    console.error(usage);
    return 2;
  }
  const policy = values.policy ?? DEFAULT_POLICY;
  if (!POLICIES[policy]) {
    console.error(`--policy: unknown policy "${policy}" (known: ${Object.keys(POLICIES).join(', ')})`);
    return 2;
  }
  try {
    const scenario = loadScenario(values.scenario);
    const started = performance.now();
    const trace = simulate(scenario, policy);
    const elapsed = performance.now() - started;
    writeFileSync(values.out, JSON.stringify(trace, null, 1) + '\n');
    const m = computeMetrics(scenario, trace);
    console.log(`${scenario.name} with ${policy}: ${trace.visits.length} visits, mean wait ${m.overall.mean.toFixed(0)} s, ` +
      `p90 ${m.overall.p90.toFixed(0)} s, service level ${(m.overall.serviceLevel * 100).toFixed(1)} %, ` +
      `unserved ${m.unserved}; simulated in ${elapsed.toFixed(0)} ms → ${values.out}`);
    return 0;
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
