import { describe, expect, it } from 'vitest';
import { clerkTimeOption, dayHours, emptyRow, hourlyOption, ratingsOption } from './report-charts.ts';
import type { Report } from './types.ts';

const labels = { issued: '取号', served: '办件', waitMean: '平均等候', withinTarget: '目标内', serving: '办理', idle: '空闲', paused: '暂停', scores: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' } };
const row = (key: string, more: Partial<ReturnType<typeof emptyRow>> = {}) => ({ ...emptyRow(key, `${key.padStart(2, '0')}:00`), ...more });

describe('report charts', () => {
  it('draws the working hours without gaps, and leaves out the expiries at the daily reset', () => {
    const rows = [row('9', { issued: 4 }), row('11', { served: 2, waitMeanSec: 600 }), row('28', { expired: 3 })];
    expect(dayHours(rows).map((r) => r.name)).toEqual(['09:00', '10:00', '11:00']);
    const o = hourlyOption({ byHour: rows } as Report, labels) as any;
    expect(o.xAxis.data).toEqual(['09:00', '10:00', '11:00']);
    expect(o.series[0].data).toEqual([4, 0, 0]);
    expect(o.series[2].data).toEqual([null, null, 10]);
  });

  it('lists ratings from 非常满意 down and clerk time in hours', () => {
    const r = { totals: row('all', { ratings: [1, 2, 3, 4, 5] }), byClerk: [row('c1', { name: '张敏', servingSec: 5400, idleSec: 1800, pausedSec: 0 })] } as unknown as Report;
    const ratings = ratingsOption(r, labels) as any;
    expect(ratings.yAxis.data[0]).toBe('非常满意');
    expect(ratings.series[0].data.map((d: any) => d.value)).toEqual([5, 4, 3, 2, 1]);
    const time = clerkTimeOption(r, labels) as any;
    expect(time.series.map((s: any) => s.data[0])).toEqual([1.5, 0.5, 0]);
  });
});
