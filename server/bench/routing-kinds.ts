import type { Scenario } from '../src/sim/scenario.ts';
import type { Metrics } from '../src/sim/metrics.ts';
import { checkGoals, checkGoals18, type DayResult, type GoalCheck } from '../src/sim/goals.ts';

/** One held-out day of a kind, in one clerk mode: the production policy, fifo and fair on it. */
export interface KindRun {
  kind: string;
  mode: 'instant' | 'live';
  scenario: Scenario;
  policy: Metrics;
  fifo: Metrics;
  fair: Metrics;
}

const f2 = (x: number) => x.toFixed(2);
const s0 = (x: number) => x.toFixed(0);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const ratio = (a: number, b: number) => (b > 0 ? a / b : 1);
const pooled = (xs: Metrics[], pick: (m: Metrics) => { mean: number; called: number } | undefined) => {
  let sum = 0, n = 0;
  for (const m of xs) {
    const w = pick(m);
    if (w?.called) (sum += w.mean * w.called), (n += w.called);
  }
  return n ? sum / n : 0;
};

/** Per kind and mode: the figures over its held-out days, and how many days meet each goal. */
export function renderKinds(runs: KindRun[], seeds: number[], trainSeeds: number[]): string[] {
  const kinds = [...new Set(runs.map((r) => r.kind))];
  const out: string[] = [
    '### Days it has not seen (issue 18)', '',
    `Five kinds of day from \`server/src/sim/generate/kinds.ts\`; each seed draws the day's shape (windows, load, matter mix,`,
    `who knows what) as well as its visitors. The policy's constants were chosen on seeds ${trainSeeds.join(', ')} (training); the`,
    `figures below are of the held-out seeds ${seeds.join(', ')}, never used while tuning. One day of each kind is written to`,
    '`server/bench/scenarios/` (its first held-out seed); the others come from the same generator with their seed.',
    'Each day runs with instant clerks (the contract\'s semantics: a free window asks at once) and with live clerks',
    '(`clerks.askDelaySec` [5, 60]: a clerk asks 5–60 s after each visitor, see `server/src/sim/README.md`).', '',
    'Ratios are the production policy against `fifo` (the naive shared queue) on the same day: mean wait pooled over the',
    'kind\'s days; longest and p90 as the range over its days. Green: the green channel\'s mean wait, policy / fifo (s).',
    'Booked: booked visitors\' mean wait after the slot (s). Walk-ins: their mean wait against fifo\'s. Spread: load',
    'spread, policy / fifo. Estimates: share of printed estimates within max(3 min, 25 %) of the real wait, mean',
    'error (s; positive: promised too long), and the share of real waits inside the printed range where one was given.', '',
    '| kind | clerks | days | mean ÷ fifo | longest ÷ fifo | p90 ÷ fifo | longest ÷ fair | green | booked | walk-ins ÷ fifo | spread | estimates: within / error / in range |',
    '|---|---|---:|---:|---|---|---|---:|---:|---:|---|---|',
  ];
  const range = (xs: number[]) => `${f2(Math.min(...xs))}–${f2(Math.max(...xs))}`;
  for (const kind of kinds) {
    for (const mode of ['instant', 'live'] as const) {
      const rs = runs.filter((r) => r.kind === kind && r.mode === mode);
      if (!rs.length) continue;
      const P = rs.map((r) => r.policy), F = rs.map((r) => r.fifo);
      const est = P.reduce((a, m) => ({ n: a.n + m.estimate.n, within: a.within + m.estimate.within * m.estimate.n, err: a.err + m.estimate.meanSignedError * m.estimate.n, ranged: a.ranged + m.estimate.ranged, inRange: a.inRange + m.estimate.rangeWithin * m.estimate.ranged }), { n: 0, within: 0, err: 0, ranged: 0, inRange: 0 });
      out.push(`| ${kind} | ${mode} | ${rs.length} | ${f2(ratio(pooled(P, (m) => m.overall), pooled(F, (m) => m.overall)))} | ${range(rs.map((r) => ratio(r.policy.overall.max, r.fifo.overall.max)))} | ${range(rs.map((r) => ratio(r.policy.overall.p90, r.fifo.overall.p90)))} | ${range(rs.map((r) => ratio(r.policy.overall.max, r.fair.overall.max)))} | ${s0(pooled(P, (m) => m.byPriority.green))} / ${s0(pooled(F, (m) => m.byPriority.green))} | ${s0(pooled(P, (m) => m.booked))} | ${f2(ratio(pooled(P, (m) => m.walkIn), pooled(F, (m) => m.walkIn)))} | ${f2(rs.reduce((a, r) => a + r.policy.loadSpread, 0) / rs.length)} / ${f2(rs.reduce((a, r) => a + r.fifo.loadSpread, 0) / rs.length)} | ${pct(est.n ? est.within / est.n : 1)} / ${s0(est.n ? est.err / est.n : 0)} / ${pct(est.ranged ? est.inRange / est.ranged : 1)} |`);
    }
  }
  out.push('', '#### Goals on the held-out days', '',
    'Days meeting each goal, of the kind\'s held-out days (instant clerks; live clerks). The overall mean is pooled over every',
    'held-out day of every kind. The goals of issue 3 are checked as in `server/src/sim/goals.ts`; those of issue 18 likewise',
    '(`checkGoals18`; "walk-ins not starved" read as: walk-ins\' mean wait ≤ 1.25 × fifo\'s).', '');
  const checks = (mode: 'instant' | 'live') => {
    const rs = runs.filter((r) => r.mode === mode);
    const days: DayResult[] = rs.map((r) => ({ scenario: r.scenario, policy: r.policy, fifo: r.fifo }));
    const kindOf = new Map(rs.map((r) => [r.scenario.name, r.kind]));
    return { all: [...checkGoals(days), ...checkGoals18(days)], kindOf };
  };
  const inst = checks('instant'), live = checks('live');
  const goals = [...new Set(inst.all.filter((c) => c.day !== 'all').map((c) => c.goal.replace(/^rare matter \S+:/, 'rare matter:')))];
  out.push(`| goal | ${kinds.join(' | ')} |`, `|---|${kinds.map(() => '---:').join('|')}|`);
  const cell = (cs: GoalCheck[], kindOf: Map<string, string>, goal: string, kind: string) => {
    const mine = cs.filter((c) => c.day !== 'all' && kindOf.get(c.day) === kind && c.goal.replace(/^rare matter \S+:/, 'rare matter:') === goal);
    return mine.length ? `${mine.filter((c) => c.pass).length}/${mine.length}` : '–';
  };
  for (const g of goals) out.push(`| ${g} | ${kinds.map((k) => `${cell(inst.all, inst.kindOf, g, k)}; ${cell(live.all, live.kindOf, g, k)}`).join(' | ')} |`);
  const overall = (cs: GoalCheck[]) => cs.find((c) => c.day === 'all')!;
  out.push('', `Mean wait over all held-out days ÷ fifo's: **${overall(inst.all).value.toFixed(3)}** with instant clerks, **${overall(live.all).value.toFixed(3)}** with live clerks (goal ≤ 0.90).`);
  out.push('', '<details><summary>Per held-out day (instant; live): mean, longest and p90 ÷ fifo, estimates within</summary>', '',
    '| day | windows | tickets | fifo mean (s) | mean ÷ fifo | longest ÷ fifo | p90 ÷ fifo | estimates within |', '|---|---:|---:|---:|---|---|---|---|');
  for (const r of runs.filter((x) => x.mode === 'instant')) {
    const l = runs.find((x) => x.mode === 'live' && x.scenario.name === r.scenario.name)!;
    const both = (f: (x: KindRun) => string) => `${f(r)}; ${f(l)}`;
    out.push(`| ${r.scenario.name} | ${r.scenario.windows.length} | ${r.scenario.tickets.length} | ${s0(r.fifo.overall.mean)}; ${s0(l.fifo.overall.mean)} | ${both((x) => f2(ratio(x.policy.overall.mean, x.fifo.overall.mean)))} | ${both((x) => f2(ratio(x.policy.overall.max, x.fifo.overall.max)))} | ${both((x) => f2(ratio(x.policy.overall.p90, x.fifo.overall.p90)))} | ${both((x) => pct(x.policy.estimate.within))} |`);
  }
  out.push('', '</details>');
  return out;
}
