/**
 * GET /api/stats/today (server/src/routes/api/stats.routes.ts). Mirrored here because the UI
 * takes types only from @onewindow/protocol; the lead may move the schema there.
 */
export interface TodayBucket {
  start: string;
  startMin: number;
  arrivals: number;
  served: number;
  called: number;
  meanWaitSec: number | null;
  targetWaitSec: number | null;
  overTarget: number;
}

export interface TodayStats {
  day: string;
  now: string;
  bucketMin: number;
  openMin: number | null;
  closeMin: number | null;
  targetWaitSec: number;
  buckets: TodayBucket[];
  satisfaction: { score: number; count: number }[];
}

export interface Me {
  kind: 'user' | 'device';
  user?: { id: string; username: string; name: string; role: 'admin' | 'supervisor' | 'clerk' | 'guide'; disabled: boolean };
  device?: { id: string; kind: string; name: string; windowId: string | null; kioskId: string | null };
  windowId: string | null;
}
