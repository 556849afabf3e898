import type { LogEntry, OutcomeName, Visit } from './types.ts';

interface IssuedTicket {
  id: string;
  number: string;
  priority: string;
  issuedAt: number;
  appointmentAt: number | null;
  steps: { serviceId: string }[];
}

/**
 * Folds a day's event log into visits (one per matter of every ticket), independently of the
 * engine's reducer: the report is a second reading of the log, not a copy of the live state.
 * Wait is measured as scenario.md defines it: called − joined the queue; a booked first matter
 * from its slot when the visitor came earlier. A ticket resumed from hold keeps its first call.
 */
export function foldVisits(log: readonly LogEntry[]): Visit[] {
  const out: Visit[] = [];
  const current = new Map<string, Visit>();
  const all = new Map<string, Visit[]>();
  const open = (v: Visit) => {
    out.push(v);
    current.set(v.ticketId, v);
    all.set(v.ticketId, [...(all.get(v.ticketId) ?? []), v]);
  };
  const next = (prev: Visit, serviceId: string, at: number) => open({
    ...prev, step: prev.step + 1, serviceId, queuedAt: at, waitFrom: at, calledAt: null, windowId: null, clerkId: null,
    startedAt: null, endedAt: null, end: null, outcome: null, reason: null, flagged: false,
  });
  const close = (v: Visit, end: Visit['end'], at: number) => {
    v.end = end;
    v.endedAt = at;
  };

  for (const e of log) {
    const d = e.data;
    if (e.type === 'ticket.issued') {
      const t = d.ticket as IssuedTicket;
      const slot = t.appointmentAt;
      open({
        ticketId: t.id, number: t.number, priority: t.priority, step: 0, serviceId: t.steps[0].serviceId,
        issuedAt: e.at, queuedAt: e.at, waitFrom: slot !== null && slot > e.at ? slot : e.at,
        calledAt: null, windowId: null, clerkId: null, startedAt: null, endedAt: null, end: null, outcome: null, reason: null, flagged: false,
      });
      continue;
    }
    const v = e.ticketId ? current.get(e.ticketId) : undefined;
    if (!v) continue;
    switch (e.type) {
      case 'ticket.called':
        if (v.calledAt === null) {
          v.calledAt = e.at;
          v.windowId = e.windowId;
          v.clerkId = (d.clerkId as string | null) ?? null;
        }
        break;
      case 'ticket.started':
        v.startedAt ??= e.at;
        break;
      case 'ticket.finished':
        close(v, 'done', e.at);
        v.outcome = d.outcome as OutcomeName;
        if (typeof d.nextServiceId === 'string') next(v, d.nextServiceId, e.at);
        break;
      case 'ticket.no-show':
        close(v, 'no-show', e.at);
        break;
      case 'ticket.transferred':
        close(v, 'transferred', e.at);
        next(v, d.toServiceId as string, e.at);
        break;
      case 'ticket.reinstated':
        // The matter again: its wait counts from the visitor's return, whatever place they were given.
        next(v, d.serviceId as string, e.at);
        break;
      case 'ticket.cancelled':
      case 'ticket.expired':
        close(v, e.type === 'ticket.cancelled' ? 'cancelled' : 'expired', e.at);
        v.reason = (d.reason as string) ?? null;
        break;
      case 'ticket.flagged': {
        const flagged = all.get(v.ticketId)?.[d.stepIndex as number];
        if (flagged) flagged.flagged = true;
        break;
      }
    }
  }
  return out;
}

/** Seconds of service of a finished matter: from the start (or the call, if never started) to the finish. */
export function serviceSec(v: Visit): number | null {
  if (v.end !== 'done' || v.endedAt === null) return null;
  const begun = v.startedAt ?? v.calledAt;
  return begun === null ? null : Math.max(0, (v.endedAt - begun) / 1000);
}

/** Seconds waited, for a called matter. */
export function waitSec(v: Visit): number | null {
  return v.calledAt === null ? null : Math.max(0, (v.calledAt - v.waitFrom) / 1000);
}
