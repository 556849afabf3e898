// `npm run bench:load`: 200 connected screens and pads, 20 windows calling, kiosks issuing 3,000
// tickets as fast as they can, against the real server process on this machine, in two ways:
// the windows at a thousand times a clerk's pace (the issue's "thousand times the peak load"),
// and everything as fast as it can go (the throughput reached). Writes the figures and a CPU
// profile summary to docs/benchmarks.md.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runLoad, percentile, type LoadResult } from './load-harness.ts';
import { writeLoadConfig } from './load-config.ts';
import { byArea, topFunctions } from './profile-summary.ts';
import { machine, writeSection } from './write-section.ts';
import { serveCommand, startServerProcess } from '../test/process.ts';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

// The figures are of the compiled server, as `npm run serve` runs it: build it if stale.
execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url)), '--server'], { stdio: 'inherit' });

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const mix = { tickets: arg('tickets', 3000), windows: arg('windows', 20), screens: arg('screens', 200), kiosks: arg('kiosks', 6), inFlightPerKiosk: arg('in-flight', 1) };
const runs = arg('runs', 3);
/** Tickets issued and served flat out before each measured run (not counted): see load-harness.ts. */
const warmupTickets = arg('warmup', 300);
/** The sample day's mean service (558 s, the routing benchmark's sample day) a thousand times faster. */
const CLERK_AT_1000X_MS = 560;
const allScenarios = [
  { name: 'A thousand times the peak', serveMs: arg('serve-ms', CLERK_AT_1000X_MS),
    what: 'Each window serves a visitor for 0.28–0.84 s (the sample day\'s mean service of 558 s, a thousand times faster) between call and finish' },
  { name: 'Everything as fast as it can', serveMs: 0, what: 'Each window finishes at once and calls again: the throughput the hall reaches' },
];
// --only=1 or --only=2: one of the two ways (diagnostics; the figures in the docs come from both).
const only = arg('only', 0);
const scenarios = only ? [allScenarios[only - 1]] : allScenarios;

interface Lag { p99: number; max: number }
/** The server's own figures from loop-probe.mjs. */
interface ServerProbe extends Lag { gcMax: number; heapMaxMiB: number }
interface Run { r: LoadResult; peakRss: number; cpu: { server: number; client: number }; lag: Lag; serverLag: ServerProbe | null; profile?: string }

/**
 * One run against a fresh server process. The counted runs go without a profiler, as `npm run serve`
 * runs: V8's sampling profiler cost the server up to a quarter more CPU here, and 9–16 MiB. `profile` runs one more,
 * profiled, whose figures are shown apart and not counted.
 */
async function run(serveMs: number, dir: string, profile = false): Promise<Run> {
  const profDir = join(dir, 'prof');
  const probe = join(dir, 'loop-probe.json');
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', fileURLToPath(new URL('./loop-probe.mjs', import.meta.url)),
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])];
  const server = await startServerProcess({ dataDir: dir, config: writeLoadConfig(dir, mix.windows), nodeArgs, env: { LOOP_PROBE_OUT: probe }, script: 'serve' });
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'));
      if (m) peakRss = Math.max(peakRss, Number(m[1]) * 1024);
    } catch { /* exited */ }
  }, 100);
  /** CPU seconds (user + system) the server process has used so far, from /proc (clock ticks of 10 ms). */
  const serverCpu = () => {
    const f = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  // CPU and loop delays count from the measured phase, after the warm-up.
  let cpu0 = { server: serverCpu(), client: process.cpuUsage() };
  // How late the load client's own event loop ran: time a round trip spent waiting in the client, not the server.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const r = await runLoad({ url: server.url, adminPassword: 'admin-password', services: ['biz', 'tax', 'prop', 'social', 'fund', 'pickup'], ...mix, serveMs, warmupTickets,
    onMeasuring: () => { process.kill(server.child.pid!, 'SIGUSR2'); lag.reset(); cpu0 = { server: serverCpu(), client: process.cpuUsage() }; } });
  clearInterval(rssTimer);
  lag.disable();
  const clientCpu = process.cpuUsage(cpu0.client);
  const cpu = { server: serverCpu() - cpu0.server, client: (clientCpu.user + clientCpu.system) / 1e6 };
  await server.stop('SIGINT');
  const prof = profile ? readdirSync(profDir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  const serverLag = existsSync(probe) ? JSON.parse(readFileSync(probe, 'utf8')) as ServerProbe : null;
  return { r, peakRss, cpu, lag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 }, serverLag, profile: prof && join(profDir, prof) };
}

