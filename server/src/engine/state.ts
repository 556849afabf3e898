import type { HallModel, HallState, Step, Ticket, TicketStatus, WindowState } from './types.ts';
import { EngineError } from './errors.ts';
import { learn } from './stats.ts';
import { observeWait } from './wait-stats.ts';
import { WaitingQueue } from './waiting.ts';

export function createHallState(model: HallModel, day: string, at: number): HallState {
  const windows = new Map<string, WindowState>();
  for (const w of model.windows) windows.set(w.id, closedWindow(w.id, at));
  const tickets = new Map<string, Ticket>();
  return { model, day, tickets, windows, counters: new Map(), stats: new Map(), waiting: new WaitingQueue(tickets), busySec: new Map(), waitStats: new Map(), joins: 0 };
}

export function closedWindow(id: string, at: number): WindowState {
  return {
    id, status: 'closed', clerkId: null, pauseReason: null, since: at,
    currentTicketId: null, freeSince: at, servedCount: 0, greenStreak: 0, held: [], readySince: null, readyReason: null, autoCallSec: null,
  };
}

/**
 * A ready window waits for its next visitor now: open, free, and its clerk asked and got nobody,
 * or auto-call is on and its pause after the last visitor is over. Routing defers only to these.
 */
export function isReady(w: WindowState, now: number): boolean {
  if (w.status !== 'open' || w.currentTicketId !== null) return false;
  return w.readySince !== null || (w.autoCallSec !== null && now >= w.freeSince + w.autoCallSec * 1000);
}

export const FINAL_STATUSES: ReadonlySet<TicketStatus> = new Set(['done', 'no-show', 'cancelled', 'expired']);

export function currentStep(t: Ticket): Step {
  return t.steps[t.steps.length - 1];
}
export function ticketStatus(t: Ticket): TicketStatus {
  return currentStep(t).status;
}
export function ticketServiceId(t: Ticket): string {
  return currentStep(t).serviceId;
}

export function getTicket(s: HallState, id: string): Ticket {
  const t = s.tickets.get(id);
  if (!t) throw new EngineError('UNKNOWN_TICKET', `no ticket ${id} today`);
  return t;
}
export function getWindow(s: HallState, id: string): WindowState {
  const w = s.windows.get(id);
  if (!w) throw new EngineError('UNKNOWN_WINDOW', `no window ${id}`);
  return w;
}
/** May the window serve this step: its skills, or the step was transferred to it by name. */
export function windowServes(w: { id: string; skills: readonly string[] }, step: Step): boolean {
  return step.targetWindowId !== null ? step.targetWindowId === w.id : w.skills.includes(step.serviceId);
}

export function windowDef(s: HallState, id: string) {
  const w = s.model.windows.find((x) => x.id === id);
  if (!w) throw new EngineError('UNKNOWN_WINDOW', `no window ${id}`);
  return w;
}
export function serviceDef(s: HallState, id: string) {
  const svc = s.model.services.find((x) => x.id === id);
  if (!svc) throw new EngineError('UNKNOWN_SERVICE', `no service ${id}`);
  return svc;
}

/** A fresh queue step. */
export function newStep(serviceId: string, at: number, front = false, targetWindowId: string | null = null, fifoSec: number | null = null): Step {
  return {
    serviceId, status: 'waiting', queuedAt: at, front, targetWindowId, fifoSec, windowId: null, clerkId: null,
    calledAt: null, startedAt: null, finishedAt: null, heldAt: null, recalls: 0, outcome: null, note: null, reason: null,
  };
}

/** The window's live display state, derived rather than stored. */
export type WindowPhase = 'closed' | 'paused' | 'idle' | 'calling' | 'serving';
export function windowPhase(s: HallState, w: WindowState): WindowPhase {
  if (w.status === 'closed') return 'closed';
  if (w.currentTicketId) {
    const t = s.tickets.get(w.currentTicketId);
    if (t && ticketStatus(t) === 'serving') return 'serving';
    if (t) return 'calling';
  }
  return w.status === 'paused' ? 'paused' : 'idle';
}

/**
 * Rebuilds a day's state from stored tickets and windows: the indexes and learned statistics are
 * derived again, so they can never disagree with what was stored.
 */
export function restoreHallState(model: HallModel, day: string, tickets: Ticket[], windows: WindowState[], at: number): HallState {
  const s = createHallState(model, day, at);
  // Windows stored before a field existed take its default.
  for (const w of windows) if (s.windows.has(w.id)) s.windows.set(w.id, { ...closedWindow(w.id, at), ...w });
  numberJoins(s, tickets);
  for (const t of tickets) {
    s.tickets.set(t.id, t);
    const prefix = t.number.replace(/\d+$/, '');
    s.counters.set(prefix, Math.max(s.counters.get(prefix) ?? 0, Number(t.number.slice(prefix.length))));
    const step = currentStep(t);
    if (step.status === 'waiting') s.waiting.add(t.id);
    for (const st of t.steps) {
      if (st.status === 'done') learn(s, st);
      if (st.finishedAt !== null) addBusy(s, st);
    }
  }
  // The record of waits, in the order the visitors were called (each step as its ticket stood then).
  const called = tickets.flatMap((t) => t.steps.map((st, i) => ({ t, st, i }))).filter((x) => x.st.calledAt !== null)
    .sort((a, b) => a.st.calledAt! - b.st.calledAt! || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
  for (const { t, st, i } of called) observeWait(s, { ...t, steps: t.steps.slice(0, i + 1) }, st, st.calledAt!);
  return s;
}

/**
 * The day's order of joining, as stored; steps stored before Step.order existed are numbered
 * after those that have one, by time joined, then ticket id (the order they had then).
 */
function numberJoins(s: HallState, tickets: Ticket[]): void {
  const unnumbered: { t: Ticket; st: Step }[] = [];
  for (const t of tickets) {
    for (const st of t.steps) {
      if (st.order === undefined) unnumbered.push({ t, st });
      else s.joins = Math.max(s.joins, st.order);
    }
  }
  unnumbered.sort((a, b) => a.st.queuedAt - b.st.queuedAt || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
  for (const { st } of unnumbered) st.order = ++s.joins;
}

/** Counts an ended step's time at its window (a step never called counts nothing). */
export function addBusy(s: HallState, step: Step): void {
  if (step.windowId === null || step.calledAt === null || step.finishedAt === null) return;
  s.busySec.set(step.windowId, (s.busySec.get(step.windowId) ?? 0) + (step.finishedAt - step.calledAt) / 1000);
}
