import type { Channel, EngineEvent, HallState, Outcome, Priority, Ticket, TicketLang, WindowState } from './types.ts';
import { EngineError } from './errors.ts';
import { currentStep, FINAL_STATUSES, getTicket, getWindow, isReady, newStep, serviceDef, ticketStatus, windowDef, windowServes } from './state.ts';
import { nextNumber } from './numbering.ts';
import { fifoWaitSec } from './fifo-wait.ts';
import { lookaheadSec } from './lookahead.ts';
import { byQueueOrder } from './queue-order.ts';
import type { RoutingPolicy } from './routing/index.ts';

/**
 * Commands decide; they never change the state. Each returns the events to commit, or throws an
 * EngineError with a stable code when the command is illegal in the current state.
 */
export interface EngineContext {
  now: number;
  newId(): string;
  newToken(): string;
}

export interface IssueInput {
  serviceId: string;
  priority?: Priority;
  channel: Channel;
  kioskId?: string | null;
  appointmentAt?: number | null;
  appointmentId?: string | null;
  lang?: TicketLang;
}

export function issueTicket(s: HallState, input: IssueInput, ctx: EngineContext): EngineEvent[] {
  serviceDef(s, input.serviceId);
  const ticket: Ticket = {
    id: ctx.newId(),
    day: s.day,
    number: nextNumber(s, input.serviceId),
    priority: input.priority ?? 'normal',
    channel: input.channel,
    issuedAt: ctx.now,
    trackToken: ctx.newToken(),
    appointmentAt: input.appointmentAt ?? null,
    appointmentId: input.appointmentId ?? null,
    kioskId: input.kioskId ?? null,
    ...(input.lang && input.lang !== 'zh-CN' ? { lang: input.lang } : {}),
    steps: [newStep(input.serviceId, ctx.now, false, null, fifoSec(s, input.serviceId, null))],
  };
  const look = lookaheadSec(s, ticket, ctx.now);
  if (look !== null) ticket.steps[0].lookSec = Math.round(look);
  return [{ type: 'ticket.issued', at: ctx.now, ticket }];
}

/**
 * The clerk asks for the next visitor: a call, or `window.ready` with the reason they got nobody
 * (the window then waits ready, and `dispatch` hands it the next ticket routing gives it).
 */
export function callNext(s: HallState, windowId: string, policy: RoutingPolicy, now: number): EngineEvent[] {
  const w = readyToCall(s, windowId);
  const choice = policy.choose(s, windowId, now);
  if (choice.ticketId === null) return [{ type: 'window.ready', at: now, windowId, reason: choice.reason }];
  return [{ type: 'ticket.called', at: now, ticketId: choice.ticketId, windowId, clerkId: w.clerkId, reason: choice.reason }];
}

/**
 * The hall hands the next ticket to a window that waits ready (its clerk asked and got nobody, or
 * auto-call's pause is over): the call for the first such window, by id, that routing gives a
 * ticket now, or nothing. Apply it and ask again until it answers nothing. The services ask after
 * every change that may let a ticket be called (an issue, a finish, a transfer, a window opening,
 * a booked slot coming due, auto-call's pause ending).
 */
export function dispatch(s: HallState, policy: RoutingPolicy, now: number): EngineEvent[] {
  if (s.waiting.size === 0) return [];
  for (const def of s.model.windows) {
    const w = s.windows.get(def.id)!;
    if (!isReady(w, now)) continue;
    const choice = policy.choose(s, w.id, now);
    if (choice.ticketId !== null) return [{ type: 'ticket.called', at: now, ticketId: choice.ticketId, windowId: w.id, clerkId: w.clerkId, reason: choice.reason }];
  }
  return [];
}

