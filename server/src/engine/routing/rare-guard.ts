import type { HallState } from '../types.ts';
import type { HallView, Scored } from './urgency.ts';

/**
 * One window at a time stays ready for a rare matter. A window that can do a rare matter may start
 * a common matter whose learned mean service is longer than half the rare matter's target only if
 * another window able to do the rare matter is open, idle and not being handed a ticket at this
 * moment. So one of the rare windows works normally while the one left takes only rare, green,
 * booked and quick common work, and a rare visitor who comes meanwhile is not stuck behind an hour
 * of common work at both windows (the benchmark's rare day before this guard).
 * Quick common work (pickups, short social matters) is never refused: it keeps these windows' load
 * up, and assign.ts lets them take quick tickets like the other windows (least busy today first).
 * Keeping both rare windows off long work instead starved them: the load spread goal failed.
 *
 * `starting` holds the windows already given a ticket in this hand-out. It reads only the hall's
 * state now: the learned mean service time, never a ticket's own.
 */
export type Guard = (windowId: string, skills: readonly string[], c: Scored, starting: ReadonlySet<string>) => boolean;

/** A common matter this long or longer (× the rare matter's target) waits for the other rare window. */
export const LONG_SHARE_OF_TARGET = 0.5;

export function rareGuard(s: HallState, v: HallView): Guard {
  if (v.rare.size === 0) return () => true;
  const ready = (id: string, starting: ReadonlySet<string>) => {
    const w = s.windows.get(id);
    return w !== undefined && w.status === 'open' && w.currentTicketId === null && !starting.has(id);
  };
  return (windowId, skills, c, starting) => skills.every((r) => !v.rare.has(r) || c.step.serviceId === r
    || c.meanSec <= LONG_SHARE_OF_TARGET * (v.targetSec.get(r) ?? 0)
    || s.model.windows.some((d) => d.id !== windowId && d.skills.includes(r) && ready(d.id, starting)));
}
