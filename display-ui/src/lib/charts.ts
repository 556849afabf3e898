import type { TodayStats } from '../api/types.ts';

/**
 * ECharts options for the supervisors' charts, built from GET /api/stats/today. Pure: labels and
 * colours are passed in, so the options can be checked without a canvas.
 */
export interface ChartLabels {
  arrivals: string;
  served: string;
  meanWait: string;
  target: string;
  minutes: string;
  people: string;
  scores: Record<number, string>;
}

export const PALETTE = {
  text: '#c9d4ea', grid: 'rgba(201,212,234,0.14)', arrivals: '#5b9bff', served: '#f2c14e',
  wait: '#ff8a5b', target: '#e5484d', scores: { 5: '#2fbf71', 4: '#8bd17c', 3: '#f2c14e', 2: '#ff8a5b', 1: '#e5484d' } as Record<number, string>,
};

const hhmm = (min: number) => {
  const m = ((min % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** The time axis: every quarter-hour from the first bucket to closing (or the last bucket, if later). */
export function timeAxis(s: TodayStats): { labels: string[]; index: Map<number, number> } {
  if (s.buckets.length === 0) return { labels: [], index: new Map() };
  const first = s.buckets[0].startMin;
  const lastBucket = s.buckets[s.buckets.length - 1].startMin;
  const end = Math.max(lastBucket, s.closeMin !== null ? s.closeMin - s.bucketMin : lastBucket);
  const labels: string[] = [];
  const index = new Map<number, number>();
  for (let m = first, i = 0; m <= end; m += s.bucketMin, i++) {
    labels.push(hhmm(m));
    index.set(m, i);
  }
  return { labels, index };
}

/** Values on the axis; quarter-hours still to come stay empty rather than zero. */
function series(s: TodayStats, axis: ReturnType<typeof timeAxis>, pick: (b: TodayStats['buckets'][number]) => number | null): (number | null)[] {
  const out: (number | null)[] = axis.labels.map(() => null);
  for (const b of s.buckets) {
    const i = axis.index.get(b.startMin);
    if (i !== undefined) out[i] = pick(b);
  }
  return out;
}

const base = (labels: string[]) => ({
  animation: false,
  textStyle: { color: PALETTE.text, fontFamily: 'inherit', fontSize: 14 },
  grid: { left: 44, right: 16, top: 36, bottom: 28 },
  tooltip: { trigger: 'axis' },
  legend: { top: 0, right: 0, textStyle: { color: PALETTE.text }, itemWidth: 14, itemHeight: 10 },
  xAxis: { type: 'category', data: labels, axisLabel: { color: PALETTE.text, interval: 3, fontSize: 13 }, axisLine: { lineStyle: { color: PALETTE.grid } } },
});
const yAxis = (name: string) => ({ type: 'value', name, minInterval: 1, nameTextStyle: { color: PALETTE.text, align: 'left' }, axisLabel: { color: PALETTE.text, fontSize: 13 }, splitLine: { lineStyle: { color: PALETTE.grid } } });

export function flowOption(s: TodayStats, l: ChartLabels) {
  const axis = timeAxis(s);
  return {
    ...base(axis.labels),
    yAxis: yAxis(l.people),
    series: [
      { name: l.arrivals, type: 'bar', data: series(s, axis, (b) => b.arrivals), itemStyle: { color: PALETTE.arrivals }, barGap: '10%' },
      { name: l.served, type: 'bar', data: series(s, axis, (b) => b.served), itemStyle: { color: PALETTE.served } },
    ],
  };
}

export function waitOption(s: TodayStats, l: ChartLabels) {
  const axis = timeAxis(s);
  const min = (sec: number | null) => (sec === null ? null : Math.round(sec / 6) / 10);
  const target = min(s.targetWaitSec);
  return {
    ...base(axis.labels),
    yAxis: { ...yAxis(l.minutes), minInterval: undefined, max: (v: { max: number }) => Math.ceil(Math.max(v.max, (target ?? 0) * 1.15) / 5) * 5 },
    series: [
      { name: l.meanWait, type: 'line', data: series(s, axis, (b) => min(b.meanWaitSec)), connectNulls: true, smooth: false, symbolSize: 6, lineStyle: { width: 3, color: PALETTE.wait }, itemStyle: { color: PALETTE.wait } },
      { name: l.target, type: 'line', data: axis.labels.map(() => target), symbol: 'none', lineStyle: { type: 'dashed', width: 2, color: PALETTE.target }, itemStyle: { color: PALETTE.target } },
    ],
  };
}

export function satisfactionOption(s: TodayStats, l: ChartLabels) {
  const rows = [...s.satisfaction].sort((a, b) => a.score - b.score);
  return {
    animation: false,
    textStyle: { color: PALETTE.text, fontFamily: 'inherit', fontSize: 14 },
    grid: { left: 100, right: 44, top: 12, bottom: 20 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: PALETTE.text }, splitLine: { lineStyle: { color: PALETTE.grid } } },
    yAxis: { type: 'category', data: rows.map((r) => l.scores[r.score] ?? String(r.score)), axisLabel: { color: PALETTE.text, fontSize: 14 }, axisLine: { lineStyle: { color: PALETTE.grid } } },
    series: [{
      type: 'bar', data: rows.map((r) => ({ value: r.count, itemStyle: { color: PALETTE.scores[r.score] } })),
      label: { show: true, position: 'right', color: PALETTE.text, fontSize: 14 }, barMaxWidth: 26,
    }],
  };
}

/** Share of ratings 4–5 (满意率), or null without ratings. */
export function satisfiedShare(s: TodayStats): number | null {
  const total = s.satisfaction.reduce((n, r) => n + r.count, 0);
  if (total === 0) return null;
  return s.satisfaction.filter((r) => r.score >= 4).reduce((n, r) => n + r.count, 0) / total;
}
