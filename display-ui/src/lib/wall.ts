import type { ServiceView, TicketView, WindowView } from '@onewindow/protocol';
import { secondsBetween } from './duration.ts';
import { waitLevel, worst, type WaitLevel } from './wait-level.ts';

/** The supervisors' wall, row by row: figures that keep ticking between socket messages. */
export interface ServiceRow {
  id: string;
  name: string;
  nameEn?: string;
  prefix: string;
  waiting: number;
  longestWaitSec: number;
  estimatedWaitSec: number;
  targetWaitSec: number;
  openWindows: number;
  longestLevel: WaitLevel;
  estimateLevel: WaitLevel;
  level: WaitLevel;
}

/** When a waiting ticket's current matter started waiting: a booking counts from its slot. */
export function waitingSince(t: TicketView): number {
  const step = t.steps?.[t.steps.length - 1];
  const queued = Date.parse(step?.queuedAt ?? t.issuedAt);
  const booked = t.appointmentAt !== null && (t.steps?.length ?? 1) === 1;
  return booked ? Math.max(queued, Date.parse(t.appointmentAt!)) : queued;
}

/**
 * Per service: the longest wait now, from the staff feed's tickets (so it grows by the second),
 * or the server's figure when no tickets are known; coloured against the target.
 */
export function serviceRows(services: ServiceView[], tickets: TicketView[] | null, now: number): ServiceRow[] {
  const oldest = new Map<string, number>();
  for (const t of tickets ?? []) {
    if (t.status !== 'waiting') continue;
    const from = waitingSince(t);
    oldest.set(t.serviceId, Math.min(oldest.get(t.serviceId) ?? Infinity, from));
  }
  return services.map((s) => {
    const from = oldest.get(s.id);
    const longest = s.waiting === 0 ? 0 : from !== undefined ? secondsBetween(from, now) : s.longestWaitSec;
    const longestLevel = waitLevel(longest, s.targetWaitSec, s.waiting);
    const estimateLevel = waitLevel(s.estimatedWaitSec, s.targetWaitSec, 1);
    return {
      id: s.id, name: s.name, ...(s.nameEn ? { nameEn: s.nameEn } : {}), prefix: s.prefix, waiting: s.waiting,
      longestWaitSec: longest, estimatedWaitSec: s.estimatedWaitSec, targetWaitSec: s.targetWaitSec, openWindows: s.openWindows,
      longestLevel, estimateLevel, level: worst(longestLevel, estimateLevel),
    };
  });
}

export interface WindowRow {
  id: string;
  name: string;
  nameEn?: string;
  phase: WindowView['phase'];
  clerk: string | null;
  number: string | null;
  green: boolean;
  /** How long the window has been in this phase. */
  forSec: number;
  /** When that phase began, ISO. */
  since: string | null;
  reason: string | null;
  servedToday: number;
  held: string[];
}

export function windowRows(windows: WindowView[], now: number): WindowRow[] {
  return windows.map((w) => {
    const t = w.currentTicket;
    const since = w.phase === 'calling' ? t?.calledAt ?? w.since
      : w.phase === 'serving' ? t?.startedAt ?? t?.calledAt ?? w.since
      : w.phase === 'idle' ? w.freeSince : w.since;
    return {
      id: w.id, name: w.name, ...(w.nameEn ? { nameEn: w.nameEn } : {}), phase: w.phase, clerk: w.clerk?.name ?? null, number: t?.number ?? null,
      green: t?.priority === 'green', forSec: secondsBetween(since, now), since: since ?? null,
      reason: w.phase === 'paused' ? w.pauseReason : null, servedToday: w.servedToday, held: w.held.map((h) => h.number),
    };
  });
}

export interface WallTotals { waiting: number; openWindows: number; busyWindows: number; servedToday: number; overTarget: number }

export function wallTotals(rows: ServiceRow[], windows: WindowView[]): WallTotals {
  return {
    waiting: rows.reduce((n, r) => n + r.waiting, 0),
    openWindows: windows.filter((w) => w.status !== 'closed').length,
    busyWindows: windows.filter((w) => w.phase === 'calling' || w.phase === 'serving').length,
    servedToday: windows.reduce((n, w) => n + w.servedToday, 0),
    overTarget: rows.filter((r) => r.longestLevel === 'over').length,
  };
}
