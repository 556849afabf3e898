import type { Scenario } from './scenario.ts';
import { DEFAULT_NO_SHOW_TIMEOUT_SEC } from './scenario.ts';
import type { Trace } from './trace.ts';
import { openIntervals } from './hall.ts';

/**
 * Checks a trace against its scenario's semantics (scenario.md): every step visited once and in
 * order, steps chained, services as long as the scenario says, windows skilled, open (or in
 * extended service for visitors who came before closing) and never serving two at once.
 * Returns the problems found; an empty list means the trace is consistent.
 */
export function auditTrace(sc: Scenario, trace: Trace): string[] {
  const problems: string[] = [];
  const eps = 1e-6;
  const timeout = sc.noShowTimeoutSec ?? DEFAULT_NO_SHOW_TIMEOUT_SEC;
  const windows = new Map(sc.windows.map((w) => [w.id, { def: w, open: openIntervals(w), busy: [] as Array<[number, number]> }]));
  const visits = new Map<string, Trace['visits']>();
  for (const v of trace.visits) (visits.get(v.ticket) ?? visits.set(v.ticket, []).get(v.ticket)!).push(v);
  for (const t of sc.tickets) {
    const steps = [{ service: t.service, serviceSec: t.serviceSec }, ...(t.next ?? [])];
    const vs = visits.get(t.id) ?? [];
    const bad = (msg: string) => problems.push(`${t.id}: ${msg}`);
    if (vs.length !== steps.length) { bad(`${vs.length} visits for ${steps.length} steps`); continue; }
    vs.forEach((v, k) => {
      if (v.step !== k || v.service !== steps[k].service || v.priority !== t.priority) bad(`visit ${k} does not match its step`);
      const expectedArrival = k === 0 ? t.arrival : vs[k - 1].outcome === 'done' ? vs[k - 1].finished : null;
      if ((expectedArrival === null) !== (v.arrival === null) || Math.abs((v.arrival ?? 0) - (expectedArrival ?? 0)) > 1e-3) bad(`step ${k} arrives at ${v.arrival}, expected ${expectedArrival}`);
      if (v.outcome === 'unserved') {
        if (v.called !== null || v.window !== null || v.finished !== null) bad(`step ${k} unserved but called`);
        return;
      }
      if (v.called === null || v.finished === null || v.window === null || v.arrival === null) return bad(`step ${k} ${v.outcome} without times`);
      if (v.called < v.arrival - eps) bad(`step ${k} called before it arrived`);
      const noShow = k === 0 && t.noShow === true;
      if ((v.outcome === 'no-show') !== noShow) bad(`step ${k} outcome ${v.outcome}`);
      const length = noShow ? timeout : steps[k].serviceSec;
      if (Math.abs(v.finished - v.called - length) > 1e-3) bad(`step ${k} lasts ${v.finished - v.called}, expected ${length}`);
      const w = windows.get(v.window);
      if (!w) return bad(`step ${k} at unknown window ${v.window}`);
      if (!w.def.skills.includes(v.service)) bad(`step ${k} (${v.service}) at unskilled ${v.window}`);
      const open = w.open.some(([a, b]) => v.called! >= a - eps && v.called! < b - eps);
      const extended = v.called >= w.def.closesAt - eps && t.arrival < w.def.closesAt;
      if (!open && !extended) bad(`step ${k} called at ${v.called} while ${v.window} was not open`);
      w.busy.push([v.called, v.finished]);
    });
  }
  for (const [id, w] of windows) {
    const busy = w.busy.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < busy.length; i++) if (busy[i][0] < busy[i - 1][1] - 1e-3) problems.push(`${id}: serves two visitors at ${busy[i][0]}`);
  }
  return problems;
}
