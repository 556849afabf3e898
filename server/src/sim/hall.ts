import type { HallModel } from '../engine/index.ts';
import type { Scenario, ScenarioWindow } from './scenario.ts';
import { ms } from './trace.ts';
import type { ClerkModel } from './clerks.ts';

/**
 * The hall rules a scenario does not state. The green streak cap follows the default hall.yaml;
 * a booked visitor may be called from five minutes before the slot (the engine's appointment lead).
 */
export interface SimOptions {
  greenStreakCap: number;
  appointmentLeadSec: number;
  /** Record the engine's estimated wait at issue (costs a little time per ticket). */
  estimates: boolean;
  /** How clerks ask for their next visitor; omitted: the scenario's own (`clerks`), else instant. */
  clerks?: ClerkModel;
  /** Told the share of arrivals played so far (0…1), a few dozen times a day: a long replay shows progress. */
  onProgress?: (fraction: number) => void;
}
export const DEFAULT_SIM_OPTIONS: SimOptions = { greenStreakCap: 2, appointmentLeadSec: 300, estimates: true };

export function hallModel(sc: Scenario, opts: SimOptions): HallModel {
  return {
    services: sc.services.map((s) => ({ id: s.id, name: s.name, prefix: s.prefix, targetWaitSec: s.targetWaitSec })),
    windows: sc.windows.map((w) => ({ id: w.id, name: w.id, skills: [...w.skills] })),
    greenStreakCap: opts.greenStreakCap,
    appointmentLeadSec: opts.appointmentLeadSec,
  };
}

/** A window's open hours in seconds: opensAt..closesAt less its breaks (merged, clipped). */
export function openIntervals(w: ScenarioWindow): Array<[number, number]> {
  const breaks = [...(w.breaks ?? [])]
    .map(([a, b]) => [Math.max(a, w.opensAt), Math.min(b, w.closesAt)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  let from = w.opensAt;
  for (const [a, b] of breaks) {
    if (a > from) out.push([from, a]);
    from = Math.max(from, b);
  }
  if (w.closesAt > from) out.push([from, w.closesAt]);
  return out;
}

/** The moments a window goes up (sign in or resume) and down (pause or close), in milliseconds. */
export interface ShiftChange {
  at: number;
  windowId: string;
  up: boolean;
}
export function shiftChanges(sc: Scenario): ShiftChange[] {
  const out: ShiftChange[] = [];
  for (const w of sc.windows) {
    for (const [a, b] of openIntervals(w)) {
      out.push({ at: ms(a), windowId: w.id, up: true }, { at: ms(b), windowId: w.id, up: false });
    }
  }
  // At one instant a window goes down before another comes up; windows by id.
  return out.sort((x, y) => x.at - y.at || Number(x.up) - Number(y.up) || cmp(x.windowId, y.windowId));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
