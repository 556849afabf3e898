import type { TodayBucket } from '@onewindow/protocol';
import { minuteOfDay } from '@onewindow/protocol/time';
import { waitingFrom, type Ticket } from '../../engine/index.ts';

export { minuteOfDay };

export const BUCKET_MIN = 15;

export interface SeriesOptions {
  timezone: string;
  day: string;
  now: number;
  /** Today's opening hours in local minutes, if the hall opens today: the axis starts there. */
  openMin?: number | null;
}

const label = (min: number) => {
  const m = ((min % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * Today in quarter-hours, from the opening (or the first activity, if earlier) up to the bucket
 * holding `now`. Pure: the tickets, targets and clock are passed in.
 */
export function todaySeries(tickets: Iterable<Ticket>, targets: ReadonlyMap<string, number>, o: SeriesOptions): TodayBucket[] {
  const at = (ms: number) => Math.floor(minuteOfDay(ms, o.timezone, o.day) / BUCKET_MIN);
  const acc = new Map<number, { arrivals: number; served: number; called: number; waitSum: number; targetSum: number; over: number }>();
  const get = (i: number) => {
    let b = acc.get(i);
    if (!b) acc.set(i, (b = { arrivals: 0, served: 0, called: 0, waitSum: 0, targetSum: 0, over: 0 }));
    return b;
  };
  for (const t of tickets) {
    if (t.day !== o.day) continue;
    get(at(t.issuedAt)).arrivals++;
    for (const step of t.steps) {
      if (step.calledAt !== null) {
        const wait = Math.max(0, (step.calledAt - waitingFrom({ ticket: t, step })) / 1000);
        const target = targets.get(step.serviceId) ?? 0;
        const b = get(at(step.calledAt));
        b.called++;
        b.waitSum += wait;
        b.targetSum += target;
        if (target > 0 && wait > target) b.over++;
      }
      if (step.status === 'done' && step.finishedAt !== null) get(at(step.finishedAt)).served++;
    }
  }
  const nowIdx = at(o.now);
  const firstActivity = acc.size > 0 ? Math.min(...acc.keys()) : Infinity;
  const openIdx = o.openMin === null || o.openMin === undefined ? Infinity : Math.floor(o.openMin / BUCKET_MIN);
  const first = Math.max(0, Math.min(firstActivity, openIdx));
  const last = Math.max(nowIdx, acc.size > 0 ? Math.max(...acc.keys()) : -Infinity);
  if (!Number.isFinite(first) || first > last) return [];
  const out: TodayBucket[] = [];
  for (let i = first; i <= last; i++) {
    const b = acc.get(i);
    const startMin = i * BUCKET_MIN;
    out.push({
      start: label(startMin), startMin,
      arrivals: b?.arrivals ?? 0, served: b?.served ?? 0, called: b?.called ?? 0,
      meanWaitSec: b && b.called > 0 ? Math.round(b.waitSum / b.called) : null,
      targetWaitSec: b && b.called > 0 ? Math.round(b.targetSum / b.called) : null,
      overTarget: b?.over ?? 0,
    });
  }
  return out;
}

/** The whole day's reference line: the call-weighted mean target, else the services' plain mean. */
export function dayTarget(buckets: TodayBucket[], targets: ReadonlyMap<string, number>): number {
  let calls = 0;
  let sum = 0;
  for (const b of buckets) if (b.targetWaitSec !== null) { calls += b.called; sum += b.targetWaitSec * b.called; }
  if (calls > 0) return Math.round(sum / calls);
  const all = [...targets.values()];
  return all.length ? Math.round(all.reduce((a, b) => a + b, 0) / all.length) : 0;
}

/** Scores 5 (非常满意) down to 1 (非常不满意), every level present even when nobody chose it. */
export function satisfactionDistribution(rows: { score: number; n: number }[]): { score: number; count: number }[] {
  const by = new Map(rows.map((r) => [r.score, r.n]));
  return [5, 4, 3, 2, 1].map((score) => ({ score, count: by.get(score) ?? 0 }));
}

