import type { WhatIfResult as WhatIfAnswer, WhatIfWindow } from '@onewindow/protocol';
import type { ScenarioWindow } from './scenario.ts';
import { whatIf, type WhatIfInput, type WhatIfResult } from './what-if.ts';

export type ReplayPhase = 'replaying' | 'what-if';

/**
 * The console's comparison of one finished day (protocol's WhatIfResult): what happened, the same
 * day replayed with its own staffing and the hall's policy (how far the simulation is from life),
 * and the day replayed "what if". The difference between the last two is what the change would
 * have done; the first two show how much to trust it. Pure: two runs of `whatIf`.
 */
export function compareDay(input: WhatIfInput & { hallPolicy: string }, progress: (phase: ReplayPhase, fraction: number) => void = () => {}): WhatIfAnswer {
  const { staffing, policy, hallPolicy, ...day } = input;
  const replayed = whatIf({ ...day, policy: hallPolicy, onProgress: (f) => progress('replaying', f) });
  const changed = whatIf({ ...day, staffing, policy: policy ?? hallPolicy, onProgress: (f) => progress('what-if', f) });
  const byHour = new Map(replayed.hours.map((h) => [h.hour, h]));
  const hours = changed.hours.map((h) => ({
    hour: h.hour, visits: h.visits, actual: h.actual, whatIf: h.whatIf,
    replayed: byHour.get(h.hour)?.whatIf ?? { meanSec: 0, maxSec: 0 },
  }));
  return {
    day: changed.day, policy: changed.policy, hours,
    actual: changed.actual, replayed: replayed.whatIf, whatIf: changed.whatIf, left: changed.left,
    windows: changed.scenario.windows.map((w) => windowPlan(w, changed.startMinutes)),
    targetSec: targetOf(changed),
  };
}

/** A scenario window back on the hall's clock ("HH:MM"). */
export function windowPlan(w: ScenarioWindow, startMinutes: number): WhatIfWindow {
  const clock = (sec: number) => {
    const min = Math.min(23 * 60 + 59, startMinutes + Math.round(sec / 60));
    return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  };
  return {
    id: w.id, skills: [...w.skills], opens: clock(w.opensAt), closes: clock(w.closesAt),
    ...(w.breaks?.length ? { breaks: w.breaks.map(([a, b]) => [clock(a), clock(b)] as [string, string]) } : {}),
  };
}

/** The services' target waits, weighted by the day's visits (every step that joined a queue). */
function targetOf(r: WhatIfResult): number {
  const target = new Map(r.scenario.services.map((s) => [s.id, s.targetWaitSec]));
  let sum = 0, n = 0;
  for (const t of r.scenario.tickets) {
    for (const step of [t.service, ...(t.next ?? []).map((x) => x.service)]) {
      sum += target.get(step) ?? 0;
      n++;
    }
  }
  return n ? Math.round(sum / n) : 0;
}