/** Auto-call on (the window is ready `afterSec` seconds after each visitor) or off (null). */
export function setAutoCall(s: HallState, windowId: string, afterSec: number | null, now: number): EngineEvent[] {
  const w = getWindow(s, windowId);
  if (afterSec !== null && !(Number.isFinite(afterSec) && afterSec >= 0 && afterSec <= 600)) {
    throw new EngineError('AUTO_CALL_INVALID', 'auto-call waits 0 to 600 seconds after a visitor', { afterSec });
  }
  if (w.status === 'closed') throw new EngineError('WINDOW_CLOSED', `${windowId} is closed: sign in first`);
  if (w.autoCallSec === afterSec) return [];
  return [{ type: 'window.auto-call', at: now, windowId, afterSec }];
}

/** Calls a given ticket: a number the clerk typed, or a visitor they parked on hold. */
export function callTicket(s: HallState, windowId: string, ticketId: string, now: number): EngineEvent[] {
  const w = readyToCall(s, windowId);
  const t = getTicket(s, ticketId);
  const step = currentStep(t);
  if (step.status === 'held') {
    if (!w.held.includes(t.id)) throw new EngineError('TICKET_NOT_HELD', `${t.number} is not on hold at ${windowId}`);
    return [{ type: 'ticket.called', at: now, ticketId, windowId, clerkId: w.clerkId, reason: 'resumed-from-hold' }];
  }
  if (step.status !== 'waiting') throw new EngineError('TICKET_NOT_WAITING', `${t.number} is ${step.status}`);
  if (!windowServes(windowDef(s, windowId), step)) throw new EngineError('WINDOW_NOT_SKILLED', `${windowId} cannot serve ${t.number}`);
  return [{ type: 'ticket.called', at: now, ticketId, windowId, clerkId: w.clerkId, reason: 'called-by-number' }];
}

export function recall(s: HallState, windowId: string, now: number): EngineEvent[] {
  const t = current(s, windowId, ['called', 'serving']);
  return [{ type: 'ticket.recalled', at: now, ticketId: t.id, windowId }];
}

export function start(s: HallState, windowId: string, now: number): EngineEvent[] {
  const t = current(s, windowId, ['called']);
  return [{ type: 'ticket.started', at: now, ticketId: t.id, windowId }];
}

export interface FinishInput { outcome: Outcome; note?: string | null; nextServiceId?: string | null }

/** Finishing straight from "called" is allowed: the clerk (or a keypad) may skip "start". */
export function finish(s: HallState, windowId: string, input: FinishInput, now: number): EngineEvent[] {
  const t = current(s, windowId, ['called', 'serving']);
  if (input.nextServiceId) serviceDef(s, input.nextServiceId);
  const next = input.nextServiceId ?? null;
  return [{
    type: 'ticket.finished', at: now, ticketId: t.id, windowId, outcome: input.outcome,
    note: input.note ?? null, nextServiceId: next, ...(next ? { nextFifoSec: fifoSec(s, next, null) } : {}),
  }];
}

/** The called visitor never came: refused until they were really called (HallModel.noShowAfter). */
export function noShow(s: HallState, windowId: string, now: number): EngineEvent[] {
  const t = current(s, windowId, ['called']);
  const rule = s.model.noShowAfter;
  const step = currentStep(t);
  if (rule && step.calledAt !== null) {
    const calls = step.recalls + 1;
    const sinceSec = Math.floor((now - step.calledAt) / 1000);
    if (calls < rule.afterCalls && sinceSec < rule.afterSec) {
      throw new EngineError('NO_SHOW_TOO_EARLY', `${t.number} was called ${calls} time(s), ${sinceSec} s ago: recall, or wait ${rule.afterSec - sinceSec} s more`, {
        calls, afterCalls: rule.afterCalls, sinceSec, afterSec: rule.afterSec,
      });
    }
  }
  return [{ type: 'ticket.no-show', at: now, ticketId: t.id, windowId }];
}

export interface ReinstateRule {
  /** How long after the no-show the visitor may come back, in ms. */
  withinMs: number;
  /** They rejoin behind this many of those waiting for the matter (顺延). */
  behind: number;
}

