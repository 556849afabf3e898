import { PALETTE } from '../../../lib/charts.ts';
import type { Report, ReportRow } from './types.ts';

/**
 * ECharts options for the report page, from a report. Pure: labels come in, so the options can be
 * checked without a canvas.
 */
export interface ReportChartLabels {
  issued: string;
  served: string;
  waitMean: string;
  withinTarget: string;
  serving: string;
  idle: string;
  paused: string;
  scores: Record<number, string>;
}

const axisText = { color: PALETTE.text, fontSize: 13 };
const splitLine = { lineStyle: { color: PALETTE.grid } };
const base = {
  backgroundColor: 'transparent',
  textStyle: { color: PALETTE.text, fontFamily: 'Noto Sans CJK SC, sans-serif' },
  tooltip: { trigger: 'axis' },
  legend: { top: 0, textStyle: { color: PALETTE.text } },
  grid: { left: 48, right: 52, top: 36, bottom: 28 },
  animation: false,
};

/**
 * Hours of the working day, without gaps: from the first to the last hour before midnight that has
 * figures. Hours after midnight (tickets expiring at the daily reset) are not part of the day's curve.
 */
export function dayHours(rows: readonly ReportRow[]): ReportRow[] {
  const byHour = new Map(rows.map((r) => [Number(r.key), r]));
  const daytime = [...byHour.keys()].filter((h) => h < 24 && busy(byHour.get(h)!));
  if (daytime.length === 0) return [];
  const out: ReportRow[] = [];
  for (let h = Math.min(...daytime); h <= Math.max(...daytime); h++) out.push(byHour.get(h) ?? emptyRow(String(h), `${String(h).padStart(2, '0')}:00`));
  return out;
}

function busy(r: ReportRow): boolean {
  return (r.issued ?? 0) + r.called + r.served + r.rated > 0 || (r.servingSec ?? 0) + (r.idleSec ?? 0) > 0;
}

export function emptyRow(key: string, name: string): ReportRow {
  return {
    key, name, issued: 0, called: 0, served: 0, noShows: 0, transfers: 0, cancelled: 0, expired: 0, outcomes: { done: 0, incomplete: 0, referred: 0 },
    waitMeanSec: null, waitP90Sec: null, waitMaxSec: null, targetBase: 0, withinTarget: 0, withinTargetShare: null, serviceMeanSec: null,
    idleSec: 0, servingSec: 0, pausedSec: 0, ratings: [0, 0, 0, 0, 0], rated: 0, satisfaction: null, badReviews: 0,
  };
}

const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export function hourlyOption(r: Report, l: ReportChartLabels) {
  const rows = dayHours(r.byHour);
  return {
    ...base,
    xAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: axisText },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
      { type: 'value', axisLabel: { ...axisText, formatter: '{value}′' }, splitLine: { show: false } },
    ],
    series: [
      { name: l.issued, type: 'bar', data: rows.map((x) => x.issued ?? 0), itemStyle: { color: PALETTE.arrivals }, barGap: '10%' },
      { name: l.served, type: 'bar', data: rows.map((x) => x.served), itemStyle: { color: PALETTE.served } },
      { name: l.waitMean, type: 'line', yAxisIndex: 1, data: rows.map((x) => minutes(x.waitMeanSec)), itemStyle: { color: PALETTE.wait }, connectNulls: true, symbolSize: 7 },
    ],
  };
}

export function servicesOption(r: Report, l: ReportChartLabels) {
  const rows = r.byService;
  return {
    ...base,
    grid: { ...base.grid, bottom: rows.length > 4 ? 64 : 28 },
    // Service names are long: all shown, tilted when there are many.
    xAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: { ...axisText, interval: 0, rotate: rows.length > 4 ? 30 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: l.served, type: 'bar', data: rows.map((x) => x.served), itemStyle: { color: PALETTE.served } },
      { name: l.withinTarget, type: 'line', yAxisIndex: 1, data: rows.map((x) => pct(x.withinTargetShare)), itemStyle: { color: PALETTE.scores[5] }, symbolSize: 8 },
    ],
  };
}

export function ratingsOption(r: Report, l: ReportChartLabels) {
  const levels = [5, 4, 3, 2, 1];
  return {
    ...base,
    tooltip: { trigger: 'item' },
    legend: { show: false },
    grid: { left: 96, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    yAxis: { type: 'category', inverse: true, data: levels.map((s) => l.scores[s]), axisLabel: axisText },
    series: [{
      type: 'bar', label: { show: true, position: 'right', color: PALETTE.text },
      data: levels.map((s) => ({ value: r.totals.ratings[s - 1], itemStyle: { color: PALETTE.scores[s] } })),
    }],
  };
}

export function clerkTimeOption(r: Report, l: ReportChartLabels) {
  const rows = r.byClerk;
  const h = (s: number | null) => Math.round(((s ?? 0) / 3600) * 100) / 100;
  const bar = (name: string, color: string, pick: (x: typeof rows[number]) => number | null) =>
    ({ name, type: 'bar', stack: 'time', data: rows.map((x) => h(pick(x))), itemStyle: { color } });
  return {
    ...base,
    grid: { left: 96, right: 24, top: 36, bottom: 24 },
    xAxis: { type: 'value', axisLabel: axisText, splitLine },
    yAxis: { type: 'category', inverse: true, data: rows.map((x) => x.name), axisLabel: axisText },
    series: [bar(l.serving, PALETTE.served, (x) => x.servingSec), bar(l.idle, PALETTE.arrivals, (x) => x.idleSec), bar(l.paused, '#7d8aa8', (x) => x.pausedSec)],
  };
}
