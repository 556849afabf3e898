import {
  apply, commands, createHallState, DEFAULT_POLICY, estimateWait, getPolicy,
  type EngineEvent, type HallState, type RoutingPolicy,
} from '../engine/index.ts';
import type { Scenario, ScenarioTicket, ScenarioWindow } from './scenario.ts';
import { DEFAULT_NO_SHOW_TIMEOUT_SEC } from './scenario.ts';
import { cmp, DEFAULT_SIM_OPTIONS, hallModel, shiftChanges, type SimOptions } from './hall.ts';
import { ms, sec, TRACE_FORMAT, type Trace, type Visit } from './trace.ts';
import { extendedView } from './extended.ts';
import { askDelays, scenarioClerks } from './clerks.ts';

interface SimWindow {
  def: ScenarioWindow;
  closesAt: number;
  /** Past its last open interval: serves only visitors who took their ticket before it closed. */
  closed: boolean;
  finishAt: number | null;
  ticket: SimTicket | null;
  /** Live clerks: when the clerk will ask for the next visitor; null when not due to ask. */
  asksAt: number | null;
}
interface SimTicket {
  def: ScenarioTicket;
  steps: Array<{ service: string; serviceSec: number }>;
  visits: Visit[];
}

/**
 * Runs the real engine (commands decide, `apply` applies) through one scenario day on a virtual
 * clock in whole milliseconds. At each instant: finishes, then arrivals, then the windows' hours,
 * then the calls: with instant clerks every free open window calls, in id order, until no window
 * gets anything more; with live clerks (clerks.ts) the windows whose clerk is due to ask call, in
 * id order, and then the hall hands tickets to the windows waiting ready (commands.dispatch).
 */