/**
 * A visitor who missed their call comes back to the guide desk: the same matter joins the queue
 * again, behind everyone called since (they have left the queue) and behind the next `behind` of
 * those still waiting for it, as if they had joined just after the last of those; with fewer
 * waiting, at the end. Only within `withinMs` of the no-show, and only for its last matter.
 */
export function reinstate(s: HallState, ticketId: string, rule: ReinstateRule, now: number): EngineEvent[] {
  const t = getTicket(s, ticketId);
  const step = currentStep(t);
  if (step.status !== 'no-show') throw new EngineError('TICKET_NOT_NO_SHOW', `${t.number} is ${step.status}, not a no-show`);
  if (step.finishedAt === null || now - step.finishedAt > rule.withinMs) {
    throw new EngineError('REINSTATE_TOO_LATE', `${t.number} missed its call more than ${Math.round(rule.withinMs / 60_000)} min ago: take a new ticket`, {
      noShowAt: step.finishedAt, withinMin: Math.round(rule.withinMs / 60_000),
    });
  }
  const queue = [...s.waiting].map((id) => s.tickets.get(id)!)
    .map((x) => ({ ticket: x, step: currentStep(x) }))
    .filter((c) => c.step.status === 'waiting' && c.step.serviceId === step.serviceId && c.step.targetWindowId === null && !c.step.front)
    .sort(byQueueOrder);
  // One millisecond after the one it goes behind (queue order is by time joined, then by id); with
  // `behind` 0, one before the first; with fewer waiting than `behind`, at the end.
  const after = rule.behind > 0 ? queue[rule.behind - 1] : undefined;
  const queuedAt = rule.behind === 0 && queue.length > 0 ? Math.min(now, queue[0].step.queuedAt - 1)
    : after ? Math.min(now, after.step.queuedAt + 1) : now;
  return [{ type: 'ticket.reinstated', at: now, ticketId, serviceId: step.serviceId, queuedAt, fifoSec: fifoSec(s, step.serviceId, null) }];
}

export interface TransferInput { serviceId?: string | null; windowId?: string | null; position?: 'front' | 'end'; note?: string | null }

export function transfer(s: HallState, windowId: string, input: TransferInput, now: number): EngineEvent[] {
  const t = current(s, windowId, ['called', 'serving']);
  const toServiceId = input.serviceId ?? currentStep(t).serviceId;
  if (!s.model.services.some((x) => x.id === toServiceId)) {
    throw new EngineError('TRANSFER_TARGET_INVALID', `no service ${toServiceId}`, { serviceId: toServiceId });
  }
  if (input.windowId) {
    const target = s.model.windows.find((x) => x.id === input.windowId);
    if (!target || !target.skills.includes(toServiceId)) {
      throw new EngineError('TRANSFER_TARGET_INVALID', `window ${input.windowId} cannot serve ${toServiceId}`, { windowId: input.windowId });
    }
  }
  if (!input.serviceId && !input.windowId) {
    throw new EngineError('TRANSFER_TARGET_INVALID', 'a transfer names a service, a window, or both');
  }
  return [{
    type: 'ticket.transferred', at: now, ticketId: t.id, windowId, toServiceId, toWindowId: input.windowId ?? null,
    front: input.position === 'front', note: input.note ?? null, fifoSec: fifoSec(s, toServiceId, input.windowId ?? null),
  }];
}

/** Parks the visitor (fetching a missing document); the window may call others meanwhile. */
export function hold(s: HallState, windowId: string, note: string | null, now: number): EngineEvent[] {
  const t = current(s, windowId, ['called', 'serving']);
  return [{ type: 'ticket.held', at: now, ticketId: t.id, windowId, note }];
}

export function pause(s: HallState, windowId: string, reason: string, now: number): EngineEvent[] {
  const w = getWindow(s, windowId);
  if (w.status === 'closed') throw new EngineError('WINDOW_CLOSED', `${windowId} is closed`);
  if (w.status === 'paused') throw new EngineError('WINDOW_PAUSED', `${windowId} is already paused`);
  return [{ type: 'window.paused', at: now, windowId, reason }];
}

