import type { EngineEvent, HallState, Step, Ticket } from './types.ts';
import { addBusy, closedWindow, currentStep, getTicket, getWindow, newStep } from './state.ts';
import { learn } from './stats.ts';
import { observeWait } from './wait-stats.ts';
import { numberSeq } from './numbering.ts';

/**
 * Applies one decided event to the state. Deterministic and I/O free: the live hall applies the
 * events it has just committed, a restart or the simulator applies the same events again.
 */
export function apply(s: HallState, e: EngineEvent): void {
  s.version = (s.version ?? 0) + 1;
  switch (e.type) {
    case 'day.started':
      s.day = e.day;
      s.tickets.clear();
      s.waiting.clear();
      s.counters.clear();
      s.stats.clear();
      s.busySec.clear();
      s.waitStats.clear();
      s.joins = 0;
      for (const w of s.windows.values()) s.windows.set(w.id, closedWindow(w.id, e.at));
      return;
    case 'ticket.issued': {
      const t = structuredClone(e.ticket);
      t.steps[0].order = ++s.joins;
      s.tickets.set(t.id, t);
      s.waiting.add(t.id);
      const prefix = t.number.replace(/\d+$/, '');
      s.counters.set(prefix, Math.max(s.counters.get(prefix) ?? 0, numberSeq(t.number)));
      return;
    }
    case 'ticket.called': {
      const t = getTicket(s, e.ticketId);
      const w = getWindow(s, e.windowId);
      const step = currentStep(t);
      // A held ticket resumed by its window is "called" back without queueing again.
      if (step.status === 'held') w.held = w.held.filter((id) => id !== t.id);
      else observeWait(s, t, step, e.at);
      Object.assign(step, { status: 'called', windowId: e.windowId, clerkId: e.clerkId, calledAt: step.calledAt ?? e.at, reason: e.reason });
      s.waiting.delete(t.id);
      w.currentTicketId = t.id;
      w.readySince = null;
      w.greenStreak = t.priority === 'green' ? w.greenStreak + 1 : 0;
      return;
    }
    case 'ticket.recalled':
      currentStep(getTicket(s, e.ticketId)).recalls++;
      return;
    case 'ticket.started': {
      const step = currentStep(getTicket(s, e.ticketId));
      step.status = 'serving';
      step.startedAt = step.startedAt ?? e.at;
      return;
    }
    case 'ticket.finished': {
      const t = getTicket(s, e.ticketId);
      const step = currentStep(t);
      closeStep(s, step, 'done', e.at);
      step.outcome = e.outcome;
      step.note = e.note;
      learn(s, step);
      freeWindow(s, e.windowId, e.at, true);
      if (e.nextServiceId) enqueue(s, t, newStep(e.nextServiceId, e.at, false, null, e.nextFifoSec ?? null));
      return;
    }
    case 'ticket.no-show':
      closeStep(s, currentStep(getTicket(s, e.ticketId)), 'no-show', e.at);
      freeWindow(s, e.windowId, e.at, false);
      return;
    case 'ticket.transferred': {
      const t = getTicket(s, e.ticketId);
      const step = currentStep(t);
      closeStep(s, step, 'transferred', e.at);
      step.note = e.note;
      freeWindow(s, e.windowId, e.at, true);
      enqueue(s, t, newStep(e.toServiceId, e.at, e.front, e.toWindowId, e.fifoSec ?? null));
      return;
    }
    case 'ticket.reinstated': {
      const step = newStep(e.serviceId, e.queuedAt, false, null, e.fifoSec);
      if (e.queuedAt >= e.at) enqueue(s, getTicket(s, e.ticketId), step);
      else placeAmong(s, getTicket(s, e.ticketId), step);
      return;
    }
    case 'ticket.held': {
      const t = getTicket(s, e.ticketId);
      const step = currentStep(t);
      step.status = 'held';
      step.heldAt = e.at;
      step.note = e.note;
      const w = getWindow(s, e.windowId);
      w.held.push(t.id);
      freeWindow(s, e.windowId, e.at, false);
      return;
    }
    case 'ticket.cancelled':
    case 'ticket.expired': {
      const t = getTicket(s, e.ticketId);
      const step = currentStep(t);
      for (const w of s.windows.values()) {
        if (w.currentTicketId === t.id) freeWindow(s, w.id, e.at, false);
        w.held = w.held.filter((id) => id !== t.id);
      }
      closeStep(s, step, e.type === 'ticket.cancelled' ? 'cancelled' : 'expired', e.at);
      step.note = e.reason;
      s.waiting.delete(t.id);
      return;
    }
    case 'window.signed-in': {
      const w = getWindow(s, e.windowId);
      Object.assign(w, { status: 'open', clerkId: e.clerkId, pauseReason: null, since: e.at, freeSince: e.at, greenStreak: 0, readySince: null });
      return;
    }
    case 'window.signed-out': {
      const w = getWindow(s, e.windowId);
      // Auto-call is the clerk's choice: the next one signing in starts without it.
      Object.assign(w, { status: 'closed', clerkId: null, pauseReason: null, since: e.at, readySince: null, autoCallSec: null });
      return;
    }
    case 'window.paused': {
      const w = getWindow(s, e.windowId);
      Object.assign(w, { status: 'paused', pauseReason: e.reason, since: e.at, readySince: null });
      return;
    }
    case 'window.resumed': {
      const w = getWindow(s, e.windowId);
      Object.assign(w, { status: 'open', pauseReason: null, since: e.at, freeSince: e.at, readySince: null });
      return;
    }
    case 'window.ready': {
      const w = getWindow(s, e.windowId);
      w.readySince ??= e.at;
      w.readyReason = e.reason;
      return;
    }
    case 'window.auto-call':
      getWindow(s, e.windowId).autoCallSec = e.afterSec;
      return;
  }
}

