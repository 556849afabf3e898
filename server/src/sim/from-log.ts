import type { EngineEvent, HallModel, Ticket } from '../engine/index.ts';
import type { Scenario, ScenarioTicket, ScenarioWindow } from './scenario.ts';
import { SCENARIO_FORMAT } from './scenario.ts';

/**
 * A finished day's event log (the engine's events as the hall stored them) as a scenario: the
 * real arrivals, matters, green channel and bookings, each visit's observed service time (from
 * its call to its finish, time on hold left out), its no-show, its further matters (a finish with
 * a next matter, a transfer), and the windows as they were staffed (sign-in to sign-out, pauses
 * as breaks). Times are seconds from `origin` (epoch ms, the hour the day's first event falls in).
 *
 * What a scenario cannot say is left out, and counted in `left`: visitors who left or expired
 * before they were called (they would be served in a replay), and matters after one that was
 * cancelled. A transfer to a named window becomes a matter of its service.
 */
export interface LogScenario {
  scenario: Scenario;
  origin: number;
  /** What the day's log had that the scenario leaves out. */
  left: { neverCalled: number; unfinished: number };
  /** Each ticket's real waits, per step, in seconds (the metric of scenario.md), for the comparison. */
  actual: Map<string, Array<{ arrival: number; wait: number }>>;
}

interface StepLog { service: string; queuedAt: number; calledAt: number | null; busyMs: number; since: number | null; noShow: boolean; done: boolean }
interface TicketLog { t: Ticket; steps: StepLog[]; cancelled: boolean }

export function scenarioFromLog(events: readonly EngineEvent[], model: HallModel, name: string, origin: number, noShowTimeoutSec = 60): LogScenario {
  const tickets = new Map<string, TicketLog>();
  const windows = new Map<string, { up: Array<[number, number | null]> }>();
  const step = (id: string) => tickets.get(id)?.steps.at(-1);
  const end = (x: StepLog | undefined, at: number) => {
    if (x?.since != null) (x.busyMs += at - x.since), (x.since = null);
  };
  const up = (id: string, at: number) => {
    const w = windows.get(id) ?? windows.set(id, { up: [] }).get(id)!;
    if (!w.up.length || w.up.at(-1)![1] !== null) w.up.push([at, null]);
  };
  const down = (id: string, at: number) => {
    const last = windows.get(id)?.up.at(-1);
    if (last && last[1] === null) last[1] = at;
  };
  let lastAt = origin;
  for (const e of events) {
    lastAt = Math.max(lastAt, e.at);
    switch (e.type) {
      case 'ticket.issued':
        tickets.set(e.ticket.id, { t: e.ticket, cancelled: false, steps: [{ service: e.ticket.steps[0].serviceId, queuedAt: e.at, calledAt: null, busyMs: 0, since: null, noShow: false, done: false }] });
        break;
      case 'ticket.called': {
        const x = step(e.ticketId);
        if (x) (x.calledAt ??= e.at), (x.since = e.at);
        break;
      }
      case 'ticket.held': end(step(e.ticketId), e.at); break;
      case 'ticket.no-show': {
        const x = step(e.ticketId);
        end(x, e.at);
        if (x) (x.noShow = true), (x.done = true);
        break;
      }
      case 'ticket.finished': case 'ticket.transferred': {
        const tl = tickets.get(e.ticketId);
        const x = step(e.ticketId);
        end(x, e.at);
        if (x) x.done = true;
        const next = e.type === 'ticket.finished' ? e.nextServiceId : e.toServiceId;
        if (tl && next) tl.steps.push({ service: next, queuedAt: e.at, calledAt: null, busyMs: 0, since: null, noShow: false, done: false });
        break;
      }
      case 'ticket.reinstated': {
        // Back from the guide desk: replayed as a further matter (a first matter missed ends the replayed visit).
        const tl = tickets.get(e.ticketId);
        if (tl) tl.steps.push({ service: e.serviceId, queuedAt: e.at, calledAt: null, busyMs: 0, since: null, noShow: false, done: false });
        break;
      }
      case 'ticket.cancelled': case 'ticket.expired': {
        const tl = tickets.get(e.ticketId);
        if (tl) tl.cancelled = true;
        break;
      }
      case 'window.signed-in': case 'window.resumed': up(e.windowId, e.at); break;
      case 'window.signed-out': case 'window.paused': down(e.windowId, e.at); break;
    }
  }
  const sec = (ms: number) => Math.max(0, Math.round((ms - origin) / 100) / 10);
  const left = { neverCalled: 0, unfinished: 0 };
  const actual = new Map<string, Array<{ arrival: number; wait: number }>>();
  const out: ScenarioTicket[] = [];
  for (const { t, steps, cancelled } of tickets.values()) {
    const served = steps.filter((x) => x.done);
    if (served.length === 0) {
      left.neverCalled++;
      continue;
    }
    if (served.length < steps.length || cancelled && !steps.at(-1)!.done) left.unfinished++;
    const [first, ...rest] = served;
    const st: ScenarioTicket = {
      id: t.id, arrival: sec(first.queuedAt), service: first.service, priority: t.priority,
      serviceSec: first.noShow ? 0 : Math.round(first.busyMs / 100) / 10,
    };
    if (first.noShow) st.noShow = true;
    if (t.appointmentAt !== null) st.appointmentAt = sec(t.appointmentAt);
    if (!first.noShow && rest.length) st.next = rest.map((x) => ({ service: x.service, serviceSec: x.noShow ? noShowTimeoutSec : Math.round(x.busyMs / 100) / 10 }));
    out.push(st);
    actual.set(t.id, served.filter((_, k) => k === 0 || !first.noShow).map((x, k) => {
      const from = k === 0 && t.appointmentAt !== null ? Math.max(x.queuedAt, t.appointmentAt) : x.queuedAt;
      return { arrival: sec(x.queuedAt), wait: Math.max(0, (x.calledAt! - from) / 1000) };
    }));
  }
  out.sort((a, b) => a.arrival - b.arrival || (a.id < b.id ? -1 : 1));
  const staffed: ScenarioWindow[] = [];
  for (const def of model.windows) {
    const w = windows.get(def.id);
    if (!w || w.up.length === 0) continue;
    const spans = w.up.map(([a, b]) => [sec(a), sec(b ?? lastAt)] as [number, number]);
    const breaks = spans.slice(1).map(([a], i) => [spans[i][1], a] as [number, number]).filter(([a, b]) => b > a);
    staffed.push({ id: def.id, skills: [...def.skills], opensAt: spans[0][0], closesAt: spans.at(-1)![1], ...(breaks.length ? { breaks } : {}) });
  }
  const used = new Set([...out.flatMap((t) => [t.service, ...(t.next ?? []).map((n) => n.service)]), ...staffed.flatMap((w) => w.skills)]);
  return {
    scenario: {
      format: SCENARIO_FORMAT, name, noShowTimeoutSec,
      services: model.services.filter((x) => used.has(x.id)).map((x) => ({ id: x.id, name: x.name, prefix: x.prefix, targetWaitSec: x.targetWaitSec })),
      windows: staffed, tickets: out,
    },
    origin, left, actual,
  };
}
