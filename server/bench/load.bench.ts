// `npm run bench:load`: 200 connected screens and pads, 20 windows calling, kiosks issuing 3,000
// tickets as fast as they can, against the real server process on this machine. Writes the
// figures and a CPU profile summary to docs/benchmarks.md.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runLoad, percentile } from './load-harness.ts';
import { writeLoadConfig } from './load-config.ts';
import { byArea, topFunctions } from './profile-summary.ts';
import { machine, writeSection } from './write-section.ts';
import { serveCommand, startServerProcess } from '../test/process.ts';

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const opts = { tickets: arg('tickets', 3000), windows: arg('windows', 20), screens: arg('screens', 200), kiosks: arg('kiosks', 6), inFlightPerKiosk: arg('in-flight', 1), serveMs: arg('serve-ms', 560) };
const dataDir = mkdtempSync(join(tmpdir(), 'ow-bench-load-'));
const profDir = join(dataDir, 'prof');
const server = await startServerProcess({ dataDir, config: writeLoadConfig(dataDir, opts.windows), nodeArgs: [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--cpu-prof', `--cpu-prof-dir=${profDir}`] });

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
const cpu0 = { server: serverCpu(), client: process.cpuUsage() };
// How late the load client's own event loop ran: time a round trip spent waiting in the client, not the server.
const clientLag = monitorEventLoopDelay({ resolution: 5 });
clientLag.enable();

console.log(`load: ${JSON.stringify(opts)}`);
const r = await runLoad({ url: server.url, adminPassword: 'admin-password', services: ['biz', 'tax', 'prop', 'social', 'fund', 'pickup'], ...opts });
clearInterval(rssTimer);
clientLag.disable();
const clientCpu = process.cpuUsage(cpu0.client);
const cpu = { server: serverCpu() - cpu0.server, client: (clientCpu.user + clientCpu.system) / 1e6 };
await server.stop('SIGINT');
const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));

const ms = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 99).toFixed(1)} / ${percentile(xs, 100).toFixed(1)}`;
const goal = (ok: boolean) => (ok ? 'met' : '**not met**');
const p99 = { issue: percentile(r.issueMs, 99), call: percentile(r.callMs, 99), screen: percentile(r.callToScreenMs, 99) };
const mib = peakRss / 2 ** 20;
const lines = [
  `## Load (\`npm run bench:load\`)`,
  ``,
  `Measured ${machine()}: the real server process as \`npm run serve\` runs it (\`node ${serveCommand().map((a) => a.replace(/^.*\/server\/src\//, 'server/src/')).join(' ')}\`; SQLite WAL with synchronous=FULL on this machine's disk, one fsync per group commit) and the load client in a second process on the same 2 cores.`,
  `${opts.screens} sockets connected (60 % caller screens, 20 % pads, 20 % staff terminals), ${opts.windows} windows calling next and finishing in a loop, ${opts.kiosks} kiosks (each one request at a time, as a kiosk is one touch screen: ${opts.inFlightPerKiosk} in flight) issuing ${opts.tickets} tickets as fast as they can.`,
  ``,
  `| figure | p50 / p99 / max (ms) | goal |`,
  `| --- | --- | --- |`,
  `| ticket issue (HTTP round trip) | ${ms(r.issueMs)} | p99 ≤ 50 ms: ${goal(p99.issue <= 50)} |`,
  `| call-next (HTTP round trip) | ${ms(r.callMs)} | p99 ≤ 50 ms: ${goal(p99.call <= 50)} |`,
  `| call → every caller screen hears it | ${ms(r.callToScreenMs)} | p99 ≤ 100 ms: ${goal(p99.screen <= 100)} |`,
  ``,
  `- tickets issued: ${r.tickets}, served: ${r.served}, call-next requests that found nobody waiting: ${r.emptyCalls}, errors: ${r.errors.length}${r.errors.length ? ` (first: ${r.errors[0]})` : ''}, screen receipts missing: ${r.screensMissing}`,
  `- throughput: ${(r.tickets / (r.elapsedMs / 1000)).toFixed(0)} tickets/s issued and ${(r.served / (r.elapsedMs / 1000)).toFixed(0)} served/s over ${(r.elapsedMs / 1000).toFixed(1)} s (each ticket: issue, call, finish and an evaluation request: four logged events, each fanned out to the feeds)`,
  `- CPU over the run: server ${cpu.server.toFixed(1)} s, load client (kiosks, windows and the 200 screens) ${cpu.client.toFixed(1)} s, of ${(2 * r.elapsedMs / 1000).toFixed(1)} s the 2 cores had`,
  `- the load client's event loop ran late by ${(clientLag.percentile(50) / 1e6).toFixed(1)} ms at p50 and ${(clientLag.percentile(99) / 1e6).toFixed(1)} ms at p99 (time a round trip can spend in the client, not the server)`,
  `- server peak RSS: ${mib.toFixed(0)} MiB (goal ≤ 300 MiB: ${goal(mib <= 300)})`,
];
if (prof) {
  const file = join(profDir, prof);
  // BENCH_KEEP_PROFILE=out.cpuprofile keeps the whole profile (open it in Chrome DevTools or speedscope).
  if (process.env.BENCH_KEEP_PROFILE) copyFileSync(file, process.env.BENCH_KEEP_PROFILE);
  lines.push('', 'Where the server\'s CPU time goes (V8 CPU profile, self time):', '', '| area | share |', '| --- | --- |');
  for (const [k, v] of Object.entries(byArea(file))) lines.push(`| ${k} | ${v} % |`);
  lines.push('', '| function | where | self |', '| --- | --- | --- |');
  for (const f of topFunctions(file, 12)) lines.push(`| ${f.name} | ${f.where} | ${f.selfPct.toFixed(1)} % |`);
}
writeSection('load', lines.join('\n'));
console.log(lines.join('\n'));
rmSync(dataDir, { recursive: true, force: true });
process.exit(r.errors.length ? 1 : 0);
