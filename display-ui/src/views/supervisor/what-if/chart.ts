import { PALETTE } from '../../../lib/charts.ts';
import type { WhatIfResult } from '@onewindow/protocol';

/**
 * The hour-by-hour chart of a replay: the mean wait of the visitors who joined in each hour, as it
 * happened, as the simulator replays the day with its own staffing, and with the staffing tried.
 * Pure (labels come in), so the series are checked without a canvas.
 */
export interface WhatIfChartLabels { actual: string; replayed: string; whatIf: string; target: string; visits: string }

const axisText = { color: PALETTE.text, fontSize: 13 };
const minutes = (s: number) => Math.round(s / 6) / 10;

export function whatIfOption(r: WhatIfResult, l: WhatIfChartLabels) {
  const line = (name: string, color: string, pick: (h: WhatIfResult['hours'][number]) => number, dashed = false) => ({
    name, type: 'line', data: r.hours.map((h) => minutes(pick(h))), itemStyle: { color }, symbolSize: 7,
    lineStyle: { width: 3, type: dashed ? 'dashed' : 'solid' },
  });
  return {
    backgroundColor: 'transparent',
    textStyle: { color: PALETTE.text, fontFamily: 'Noto Sans CJK SC, sans-serif' },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}′` },
    legend: { top: 0, textStyle: { color: PALETTE.text } },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    animation: false,
    xAxis: { type: 'category', data: r.hours.map((h) => h.hour), axisLabel: axisText },
    yAxis: [
      { type: 'value', min: 0, axisLabel: { ...axisText, formatter: '{value}′' }, splitLine: { lineStyle: { color: PALETTE.grid } } },
      { type: 'value', min: 0, minInterval: 1, axisLabel: axisText, splitLine: { show: false } },
    ],
    series: [
      { name: l.visits, type: 'bar', yAxisIndex: 1, data: r.hours.map((h) => h.visits), itemStyle: { color: 'rgba(91,155,255,0.28)' }, barWidth: '55%' },
      line(l.actual, PALETTE.wait, (h) => h.actual.meanSec),
      line(l.replayed, '#9aa7c2', (h) => h.replayed.meanSec, true),
      line(l.whatIf, PALETTE.scores[5], (h) => h.whatIf.meanSec),
      {
        name: l.target, type: 'line', data: r.hours.map(() => minutes(r.targetSec)), symbol: 'none',
        lineStyle: { color: PALETTE.target, type: 'dotted', width: 2 }, itemStyle: { color: PALETTE.target },
      },
    ],
  };
}
