/** GET /api/stats/today: the shapes live in @onewindow/protocol. */
export type { TodayBucket, TodayStats } from '@onewindow/protocol';

