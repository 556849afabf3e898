/**
 * npm run simulate -- --scenario FILE.json --out TRACE.json [--policy NAME] [--clerks instant|live]
 * npm run simulate -- --from-log DATE [--data DIR] [--windows FILE | --open W12@09:00 …] [--policy NAME]
 *
 * Runs one scenario day through the engine and writes its trace, or replays a finished day of the
 * hall's log (cli-from-log.ts). A bad scenario or bad arguments end the run with exit code 1 (2 for
 * usage) and a message naming the offending path.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_POLICY, POLICIES } from '../engine/index.ts';
import { loadScenario, ScenarioError } from '../sim/load.ts';
import { simulate } from '../sim/simulator.ts';
import { computeMetrics } from '../sim/metrics.ts';
import { INSTANT_CLERKS, LIVE_CLERKS } from '../sim/clerks.ts';
import { fromLog } from './from-log.ts';

const usage = `usage: npm run simulate -- --scenario FILE.json --out TRACE.json [--policy ${Object.keys(POLICIES).join('|')}] [--clerks instant|live]
` +
  '       npm run simulate -- --from-log YYYY-MM-DD [--data DIR] [--config FILE] [--windows FILE | --open W12@09:00 …] [--policy NAME] [--out TRACE.json]';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the command line; returns the exit code. */
export function main(argv: string[]): number {
  let values: { scenario?: string; out?: string; policy?: string; clerks?: string; 'from-log'?: string; data?: string; config?: string; windows?: string; open?: string[] };
  try {
    ({ values } = parseArgs({
      args: argv, strict: true,
      options: {
        scenario: { type: 'string' }, out: { type: 'string' }, policy: { type: 'string' }, clerks: { type: 'string' },
        'from-log': { type: 'string' }, data: { type: 'string' }, config: { type: 'string' }, windows: { type: 'string' }, open: { type: 'string', multiple: true },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (values['from-log'] !== undefined) {
    return fromLog({ day: values['from-log'], data: values.data, config: values.config, windows: values.windows, open: values.open, policy: values.policy, out: values.out }, ROOT);
  }
  if (values.clerks !== undefined && values.clerks !== 'instant' && values.clerks !== 'live') {
    console.error(`--clerks: "${values.clerks}" is neither instant nor live\n${usage}`);
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
    const clerks = values.clerks === 'live' ? LIVE_CLERKS : values.clerks === 'instant' ? INSTANT_CLERKS : undefined;
    const trace = simulate(scenario, policy, { clerks });
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
