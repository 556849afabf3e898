import { Type, type Static } from 'typebox';
import { Nullable } from './schemas.ts';

/** GET /api/stats/today: today in quarter-hours, for the supervisors' charts. */

/** One quarter-hour of today. */
export const TodayBucket = Type.Object({
  start: Type.String({ description: 'local time the quarter-hour starts, "HH:MM"' }),
  startMin: Type.Integer({ description: 'minutes since the business day\'s local midnight (past 1440 after midnight)' }),
  arrivals: Type.Integer({ minimum: 0, description: 'tickets issued' }),
  served: Type.Integer({ minimum: 0, description: 'steps finished at a window (status done, whatever the outcome)' }),
  called: Type.Integer({ minimum: 0, description: 'steps called (first call; recalls do not count)' }),
  meanWaitSec: Nullable(Type.Integer({ minimum: 0, description: 'mean wait of the steps called in the quarter-hour, from joining the queue to the call' })),
  targetWaitSec: Nullable(Type.Integer({ minimum: 0, description: 'mean of those steps\' own service targets: what the mean wait compares with' })),
  overTarget: Type.Integer({ minimum: 0, description: 'steps called after waiting longer than their service\'s target' }),
});

export const TodayStats = Type.Object({
  day: Type.String(),
  now: Type.String(),
  bucketMin: Type.Integer(),
  openMin: Nullable(Type.Integer({ description: 'today\'s opening, minutes since local midnight; null on a closed day' })),
  closeMin: Nullable(Type.Integer({ description: 'today\'s closing, minutes since local midnight' })),
  targetWaitSec: Type.Integer({ description: 'the day\'s reference line: the call-weighted mean target' }),
  buckets: Type.Array(TodayBucket),
  satisfaction: Type.Array(Type.Object({ score: Type.Integer({ minimum: 1, maximum: 5 }), count: Type.Integer({ minimum: 0 }) })),
});

export type TodayBucket = Static<typeof TodayBucket>;
export type TodayStats = Static<typeof TodayStats>;