export function simulate(sc: Scenario, policyName = DEFAULT_POLICY, options: Partial<SimOptions> = {}): Trace {
  const policy = getPolicy(policyName);
  if (!policy) throw new Error(`unknown policy "${policyName}"`);
  const opts = { ...DEFAULT_SIM_OPTIONS, ...options };
  const clerks = opts.clerks ?? scenarioClerks(sc);
  const live = clerks.kind === 'live';
  const delay = askDelays(clerks, [...sc.windows].map((w) => w.id).sort(cmp));
  const s = createHallState(hallModel(sc, opts), '2000-01-03', 0);
  const run = (events: EngineEvent[]) => {
    for (const e of events) apply(s, e);
    return events;
  };
  const noShowMs = ms(sc.noShowTimeoutSec ?? DEFAULT_NO_SHOW_TIMEOUT_SEC);
  const windows: SimWindow[] = [...sc.windows].sort((a, b) => cmp(a.id, b.id))
    .map((def) => ({ def, closesAt: ms(def.closesAt), closed: false, finishAt: null, ticket: null, asksAt: null }));
  const byId = new Map(windows.map((w) => [w.def.id, w]));
  const tickets: SimTicket[] = sc.tickets.map((def) => newSimTicket(def));
  const indexOf = new Map(sc.tickets.map((t, i) => [t.id, i]));
  const arrivals = [...tickets].sort((a, b) => a.def.arrival - b.def.arrival || cmp(a.def.id, b.def.id));
  const shifts = shiftChanges(sc);
  const wakes = wakeTimes(sc, opts.appointmentLeadSec);
  let ai = 0, si = 0, wi = 0;
  const progressEvery = Math.max(1, Math.ceil(arrivals.length / 40));
  let reported = 0;

  for (;;) {
    let t = Math.min(
      arrivals[ai] ? ms(arrivals[ai].def.arrival) : Infinity, shifts[si]?.at ?? Infinity, wakes[wi] ?? Infinity,
    );
    for (const w of windows) {
      if (w.finishAt !== null && w.finishAt < t) t = w.finishAt;
      if (w.asksAt !== null && w.asksAt < t) t = w.asksAt;
    }
    if (t === Infinity) break;
    for (const w of windows) if (w.finishAt === t) finish(w, t);
    for (; arrivals[ai] && ms(arrivals[ai].def.arrival) === t; ai++) issue(arrivals[ai], t);
    if (opts.onProgress && ai - reported >= progressEvery) opts.onProgress((reported = ai) / arrivals.length);
    for (; shifts[si] && shifts[si].at === t; si++) shift(byId.get(shifts[si].windowId)!, shifts[si].up, t);
    while (wakes[wi] !== undefined && wakes[wi] <= t) wi++;
    if (live) liveCalls(t);
    else if (s.waiting.size > 0) callAll(t);
  }
  opts.onProgress?.(1);
  return { format: TRACE_FORMAT, scenario: sc.name, policy: policy.name, visits: tickets.flatMap((t) => t.visits) };

  function issue(tk: SimTicket, t: number): void {
    const ctx = { now: t, newId: () => tk.def.id, newToken: () => `tok-${tk.def.id}` };
    const appointmentAt = tk.def.appointmentAt === undefined ? null : ms(tk.def.appointmentAt);
    const [issued] = run(commands.issueTicket(s, { serviceId: tk.def.service, priority: tk.def.priority, channel: 'sim', appointmentAt }, ctx));
    const number = issued.type === 'ticket.issued' ? issued.ticket.number : '';
    for (const v of tk.visits) v.number = number;
    tk.visits[0].arrival = sec(t);
    if (opts.estimates) {
      const e = estimateWait(s, s.tickets.get(tk.def.id)!, t);
      if (e.estimatedWaitSec !== null) tk.visits[0].estimatedWait = e.estimatedWaitSec;
      if (e.range) tk.visits[0].estimatedWaitRange = [e.range.lowSec, e.range.highSec];
    }
  }

  function finish(w: SimWindow, t: number): void {
    const tk = w.ticket!;
    const k = s.tickets.get(tk.def.id)!.steps.length - 1;
    const noShow = k === 0 && tk.def.noShow === true;
    const next = noShow ? null : tk.steps[k + 1] ?? null;
    run(noShow ? commands.noShow(s, w.def.id, t) : commands.finish(s, w.def.id, { outcome: 'done', nextServiceId: next?.service ?? null }, t));
    Object.assign(tk.visits[k], { finished: sec(t), outcome: noShow ? 'no-show' : 'done' });
    if (next) tk.visits[k + 1].arrival = sec(t);
    w.finishAt = null;
    w.ticket = null;
    if (w.closed) run(commands.signOut(s, w.def.id, t));
    else if (live) w.asksAt = t + delay(w.def.id);
  }

  function shift(w: SimWindow, up: boolean, t: number): void {
    const id = w.def.id;
    const status = s.windows.get(id)!.status;
    if (up) {
      if (status === 'paused') run(commands.resume(s, id, t));
      else signIn(id, t);
      if (live && !w.ticket) w.asksAt = t + delay(id);
    } else if (t < w.closesAt) {
      run(commands.pause(s, id, 'break', t));
      w.asksAt = null;
    } else {
      w.closed = true;
      w.asksAt = null;
      if (!w.ticket) run(commands.signOut(s, id, t));
    }
  }

  /** Instant clerks are all ready whenever free: auto-call with no pause, so any of them is a home for a ticket. */
  function signIn(id: string, t: number): void {
    run(commands.signIn(s, id, `clerk-${id}`, t));
    if (!live) run(commands.setAutoCall(s, id, 0, t));
  }

  /** Live clerks: those due to ask call in id order, then the hall hands tickets to the windows waiting ready. */
  function liveCalls(t: number): void {
    for (const w of windows) {
      if (w.asksAt === null || w.asksAt > t || w.ticket) continue;
      w.asksAt = null;
      if (s.windows.get(w.def.id)!.status !== 'open') continue;
      const ticketId = callOne(s, w, t, policy!);
      if (ticketId) begin(w, ticketId, t);
    }
    for (let events = commands.dispatch(s, policy!, t); events.length > 0; events = commands.dispatch(s, policy!, t)) {
      const [called] = run(events);
      if (called.type === 'ticket.called') begin(byId.get(called.windowId)!, called.ticketId, t);
    }
    if (s.waiting.size > 0) for (const w of windows) if (w.closed && !w.ticket) {
      const ticketId = callExtended(w, t);
      if (ticketId) begin(w, ticketId, t);
    }
  }

  function callAll(t: number): void {
    for (let progress = true; progress && s.waiting.size > 0;) {
      progress = false;
      for (const w of windows) {
        if (w.ticket) continue;
        const ticketId = w.closed ? callExtended(w, t) : s.windows.get(w.def.id)!.status === 'open' ? callOne(s, w, t, policy!) : null;
        if (ticketId) {
          begin(w, ticketId, t);
          progress = true;
        }
      }
    }
  }

  /** Extended service: the window comes back only for visitors who took a ticket before it closed. */
  function callExtended(w: SimWindow, t: number): string | null {
    const view = extendedView(s, w.def, w.closesAt);
    if (!view) return null;
    signIn(w.def.id, t);
    const ticketId = callOne(view, w, t, policy!);
    if (!ticketId) run(commands.signOut(s, w.def.id, t));
    return ticketId;
  }

  function callOne(view: HallState, w: SimWindow, t: number, p: RoutingPolicy): string | null {
    const [called] = run(commands.callNext(view, w.def.id, p, t));
    return called?.type === 'ticket.called' ? called.ticketId : null;
  }

  function begin(w: SimWindow, ticketId: string, t: number): void {
    const tk = tickets[indexOf.get(ticketId)!];
    const k = s.tickets.get(ticketId)!.steps.length - 1;
    Object.assign(tk.visits[k], { called: sec(t), window: w.def.id });
    const fifo = s.tickets.get(ticketId)!.steps[k].fifoSec;
    if (fifo !== undefined && fifo !== null) tk.visits[k].sharedQueueWait = fifo;
    w.ticket = tk;
    if (k === 0 && tk.def.noShow) w.finishAt = t + noShowMs;
    else {
      run(commands.start(s, w.def.id, t));
      w.finishAt = t + ms(tk.steps[k].serviceSec);
    }
  }
}

function newSimTicket(def: ScenarioTicket): SimTicket {
  const steps = [{ service: def.service, serviceSec: def.serviceSec }, ...(def.next ?? [])];
  const visits: Visit[] = steps.map((st, step) => ({
    ticket: def.id, step, number: '', service: st.service, priority: def.priority,
    arrival: null, called: null, window: null, finished: null, outcome: 'unserved',
  }));
  return { def, steps, visits };
}

/** Booked tickets may become callable at their slot less the lead, or at the slot: wake up then. */
function wakeTimes(sc: Scenario, leadSec: number): number[] {
  const out = new Set<number>();
  for (const t of sc.tickets) {
    if (t.appointmentAt === undefined) continue;
    out.add(ms(Math.max(0, t.appointmentAt - leadSec)));
    out.add(ms(t.appointmentAt));
  }
  return [...out].sort((a, b) => a - b);
}
