import { describe, expect, it } from 'vitest';
import type { TodayStats } from '../api/types.ts';
import { flowOption, satisfactionOption, satisfiedShare, timeAxis, waitOption, type ChartLabels } from './charts.ts';

const labels: ChartLabels = { arrivals: '取号', served: '办件', meanWait: '平均等候', target: '目标', minutes: '分钟', people: '人', scores: { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' } };
const bucket = (startMin: number, arrivals: number, meanWaitSec: number | null) => ({
  start: '', startMin, arrivals, served: 1, called: 1, meanWaitSec, targetWaitSec: meanWaitSec === null ? null : 900, overTarget: 0,
});
const stats: TodayStats = {
  day: '2026-11-23', now: '', bucketMin: 15, openMin: 540, closeMin: 600, targetWaitSec: 900,
  buckets: [bucket(540, 3, 600), bucket(555, 5, null)],
  satisfaction: [{ score: 5, count: 6 }, { score: 4, count: 2 }, { score: 3, count: 1 }, { score: 2, count: 1 }, { score: 1, count: 0 }],
};

describe('chart options', () => {
  it('spans the axis to closing, leaving quarter-hours to come empty', () => {
    expect(timeAxis(stats).labels).toEqual(['09:00', '09:15', '09:30', '09:45']);
    const o = flowOption(stats, labels);
    expect(o.series[0]).toMatchObject({ name: '取号', type: 'bar', data: [3, 5, null, null] });
    expect(o.series[1].data).toEqual([1, 1, null, null]);
  });

  it('draws the mean wait in minutes against a flat target line', () => {
    const o = waitOption(stats, labels);
    expect(o.series[0].data).toEqual([10, null, null, null]);
    expect(o.series[1].data).toEqual([15, 15, 15, 15]);
  });

  it('lists satisfaction from worst to best, and the share of satisfied ratings', () => {
    const o = satisfactionOption(stats, labels);
    expect(o.yAxis.data).toEqual(['非常不满意', '不满意', '基本满意', '满意', '非常满意']);
    expect(o.series[0].data.map((d) => d.value)).toEqual([0, 1, 1, 2, 6]);
    expect(satisfiedShare(stats)).toBe(0.8);
    expect(satisfiedShare({ ...stats, satisfaction: [] })).toBeNull();
  });

  it('has no axis before anything happened today', () => {
    expect(timeAxis({ ...stats, buckets: [] }).labels).toEqual([]);
  });
});
