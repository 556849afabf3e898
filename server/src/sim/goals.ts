import type { Scenario } from './scenario.ts';
import type { Metrics } from './metrics.ts';

/**
 * The routing goals of issues 3 and 18, checked from metrics (which come from traces). `margin`
 * tightens every limit (0.1 = 10 % stricter) so a test can keep a safety distance from the goal.
 */
export interface DayResult {
  scenario: Scenario;
  policy: Metrics;
  fifo: Metrics;
}
export interface GoalCheck {
  goal: string;
  day: string;
  value: number;
  limit: number;
  pass: boolean;
}

/** Services at most two windows can do, in a hall with at least three times as many windows. */
export function rareMatters(sc: Scenario): string[] {
  return sc.services.map((s) => s.id).filter((id) => {
    const able = sc.windows.filter((w) => w.skills.includes(id)).length;
    return able > 0 && able <= 2 && sc.windows.length >= 3 * able;
  });
}

/** The goals of issue 3 (the first routing issue), per day and over all days. */
export function checkGoals(days: DayResult[], margin = 0): GoalCheck[] {
  const out: GoalCheck[] = [];
  const tight = 1 - margin;
  const add = (goal: string, day: string, value: number, limit: number, atMost = true) =>
    out.push({ goal, day, value, limit, pass: atMost ? value <= limit : value >= limit });
  let sum = 0, fifoSum = 0;
  for (const { scenario, policy: m, fifo: f } of days) {
    const day = scenario.name;
    sum += m.overall.mean * m.overall.called;
    fifoSum += f.overall.mean * f.overall.called;
    add('every visitor served (unserved visits)', day, m.unserved, 0);
    add('mean wait ≤ 1.08 × fifo on each day (s)', day, m.overall.mean, 1.08 * tight * f.overall.mean);
    // A service level near 100 % leaves no room for a margin: equal to fifo's passes.
    add('service level ≥ fifo (share)', day, m.overall.serviceLevel, f.overall.serviceLevel, false);
    const normal = m.byPriority.normal?.mean ?? 0;
    if (m.byPriority.green?.called) add('green mean ≤ max(2 min, normal mean ÷ 4) (s)', day, m.byPriority.green.mean, tight * Math.max(120, normal / 4));
    if (m.booked.called) add('booked: mean wait after the slot ≤ 5 min (s)', day, m.booked.mean, tight * 300);
    add('load spread ≤ max(0.15, fifo ÷ 2)', day, m.loadSpread, tight * Math.max(0.15, f.loadSpread / 2));
    for (const id of rareMatters(scenario)) {
      const mine = m.byService[id], theirs = f.byService[id];
      if (mine?.called && theirs?.called) add(`rare matter ${id}: mean ≤ 0.6 × fifo (s)`, day, mine.mean, tight * 0.6 * theirs.mean);
    }
  }
  add('mean wait ≤ 0.90 × fifo over all days (ratio)', 'all', fifoSum > 0 ? sum / fifoSum : 0, 0.9 * tight);
  return out;
}

/**
 * The further goals of issue 18, per day: nobody pays for the average (longest wait ≤ 1.25 × and
 * p90 ≤ the naive queue's), the green channel never worse than in the naive queue, walk-ins not
 * starved by bookings (read here as: their mean wait ≤ 1.25 × the naive queue's walk-in mean), and
 * estimates a visitor can trust (≥ 80 % within max(3 min, 25 %) of the real wait, |mean error| ≤ 60 s).
 */
export function checkGoals18(days: DayResult[], margin = 0): GoalCheck[] {
  const out: GoalCheck[] = [];
  const tight = 1 - margin;
  const add = (goal: string, day: string, value: number, limit: number, atMost = true) =>
    out.push({ goal, day, value, limit, pass: atMost ? value <= limit : value >= limit });
  for (const { scenario, policy: m, fifo: f } of days) {
    const day = scenario.name;
    add('longest wait ≤ 1.25 × fifo (s)', day, m.overall.max, tight * 1.25 * f.overall.max);
    add('p90 wait ≤ fifo (s)', day, m.overall.p90, tight * f.overall.p90);
    if (m.byPriority.green?.called && f.byPriority.green?.called) add('green mean ≤ fifo\'s green mean (s)', day, m.byPriority.green.mean, tight * f.byPriority.green.mean);
    if (m.booked.called && m.walkIn.called && f.walkIn.called) add('walk-ins: mean ≤ 1.25 × fifo\'s walk-ins (s)', day, m.walkIn.mean, tight * 1.25 * f.walkIn.mean);
    if (m.estimate.n) {
      add('estimates within max(3 min, 25 %) (share)', day, m.estimate.within, 0.8 / tight, false);
      add('estimates: |mean error| ≤ 60 s (s)', day, Math.abs(m.estimate.meanSignedError), tight * 60);
    }
  }
  return out;
}
