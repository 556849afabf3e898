import type { EngineEvent, HallModel } from '../engine/index.ts';
import { DEFAULT_POLICY } from '../engine/index.ts';
import type { Scenario, ScenarioWindow } from './scenario.ts';
import { scenarioFromLog } from './from-log.ts';
import { simulate } from './simulator.ts';
import { computeMetrics } from './metrics.ts';
import type { ClerkModel } from './clerks.ts';

/**
 * What if: a finished day's real visitors replayed through the simulator with another staffing
 * (windows, skills, hours, breaks) or another policy, side by side with what happened, hour by
 * hour of arrival. Pure: the events and the hall come in (repositories/day-log.repository.ts
 * reads them from the hall's SQLite file), the comparison goes out. The supervisors' console
 * calls `whatIf`; so does `npm run simulate -- --from-log DATE`.
 */
export interface StaffingOverride {
  /** Replace the day's staffing with these windows (times "HH:MM" of the hall's clock, or seconds of the day). */
  windows?: WindowPlan[];
  /** Open these windows as well (or from another time), with their configured skills unless given, until the day's last closing. */
  open?: Array<{ windowId: string; at: string; skills?: string[] }>;
}
export interface WindowPlan { id: string; skills?: string[]; opens: string; closes: string; breaks?: Array<[string, string]> }

export interface HourRow {
  /** Local clock, "09:00": visitors whose matter joined the queue in this hour. */
  hour: string;
  visits: number;
  actual: { meanSec: number; maxSec: number };
  whatIf: { meanSec: number; maxSec: number };
}
export interface WhatIfResult {
  day: string;
  policy: string;
  hours: HourRow[];
  actual: { visits: number; meanSec: number; p90Sec: number; maxSec: number };
  whatIf: { visits: number; meanSec: number; p90Sec: number; maxSec: number; unserved: number };
  /** Visitors of the log the replay leaves out (left before their call), and visits cut short. */
  left: { neverCalled: number; unfinished: number };
  scenario: Scenario;
  /** Minutes since local midnight of the scenario's t = 0: its seconds are the hall's clock from there. */
  startMinutes: number;
}

export interface WhatIfInput {
  day: string;
  events: readonly EngineEvent[];
  model: HallModel;
  /** Minutes since local midnight of an epoch ms (the hall's time zone): engine/day.ts localClock. */
  clock: (ms: number) => { minutes: number };
  staffing?: StaffingOverride;
  policy?: string;
  clerks?: ClerkModel;
  /** Told the share of the day replayed (0…1) as the simulator goes. */
  onProgress?: (fraction: number) => void;
}

export function whatIf(input: WhatIfInput): WhatIfResult {
  const first = input.events.find((e) => e.type !== 'day.started')?.at ?? 0;
  const minutes = input.clock(first).minutes;
  // t = 0 at the whole hour the day's first event falls in: hours of the scenario are hours of the clock.
  const origin = first - ((minutes % 60) * 60_000 + (first % 60_000));
  const startMinutes = minutes - (minutes % 60);
  const log = scenarioFromLog(input.events, input.model, `log-${input.day}`, origin);
  const scenario = { ...log.scenario, windows: staffed(log.scenario, input.model, input.staffing, startMinutes) };
  const policy = input.policy ?? DEFAULT_POLICY;
  const trace = simulate(scenario, policy, { estimates: false, clerks: input.clerks, onProgress: input.onProgress });
  const metrics = computeMetrics(scenario, trace);
  const hourOf = (sec: number) => Math.floor((startMinutes * 60 + sec) / 3600);
  const rows = new Map<number, { actual: number[]; whatIf: number[] }>();
  const row = (h: number) => rows.get(h) ?? rows.set(h, { actual: [], whatIf: [] }).get(h)!;
  const actualWaits: number[] = [];
  for (const steps of log.actual.values()) for (const x of steps) (row(hourOf(x.arrival)).actual.push(x.wait), actualWaits.push(x.wait));
  const slots = new Map(scenario.tickets.map((t) => [t.id, t.appointmentAt]));
  for (const v of trace.visits) {
    if (v.arrival === null || v.called === null) continue;
    const slot = v.step === 0 ? slots.get(v.ticket) : undefined;
    row(hourOf(v.arrival)).whatIf.push(Math.max(0, v.called - (slot === undefined ? v.arrival : Math.max(v.arrival, slot))));
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  const sorted = actualWaits.sort((a, b) => a - b);
  return {
    day: input.day, policy,
    hours: [...rows].sort(([a], [b]) => a - b).map(([h, r]) => ({
      hour: hh(h), visits: r.actual.length,
      actual: { meanSec: Math.round(mean(r.actual)), maxSec: Math.round(max(r.actual)) },
      whatIf: { meanSec: Math.round(mean(r.whatIf)), maxSec: Math.round(max(r.whatIf)) },
    })),
    actual: { visits: sorted.length, meanSec: Math.round(mean(sorted)), p90Sec: Math.round(sorted.length ? sorted[Math.ceil(0.9 * sorted.length) - 1] : 0), maxSec: Math.round(max(sorted)) },
    whatIf: { visits: metrics.overall.called, meanSec: Math.round(metrics.overall.mean), p90Sec: Math.round(metrics.overall.p90), maxSec: Math.round(metrics.overall.max), unserved: metrics.unserved },
    left: log.left,
    scenario,
    startMinutes,
  };
}

/** "HH:MM" of the hall's clock (or seconds of the day as a number string) → seconds of the scenario. */
export function clockSec(text: string, startMinutes: number): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a time of day (HH:MM)`);
  return Math.max(0, (Number(m[1]) * 60 + Number(m[2]) - startMinutes) * 60);
}

function staffed(sc: Scenario, model: HallModel, o: StaffingOverride | undefined, startMinutes: number): ScenarioWindow[] {
  if (!o) return sc.windows;
  const skillsOf = (id: string) => {
    const def = model.windows.find((w) => w.id === id);
    if (!def) throw new Error(`no window ${id} in this hall`);
    return [...def.skills];
  };
  const services = new Set(sc.services.map((x) => x.id));
  const known = (skills: string[]) => skills.filter((k) => services.has(k));
  let windows: ScenarioWindow[] = o.windows
    ? o.windows.map((w) => ({
      id: w.id, skills: known(w.skills ?? skillsOf(w.id)), opensAt: clockSec(w.opens, startMinutes), closesAt: clockSec(w.closes, startMinutes),
      ...(w.breaks?.length ? { breaks: w.breaks.map(([a, b]) => [clockSec(a, startMinutes), clockSec(b, startMinutes)] as [number, number]) } : {}),
    }))
    : [...sc.windows];
  const lastClose = Math.max(0, ...windows.map((w) => w.closesAt));
  for (const x of o.open ?? []) {
    const at = clockSec(x.at, startMinutes);
    windows = windows.filter((w) => w.id !== x.windowId);
    windows.push({ id: x.windowId, skills: known(x.skills ?? skillsOf(x.windowId)), opensAt: at, closesAt: Math.max(at, lastClose) });
  }
  return windows.filter((w) => w.skills.length > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
}
