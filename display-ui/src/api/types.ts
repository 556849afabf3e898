/** GET /api/stats/today: the shapes live in @onewindow/protocol. */
export type { TodayBucket, TodayStats } from '@onewindow/protocol';

export interface Me {
  kind: 'user' | 'device';
  user?: { id: string; username: string; name: string; role: 'admin' | 'supervisor' | 'clerk' | 'guide'; disabled: boolean; mustChangePassword?: boolean };
  device?: { id: string; kind: string; name: string; windowId: string | null; kioskId: string | null };
  windowId: string | null;
}
