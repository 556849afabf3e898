import type { Scenario } from '../src/sim/scenario.ts';
import type { Metrics, WaitSummary } from '../src/sim/metrics.ts';
import { POLICIES } from '../src/engine/index.ts';
import { checkGoals, checkGoals18, type DayResult } from '../src/sim/goals.ts';
import { machine } from './write-section.ts';
import { renderKinds, type KindRun } from './routing-kinds.ts';

/** One policy on one day, as measured by the benchmark. */
export interface BenchRun {
  scenario: Scenario;
  file: string;
  policy: string;
  metrics: Metrics;
  /** The same day with live clerks (clerks.ts LIVE_CLERKS). */
  live: Metrics;
  simMs: number;
}

const s0 = (x: number) => x.toFixed(0);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ws = (w: WaitSummary | undefined) => (w && w.called ? `${s0(w.mean)} / ${s0(w.p90)} / ${s0(w.max)}` : '–');

/** The markdown of the routing section: context, the days, the policies per day, the goals. */
export function renderRoutingSection(runs: BenchRun[], production: string, kinds: KindRun[], heldOut: number[], train: number[]): string {
  const days = [...new Map(runs.map((r) => [r.scenario.name, r])).values()];
  const policies = [...new Set(runs.map((r) => r.policy))];
  const get = (day: string, p: string) => runs.find((x) => x.scenario.name === day && x.policy === p)!;
  const out: string[] = [
    '## Routing (`npm run bench:routing`)', '',
    `Measured ${machine()}, on a machine shared with other jobs: the simulation times (sim) are noisy. Each day is simulated by the real engine (\`server/src/sim\`); every figure is computed by`,
    '`server/src/sim/metrics.ts` from the trace and its scenario alone, so `npm run simulate -- --scenario FILE --out TRACE`',
    'on the files below gives the same traces. Waits in seconds. A booked visitor\'s first wait counts from the slot (or',
    'the arrival, if later); the simulated hall may call a booked visitor from 5 minutes before the slot and serves the',
    'green channel at most 2 in a row per window while normal tickets wait.', '',
    ...policies.map((p) => `- \`${p}\`${p === production ? ' (production)' : ''}: ${POLICIES[p]?.description ?? ''}`), '',
    '| day | scenario file | windows | tickets | visits | work ÷ open hours |', '|---|---|---:|---:|---:|---:|',
  ];
  for (const d of days) {
    const sc = d.scenario;
    const work = sc.tickets.reduce((a, t) => a + t.serviceSec + (t.next ?? []).reduce((x, n) => x + n.serviceSec, 0), 0);
    const open = sc.windows.reduce((a, w) => a + w.closesAt - w.opensAt - (w.breaks ?? []).reduce((x, [p, q]) => x + q - p, 0), 0);
    out.push(`| ${sc.name} | \`${d.file}\` | ${sc.windows.length} | ${sc.tickets.length} | ${d.metrics.visits} | ${(work / open).toFixed(2)} |`);
  }
  out.push('', '### Per day and policy', '',
    'Wait mean / p90 / max; service level: share of visits called within their service\'s target; green and normal: mean',
    'wait by priority; booked: mean wait of booked visitors after their slot; spread: max − min busy share (within open',
    'hours) over the open windows; estimate: the wait promised at issue against `called − arrival`, mean absolute /',
    'mean signed error (positive: promised too long), and the share within max(3 min, 25 %); live: mean / p90 / max wait',
    'with live clerks (5–60 s before each ask); sim: milliseconds to simulate the day (median of three).', '',
    '| day | policy | wait | service level | green | normal | booked | spread | estimate | live | sim |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const d of days) {
    for (const p of policies) {
      const r = get(d.scenario.name, p);
      const m = r.metrics;
      out.push(`| ${d.scenario.name} | ${p === production ? `**${p}**` : p} | ${ws(m.overall)} | ${pct(m.overall.serviceLevel)} | ${s0(m.byPriority.green?.mean ?? 0)} | ${s0(m.byPriority.normal?.mean ?? 0)} | ${m.booked.called ? s0(m.booked.mean) : '–'} | ${m.loadSpread.toFixed(2)} | ${s0(m.estimate.meanAbsError)} / ${s0(m.estimate.meanSignedError)} / ${pct(m.estimate.within)} | ${ws(r.live.overall)} | ${s0(r.simMs)} |`);
    }
  }
  out.push('', '<details><summary>Per service: mean / p90 / max wait, and visits never called</summary>', '');
  for (const d of days) {
    const services = d.scenario.services.map((x) => x.id);
    out.push(`**${d.scenario.name}**`, '', `| policy | ${services.join(' | ')} | unserved |`, `|---|${services.map(() => '---').join('|')}|---:|`);
    for (const p of policies) {
      const m = get(d.scenario.name, p).metrics;
      out.push(`| ${p} | ${services.map((id) => ws(m.byService[id])).join(' | ')} | ${m.unserved} |`);
    }
    out.push('');
  }
  out.push('</details>', '', ...renderGoals(runs, production), '', ...renderKinds(kinds, heldOut, train), '', NOTES);
  return out.join('\n');
}

