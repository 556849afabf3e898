import type { CallAnnouncement, CallView, ServiceView, StepView, TicketView, VisitorView, WindowView } from '@onewindow/protocol';
import { announce, isoLocal } from '@onewindow/protocol';
import {
  autoCallAt, currentStep, estimateForNewTicket, estimateWait, isBookedStep, queueSummary, ticketStatus, windowPhase,
  type HallState, type Step, type Ticket, type WindowState,
} from '../../engine/index.ts';

/** Presenters: engine state → the contract's shapes. Pure; the clock and names are passed in. */
export interface ViewContext {
  state: HallState;
  now: number;
  timezone: string;
  clerkName: (id: string) => string;
  announcement: string;
  /** The call as the screens say it, with its audio (services/voice); without it, the text alone. */
  voice?: (number: string, windowId: string) => CallAnnouncement;
  /** What a visitor left with a ticket (card holder, phone), masked: shown to staff and the visitor's own kiosk. */
  visitor?: (ticketId: string) => VisitorView | null;
}

const iso = (v: ViewContext, ms: number | null) => (ms === null ? null : isoLocal(ms, v.timezone));

export function stepView(v: ViewContext, s: Step): StepView {
  return {
    serviceId: s.serviceId, status: s.status, queuedAt: iso(v, s.queuedAt)!, windowId: s.windowId, clerkId: s.clerkId,
    targetWindowId: s.targetWindowId, calledAt: iso(v, s.calledAt), startedAt: iso(v, s.startedAt),
    finishedAt: iso(v, s.finishedAt), heldAt: iso(v, s.heldAt), recalls: s.recalls, outcome: s.outcome, note: s.note, reason: s.reason,
  };
}

/** `full` adds the track token and the timeline: for staff and the visitor's own kiosk or phone. */
export function ticketView(v: ViewContext, t: Ticket, full: boolean): TicketView {
  const step = currentStep(t);
  const est = estimateWait(v.state, t, v.now);
  const view: TicketView = {
    id: t.id, number: t.number, serviceId: step.serviceId, priority: t.priority, status: step.status,
    issuedAt: iso(v, t.issuedAt)!, ahead: est.ahead, estimatedWaitSec: est.estimatedWaitSec ?? 0,
    ...(est.estimatedWaitSec === null ? { noWindow: true } : {}),
    ...(est.range ? { estimatedWaitRange: est.range } : {}),
    windowId: step.windowId ?? step.targetWindowId, calledAt: iso(v, step.calledAt),
    appointmentAt: iso(v, t.appointmentAt), channel: t.channel,
    // What the kiosk and the slip promised a booked visitor ("08:55 起叫号"): a call before it is an early one.
    ...(t.appointmentAt !== null ? { callFrom: iso(v, Math.max(t.issuedAt, t.appointmentAt - v.state.model.appointmentLeadSec * 1000))! } : {}),
    ...(t.lang ? { language: t.lang } : {}),
    ...(t.steps.some((s, i) => s.status === 'no-show' && i < t.steps.length - 1) ? { reinstated: true } : {}),
  };
  if (full) {
    view.trackToken = t.trackToken;
    view.steps = t.steps.map((s) => stepView(v, s));
    const visitor = v.visitor?.(t.id);
    if (visitor) view.visitor = visitor;
  }
  return view;
}

export function serviceViews(v: ViewContext, only?: Iterable<string>): ServiceView[] {
  const wanted = only ? new Set(only) : null;
  const waiting = queueSummary(v.state).byService;
  return v.state.model.services.filter((s) => !wanted || wanted.has(s.id)).map((s) => {
    const windowIds = v.state.model.windows.filter((w) => w.skills.includes(s.id)).map((w) => w.id);
    const w = waiting.get(s.id);
    return {
      id: s.id, name: s.name, prefix: s.prefix, targetWaitSec: s.targetWaitSec,
      ...(s.nameEn ? { nameEn: s.nameEn } : {}), ...(s.category ? { category: s.category } : {}), ...(s.realName ? { realName: s.realName } : {}),
      waiting: w?.n ?? 0,
      longestWaitSec: w ? Math.max(0, Math.round((v.now - w.oldest) / 1000)) : 0,
      ...estimateForNewView(v, s.id),
      windowIds,
      openWindows: windowIds.filter((id) => v.state.windows.get(id)?.status === 'open').length,
    };
  });
}

/** The wait a ticket taken now would be told (0 and `noWindow` while no open window can serve it). */
function estimateForNewView(v: ViewContext, serviceId: string): { estimatedWaitSec: number; noWindow?: true } {
  const sec = estimateForNewTicket(v.state, serviceId, v.now).estimatedWaitSec;
  return sec === null ? { estimatedWaitSec: 0, noWindow: true } : { estimatedWaitSec: sec };
}

export function windowView(v: ViewContext, w: WindowState): WindowView {
  const def = v.state.model.windows.find((d) => d.id === w.id)!;
  const cur = w.currentTicketId ? v.state.tickets.get(w.currentTicketId) : undefined;
  const step = cur ? currentStep(cur) : null;
  return {
    id: w.id, name: def.name, ...(def.nameEn ? { nameEn: def.nameEn } : {}), skills: def.skills,
    status: w.status, phase: windowPhase(v.state, w),
    clerk: w.clerkId ? { id: w.clerkId, name: v.clerkName(w.clerkId) } : null,
    pauseReason: w.pauseReason, since: iso(v, w.since)!, freeSince: iso(v, w.freeSince)!,
    currentTicket: cur && step ? {
      id: cur.id, number: cur.number, serviceId: step.serviceId, priority: cur.priority, status: step.status,
      calledAt: iso(v, step.calledAt), startedAt: iso(v, step.startedAt), reason: step.reason,
    } : null,
    servedToday: w.servedCount,
    held: w.held.map((id) => ({ id, number: v.state.tickets.get(id)?.number ?? '?' })),
    autoCallSec: w.autoCallSec, autoCallAt: iso(v, autoCallAt(w)),
    ready: w.readySince === null ? null : { since: iso(v, w.readySince)!, reason: w.readyReason ?? 'nothing-waiting' },
  };
}

export function windowViews(v: ViewContext): WindowView[] {
  return [...v.state.windows.values()].map((w) => windowView(v, w));
}

export function callView(v: ViewContext, t: Ticket, windowId: string, at: number, recall: boolean): CallView {
  const name = v.state.model.windows.find((w) => w.id === windowId)?.name ?? windowId;
  return {
    ticketId: t.id, number: t.number, serviceId: currentStep(t).serviceId, windowId, windowName: name,
    text: announce(v.announcement, t.number, name), at: iso(v, at)!, recall,
    ...(v.voice ? { announcement: v.voice(t.number, windowId) } : {}),
    ...(t.priority === 'green' ? { mark: 'green' as const } : isBookedStep({ ticket: t, step: currentStep(t) }) ? { mark: 'booked' as const } : {}),
  };
}

/** Tickets not yet final, in queue order within each status: what staff see. */
export function openTickets(v: ViewContext): Ticket[] {
  return [...v.state.tickets.values()].filter((t) => !['done', 'no-show', 'cancelled', 'expired'].includes(ticketStatus(t)));
}