export function resume(s: HallState, windowId: string, now: number): EngineEvent[] {
  const w = getWindow(s, windowId);
  if (w.status !== 'paused') throw new EngineError('WINDOW_NOT_PAUSED', `${windowId} is not paused`);
  return [{ type: 'window.resumed', at: now, windowId }];
}

export function signIn(s: HallState, windowId: string, clerkId: string, now: number): EngineEvent[] {
  const w = getWindow(s, windowId);
  if (w.clerkId === clerkId) return [];
  if (w.status !== 'closed') throw new EngineError('WINDOW_TAKEN', `${windowId} is staffed by someone else`, { clerkId: w.clerkId });
  return [{ type: 'window.signed-in', at: now, windowId, clerkId }];
}

export function signOut(s: HallState, windowId: string, now: number): EngineEvent[] {
  const w = getWindow(s, windowId);
  if (w.status === 'closed') return [];
  if (w.currentTicketId) throw new EngineError('WINDOW_BUSY', `${windowId} still has a ticket: finish it first`);
  return [{ type: 'window.signed-out', at: now, windowId, clerkId: w.clerkId }];
}

export function cancel(s: HallState, ticketId: string, reason: string, now: number): EngineEvent[] {
  const t = getTicket(s, ticketId);
  const status = ticketStatus(t);
  if (FINAL_STATUSES.has(status)) throw new EngineError('TICKET_FINISHED', `${t.number} is already ${status}`);
  if (status !== 'waiting' && status !== 'held') throw new EngineError('TICKET_NOT_WAITING', `${t.number} is ${status}`);
  return [{ type: 'ticket.cancelled', at: now, ticketId, reason }];
}

/** The daily reset: what is still open expires with a reason, windows close, numbers restart. */
export function startDay(s: HallState, day: string, now: number): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (const t of s.tickets.values()) {
    if (!FINAL_STATUSES.has(ticketStatus(t))) {
      events.push({ type: 'ticket.expired', at: now, ticketId: t.id, reason: `unserved at the daily reset of ${s.day}` });
    }
  }
  for (const w of s.windows.values()) {
    if (w.status !== 'closed') events.push({ type: 'window.signed-out', at: now, windowId: w.id, clerkId: w.clerkId });
  }
  events.push({ type: 'day.started', at: now, day });
  return events;
}

/** The shared queue's wait for a step joining now, in whole seconds (the step remembers it). */
function fifoSec(s: HallState, serviceId: string, targetWindowId: string | null): number | null {
  const sec = fifoWaitSec(s, serviceId, targetWindowId);
  return sec === null ? null : Math.round(sec);
}

function readyToCall(s: HallState, windowId: string): WindowState {
  const w = getWindow(s, windowId);
  if (w.status === 'closed') throw new EngineError('WINDOW_CLOSED', `${windowId} is closed: sign in first`);
  if (w.status === 'paused') throw new EngineError('WINDOW_PAUSED', `${windowId} is paused: resume first`);
  if (w.currentTicketId) {
    const t = s.tickets.get(w.currentTicketId)!;
    throw new EngineError('WINDOW_BUSY', `${windowId} is still on ${t.number}`, { ticketId: t.id });
  }
  return w;
}

function current(s: HallState, windowId: string, allowed: string[]): Ticket {
  const w = getWindow(s, windowId);
  if (!w.currentTicketId) throw new EngineError('WINDOW_IDLE', `${windowId} has no current ticket`);
  const t = getTicket(s, w.currentTicketId);
  const status = ticketStatus(t);
  if (!allowed.includes(status)) {
    const code = allowed.includes('serving') ? 'TICKET_NOT_SERVING' : 'TICKET_NOT_CALLED';
    throw new EngineError(code, `${t.number} is ${status}`);
  }
  return t;
}