const ms = (xs: number[]) => `${percentile(xs, 50).toFixed(0)} / ${percentile(xs, 99).toFixed(0)} / ${percentile(xs, 100).toFixed(0)}`;
const GOALS = { issue: 50, call: 50, screen: 100, rssMiB: 300 };
const lines = [
  `## Load (\`npm run bench:load\`)`,
  ``,
  `Measured ${machine()}: the real server process as \`npm run serve\` runs it (\`node ${serveCommand('serve').map((a) => a.replace(/^.*\/server\/(src|dist)\//, 'server/$1/')).join(' ')}\`; SQLite WAL with synchronous=FULL on this machine's disk, one fsync per group commit) and the load client in a second process on the same 2 cores.`,
  `${mix.screens} real socket.io clients connected as the hall's UIs connect (batches): 60 % caller screens, 20 % pads, 20 % staff terminals; plus the clerks' terminal feed that tells an idle window somebody is waiting. ${mix.windows} windows call next and finish; ${mix.kiosks} kiosks (one request at a time each, as a kiosk is one touch screen) issue ${mix.tickets} tickets as fast as they can.`,
  `Goals: no errors; p99 ticket issue ≤ ${GOALS.issue} ms; p99 call-next ≤ ${GOALS.call} ms; p99 call → screens ≤ ${GOALS.screen} ms; server memory ≤ ${GOALS.rssMiB} MiB. Latencies are p50 / p99 / max in ms, measured by the load client (HTTP round trips; a call from its request to each caller screen's receipt).`,
];
let profile: string | undefined;
let errors = 0;
const dirs: string[] = [];
const warm = (r: LoadResult) => (r.warmup ? `${percentile(r.warmup.issueMs, 99).toFixed(0)} / ${percentile(r.warmup.issueMs, 100).toFixed(0)}; ${percentile(r.warmup.callMs, 99).toFixed(0)} / ${percentile(r.warmup.callMs, 100).toFixed(0)}` : '–');
const row = (label: string, x: Run) => {
  const { r } = x;
  return `| ${label} | ${ms(r.issueMs)} | ${ms(r.callMs)} | ${ms(r.callToScreenMs)} | ${(r.tickets / (r.issuingMs / 1000)).toFixed(0)} | ${(r.served / (r.elapsedMs / 1000)).toFixed(0)} | ${r.errors.length}${r.screensMissing ? ` (+${r.screensMissing} receipts missing)` : ''} | ${(x.peakRss / 2 ** 20).toFixed(0)} | ${x.serverLag ? `${x.serverLag.heapMaxMiB.toFixed(0)}, ${x.serverLag.gcMax.toFixed(0)}` : '?'} | ${x.cpu.server.toFixed(1)} / ${x.cpu.client.toFixed(1)} | ${x.serverLag ? `${x.serverLag.p99.toFixed(0)} / ${x.serverLag.max.toFixed(0)}` : '?'}; ${x.lag.p99.toFixed(0)} / ${x.lag.max.toFixed(0)} | ${warm(r)} |`;
};
const runIn = async (sc: (typeof scenarios)[number], label: string, profiled: boolean) => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-bench-load-'));
  dirs.push(dir);
  console.log(`${sc.name}, run ${label}: ${JSON.stringify({ ...mix, serveMs: sc.serveMs, warmupTickets, profiled })}`);
  const x = await run(sc.serveMs, dir, profiled);
  errors += x.r.errors.length + x.r.screensMissing;
  if (x.r.errors.length) console.log(`errors, first: ${x.r.errors[0]}`);
  return x;
};
if (warmupTickets) lines.push(`Before each run's ${mix.tickets} tickets, ${warmupTickets} more are issued and served as fast as they can and not counted: a hall's server meets its busiest hour warm, not a second after it started. A fresh process's first requests wait for V8 to compile the code they run; the warm-up's own p99 / max (issue; call-next) is in the last column.`);
for (const [n, sc] of scenarios.entries()) {
  lines.push('', `### ${sc.name}`, '', `${sc.what}.`, '',
    '| run | ticket issue | call-next | call → screens | issued/s (kiosks) | served/s | errors | peak RSS (MiB) | server heap (MiB), longest GC (ms) | CPU server / client (s) | loop late p99 / max (ms): server; client | warm-up p99 / max: issue; call-next |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |');
  const met = { issue: 0, call: 0, screen: 0, rss: 0, errors: 0 };
  for (let i = 1; i <= runs; i++) {
    const x = await runIn(sc, `${i} of ${runs}`, false);
    const { r } = x;
    met.issue += Number(percentile(r.issueMs, 99) <= GOALS.issue);
    met.call += Number(percentile(r.callMs, 99) <= GOALS.call);
    met.screen += Number(percentile(r.callToScreenMs, 99) <= GOALS.screen);
    met.rss += Number(x.peakRss / 2 ** 20 <= GOALS.rssMiB);
    met.errors += Number(r.errors.length === 0 && r.screensMissing === 0);
    lines.push(row(String(i), x));
  }
  // The profile comes from one more run of the last way, with V8's profiler on: shown, not counted.
  if (n === scenarios.length - 1) {
    const x = await runIn(sc, 'profiled', true);
    lines.push(row('profiled (not counted)', x));
    profile = x.profile;
  }
  const of = (k: number) => (k === runs ? `met in every run` : `**met in ${k} of ${runs} runs**`);
  lines.push('', `Goals over the ${runs} counted runs: no errors ${of(met.errors)}; p99 issue ≤ ${GOALS.issue} ms ${of(met.issue)}; p99 call-next ≤ ${GOALS.call} ms ${of(met.call)}; p99 call → screens ≤ ${GOALS.screen} ms ${of(met.screen)}; memory ≤ ${GOALS.rssMiB} MiB ${of(met.rss)}.`);
}
if (profile) {
  // BENCH_KEEP_PROFILE=out.cpuprofile keeps the whole profile (open it in Chrome DevTools or speedscope).
  if (process.env.BENCH_KEEP_PROFILE) copyFileSync(profile, process.env.BENCH_KEEP_PROFILE);
  lines.push('', `### Where the server's time goes`, '', `V8 CPU profile of the profiled run above (${scenarios.at(-1)!.name.toLowerCase()}), self time:`, '', '| area | share |', '| --- | --- |');
  for (const [k, v] of Object.entries(byArea(profile))) lines.push(`| ${k} | ${v} % |`);
  lines.push('', '| function | where | self |', '| --- | --- | --- |');
  for (const f of topFunctions(profile, 12)) lines.push(`| ${f.name} | ${f.where} | ${f.selfPct.toFixed(1)} % |`);
}
writeSection('load', lines.join('\n'));
console.log(lines.join('\n'));
for (const d of dirs) rmSync(d, { recursive: true, force: true });
process.exit(errors ? 1 : 0);