const NOTES = `### How \`balanced\` decides, and what it costs

Every waiting ticket gets one place in a hall-wide order (\`server/src/engine/routing/urgency.ts\`): transfers to the
front; the green channel (oldest first; a window that called 2 green in a row takes a normal ticket next if one waits
for it); rare matters (one or two open windows can do them, where the other matters have many more); then visitors
**past due**: those who have waited 1.2 × the wait a shared queue would have given them when they came (at least
10 minutes), the most overdue first; then booked visitors from 5 minutes before their slot; then everyone else by the
generalised cμ index, *wait ÷ target × hall mean service ÷ the matter's mean service* (learned from the day's finished
services), with a step of +0.5 in the last 30 % before the target. Booked visitors who came early are called before
their slot only by a window that has nobody else to call. The window asking and the windows waiting ready (their
clerk asked and got nobody, or auto-call is on) share the tickets out in that order, each to the one busy least
today; a window able to do a rare matter takes it first and quick common work, and one of two such windows is kept
ready while another ready window takes the long common work. Each call carries a stable reason code
(\`protocol/src/routing-reasons.ts\`).

The shared queue's wait is reckoned when a visitor joins (\`server/src/engine/fifo-wait.ts\`: the work of everyone
waiting, each queue for the share of its open windows that are the visitor's, at the learned pace) and kept on the
step. It is a close forecast of what \`fifo\` really gives (on the deadline day the longest \`fifo\` waits were 32.9,
27.9 and 23.5 min where it reckoned 32.3, 27.6 and 20.5). Routing's past-due bound is made from it.

The printed estimate comes from a **lookahead** (\`server/src/engine/lookahead.ts\`): the open windows play the
queue forward, each as it comes free (a busy one after its visitor's learned mean, less the time already spent),
calling the most pressing ticket it can serve by the routing's own order, scored at the moment of that call. So a
quick matter joining behind long ones, a booking waiting for its slot and a visitor past due are told what the
routing will do to them, not what a shared queue would. One play per change of the queue answers every waiting
ticket and a newcomer of each matter (a newcomer is called at the first turn at which it would be the most pressing).
The lookahead cannot foresee visitors still to come (green channel and bookings overtaking), windows opening or
pausing, or clerks' pace between visitors; the day's own record of real waits against it calibrates that
(\`server/src/engine/wait-stats.ts\`, per matter, green and booked visits apart, recent visitors weighing most), with a
range where the record scatters. It plays at most 120 calls, and not on a queue over 300 deep: the estimate then
falls back to the shared queue's reckoning, calibrated by its own record. Against that reckoning (the estimate
before the lookahead), on the same days: within max(3 min, 25 %) pooled over the held-out days 71.3 % → 76.5 %
(instant clerks) and 68.5 % → 72.5 % (live); held-out days meeting 80 %: 6 → 11 of 30 and 5 → 7 of 30; booked
visitors gain most (on booking-heavy training days 35–57 % → 72–89 % within). The lookahead plays the production
order whatever policy the hall runs: under \`fifo\` or \`fair\` (a trial, a what-if) it misplays the reordering and
the record corrects only part of it, so those rows' estimates above are worse than the reckoning gave them (street
station, \`fifo\`: 80.5 % → 71.9 % within).

What it costs, measured on the training days while choosing (\`PAST_DUE\` 1.0–1.5, at least 2–15 minutes): pure cμ
gives the lowest mean (0.80 × \`fifo\`) and the longest waits (longest wait within 1.25 × \`fifo\`'s on 9 of 40
training day-modes); bounding by the wait at arrival lowers that harm but costs the mean (at 1.0 × the mean is
0.97 × \`fifo\`); the chosen 1.2 × with at least 10 minutes keeps the mean at 0.86 (instant) / 0.91 (live) on the
training days. Other bounds tried since (training days, instant clerks; with the chosen one the longest-wait goal holds
on 10 of 20 days at a mean of 0.865 × \`fifo\`): past due after K × the mean real wait of the visitors called lately,
when that comes first — K = 1.0: 16 of 20 days, mean 0.96; 1.2: 15, 0.92; 1.3: 14, 0.91 (live clerks 0.94); 1.5: 10,
0.89 — and the bound scaled by the windows open now against those open at arrival (longest unchanged, mean 0.94).
Every bound that moves the tail gives back the Monday gain (0.75 × \`fifo\`) that carries the pooled mean: on these
days the longest-wait goal and the mean goal trade one for the other. Three things keep the longest-wait and p90 goals out of reach on busy days, measured: the green
channel's priority (with a third of visitors green, the others wait about 1.5 × longer at the peak), the bookings'
priority (booked visitors called within 5 minutes of their slot take that time from walk-ins: \`fair\`, which is
\`fifo\` with only these two priorities, already has a higher p90 than \`fifo\` on 18 of 20 training days), and the
morning before late windows open (Monday: the shared-queue reckoning made with half the windows closed is long, so
the estimate leans long and the bound holds late). The column *longest ÷ fair* separates the reordering of common work
from those two priorities. The estimate still misses its goal (80 % within max(3 min, 25 %)) on many days, Monday most: without a
roster, the engine cannot foresee lunch breaks or windows opening later (on a Monday morning the lookahead plays with
half the windows, so it leans long until they open), and the wait of one visitor scatters with the service times of
those before them; the range, not the single number, is what holds about 8 in 10 real waits.`;

