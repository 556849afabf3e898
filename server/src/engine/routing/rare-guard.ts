import type { HallState } from '../types.ts';
import type { HallView, Scored } from './urgency.ts';

/**
 * One window stays ready for a rare matter while the common work still finds a window: a window
 * that can do a rare matter starts a common matter whose learned mean service is longer than half
 * the rare matter's target only if another window able to do the rare matter is in the hand-out
 * (ready, or the one asking) and not given a ticket in it. Otherwise it holds back for the rare
 * matter, but only while another ready window takes that common work: the hold ends as soon as
 * none could (assign.ts), so a clerk who asks is never kept idle with work waiting for nobody.
 * Quick common work (pickups, short social matters) is never held back: it keeps these windows'
 * load up. It reads only the hall's state now: the learned mean service time, never a ticket's own.
 *
 * `inHandOut` holds the windows of this hand-out; `out` those given a ticket or held back in it.
 */
export type Guard = (windowId: string, skills: readonly string[], c: Scored, out: ReadonlySet<string>) => boolean;

/** A common matter this long or longer (× the rare matter's target) waits for the other rare window. */
export const LONG_SHARE_OF_TARGET = 0.5;

export function rareGuard(s: HallState, v: HallView, inHandOut: ReadonlySet<string>): Guard {
  if (v.rare.size === 0) return () => true;
  const model = s.model.windows;
  return (windowId, skills, c, out) => skills.every((r) => !v.rare.has(r) || c.step.serviceId === r
    || c.meanSec <= LONG_SHARE_OF_TARGET * (v.targetSec.get(r) ?? 0)
    || model.some((d) => d.id !== windowId && d.skills.includes(r) && inHandOut.has(d.id) && !out.has(d.id)));
}