function closeStep(s: HallState, step: Step, status: Step['status'], at: number): void {
  step.status = status;
  step.finishedAt = at;
  addBusy(s, step);
}

function freeWindow(s: HallState, windowId: string, at: number, served: boolean): void {
  const w = getWindow(s, windowId);
  w.currentTicketId = null;
  w.freeSince = at;
  // Free again, the window is ready only once its clerk asks (or auto-call's pause is over).
  w.readySince = null;
  if (served) w.servedCount++;
}

function enqueue(s: HallState, t: Ticket, step: Step): void {
  step.order = ++s.joins;
  t.steps.push(step);
  s.waiting.add(t.id);
}

/**
 * A reinstated visitor joins inside the queue, not at its end: the command chose the place as a
 * time (just after the one they go behind, or just before the first). The queue is ordered by the
 * log (Step.order), so the step takes an order between its neighbours' — the same on every replay,
 * since it depends only on the state the event is applied to.
 */
function placeAmong(s: HallState, t: Ticket, step: Step): void {
  const orders: number[] = [];
  let before: number | null = null, first: number | null = null;
  for (const id of s.waiting) {
    const x = currentStep(s.tickets.get(id)!);
    if (x.status !== 'waiting' || x.order === undefined) continue;
    orders.push(x.order);
    if (x.serviceId !== step.serviceId || x.targetWindowId !== null || x.front) continue;
    if (x.queuedAt < step.queuedAt) before = before === null ? x.order : Math.max(before, x.order);
    else first = first === null ? x.order : Math.min(first, x.order);
  }
  if (before === null && first === null) {
    enqueue(s, t, step);
    return;
  }
  // Between the neighbour and the next order anyone holds, so no one else's place changes.
  const lo = before ?? Math.max(0, ...orders.filter((o) => o < first!));
  const hi = before === null ? first! : Math.min(s.joins + 1, ...orders.filter((o) => o > before!));
  step.order = (lo + hi) / 2;
  t.steps.push(step);
  s.waiting.add(t.id);
}