function renderGoals(runs: BenchRun[], production: string): string[] {
  const results: DayResult[] = [];
  for (const r of runs.filter((x) => x.policy === production)) {
    const fifo = runs.find((x) => x.policy === 'fifo' && x.scenario.name === r.scenario.name);
    if (fifo) results.push({ scenario: r.scenario, policy: r.metrics, fifo: fifo.metrics });
  }
  const fmt = (x: number) => (Math.abs(x) < 2 ? x.toFixed(3) : x.toFixed(0));
  const out = ['### Goals on these days', '', `\`${production}\` against \`fifo\`, instant clerks (✅ met, ❌ not met): issue 3's goals, then issue 18's.`, '', '| goal | day | value | limit | |', '|---|---|---:|---:|---|'];
  for (const c of [...checkGoals(results), ...checkGoals18(results)]) out.push(`| ${c.goal} | ${c.day} | ${fmt(c.value)} | ${fmt(c.limit)} | ${c.pass ? '✅' : '❌'} |`);
  const big = runs.filter((x) => x.policy === production && x.scenario.windows.length >= 30).map((x) => x.simMs);
  if (big.length) out.push(`| a 30-window day simulates in well under 2 s (ms) | all | ${s0(Math.max(...big))} | 2000 | ${Math.max(...big) < 2000 ? '✅' : '❌'} |`);
  return out;
}
