import type { ReportRow } from '@onewindow/protocol';
import type { OutcomeName, TimeKind } from './types.ts';

export type { ReportRow };

/** Accumulates the facts of one row; `row()` turns them into figures. */
export class RowAcc {
  issued = 0;
  called = 0;
  served = 0;
  noShows = 0;
  transfers = 0;
  cancelled = 0;
  expired = 0;
  outcomes: Record<OutcomeName, number> = { done: 0, incomplete: 0, referred: 0 };
  waits: number[] = [];
  targetBase = 0;
  withinTarget = 0;
  serviceSum = 0;
  serviceN = 0;
  time: Record<TimeKind, number> = { idle: 0, serving: 0, paused: 0 };
  ratings = [0, 0, 0, 0, 0];

  constructor(readonly key: string, readonly name: string) {}

  row(opts: { issued: boolean; time: boolean }): ReportRow {
    const waits = [...this.waits].sort((a, b) => a - b);
    const n = waits.length;
    const rated = this.ratings.reduce((a, b) => a + b, 0);
    return {
      key: this.key, name: this.name, issued: opts.issued ? this.issued : null,
      called: this.called, served: this.served, noShows: this.noShows, transfers: this.transfers,
      cancelled: this.cancelled, expired: this.expired, outcomes: { ...this.outcomes },
      waitMeanSec: n ? sec(waits.reduce((a, b) => a + b, 0) / n) : null,
      waitP90Sec: n ? sec(p90(waits)) : null,
      waitMaxSec: n ? sec(waits[n - 1]) : null,
      targetBase: this.targetBase, withinTarget: this.withinTarget,
      withinTargetShare: this.targetBase ? share(this.withinTarget / this.targetBase) : null,
      serviceMeanSec: this.serviceN ? sec(this.serviceSum / this.serviceN) : null,
      idleSec: opts.time ? sec(this.time.idle / 1000) : null,
      servingSec: opts.time ? sec(this.time.serving / 1000) : null,
      pausedSec: opts.time ? sec(this.time.paused / 1000) : null,
      ratings: [...this.ratings], rated,
      satisfaction: rated ? share((this.ratings[3] + this.ratings[4]) / rated) : null,
      badReviews: this.ratings[0] + this.ratings[1],
    };
  }
}

/** Nearest-rank 90th percentile of sorted values (as the simulator's metrics compute it). */
export function p90(sorted: readonly number[]): number {
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}

/** Seconds to one decimal. */
export const sec = (x: number) => Math.round(x * 10) / 10;
/** Shares to four decimals. */
export const share = (x: number) => Math.round(x * 10_000) / 10_000;

/** "09:00" for hour 9; hours after midnight keep counting ("25:00" is 01:00 the next morning). */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
