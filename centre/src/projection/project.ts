import type { AlertRow, Changes, DayCounts, HallFollowUpRow, Loaded, PrinterRow, ProjectedEvent, RatingRow, VisitRow, WindowRow } from './types.ts';

/**
 * Applies a hall's events, in seq order, to the rows they touch. Pure and deterministic: ingest runs
 * it on each batch, the rebuild runs it on the whole log, and both must end with the same rows.
 * Visits are folded as the hall's own reports fold its log (a ticket's matters, waits from the
 * queue or the booked slot, first call kept across a hold), so district figures agree with the hall's.
 */
export function project(hallId: string, events: readonly ProjectedEvent[], loaded: Loaded): Changes {
  const hall = { ...loaded.hall };
  const dirtyVisits = new Set<VisitRow>();
  const dirtyWindows = new Set<WindowRow>();
  const ratings: RatingRow[] = [];
  const followUps: HallFollowUpRow[] = [];
  const printers = new Map<string, PrinterRow>();
  const alerts = new Map<string, AlertRow>();
  const days = new Map<string, DayCounts>();
  const count = (day: string) => {
    let c = days.get(day);
    if (!c) days.set(day, (c = { issued: 0, served: 0, rated: 0, good: 0, bad: 0 }));
    return c;
  };
  const steps = (ticketId: string | null) => (ticketId ? loaded.visits.get(ticketId) : undefined);
  const current = (ticketId: string | null) => steps(ticketId)?.find((v) => v.current);
  const window = (id: string, at: number): WindowRow => {
    let w = loaded.windows.get(id);
    if (!w) loaded.windows.set(id, (w = { hallId, windowId: id, status: 'closed', clerkId: null, pauseReason: null, since: at, currentTicketId: null }));
    dirtyWindows.add(w);
    return w;
  };
  const free = (windowId: string | null, at: number) => {
    if (windowId) window(windowId, at).currentTicketId = null;
  };
  const close = (v: VisitRow, end: VisitRow['endKind'], at: number) => {
    v.endKind = end;
    v.endedAt = at;
    dirtyVisits.add(v);
    if (end === 'done') count(v.day).served++;
  };
  const next = (prev: VisitRow, serviceId: string, at: number) => {
    prev.current = false;
    const v: VisitRow = {
      ...prev, step: prev.step + 1, serviceId, queuedAt: at, waitFrom: at, calledAt: null, windowId: null, clerkId: null,
      startedAt: null, endedAt: null, endKind: null, outcome: null, reason: null, flagged: false, current: true,
    };
    steps(prev.ticketId)!.push(v);
    dirtyVisits.add(v);
  };

  for (const e of events) {
    const d = e.data;
    hall.projectedSeq = e.seq;
    if (!hall.day || e.day > hall.day) hall.day = e.day;
    hall.lastEventAt = e.at;
    switch (e.type) {
      case 'ticket.issued': {
        const t = d.ticket as { id: string; number: string; priority: string; appointmentAt: number | null; steps: { serviceId: string }[] };
        const slot = t.appointmentAt;
        const v: VisitRow = {
          hallId, ticketId: t.id, step: 0, day: e.day, number: t.number, priority: t.priority, serviceId: t.steps[0].serviceId,
          issuedAt: e.at, queuedAt: e.at, waitFrom: slot !== null && slot > e.at ? slot : e.at, calledAt: null, windowId: null,
          clerkId: null, startedAt: null, endedAt: null, endKind: null, outcome: null, reason: null, flagged: false, current: true,
        };
        loaded.visits.set(t.id, [v]);
        dirtyVisits.add(v);
        count(e.day).issued++;
        break;
      }
      case 'ticket.called': {
        const v = current(e.ticketId);
        if (v && v.calledAt === null) {
          Object.assign(v, { calledAt: e.at, windowId: e.windowId, clerkId: (d.clerkId as string | null) ?? null });
          dirtyVisits.add(v);
        }
        if (e.windowId) window(e.windowId, e.at).currentTicketId = e.ticketId;
        break;
      }
      case 'ticket.started': {
        const v = current(e.ticketId);
        if (v && v.startedAt === null) { v.startedAt = e.at; dirtyVisits.add(v); }
        break;
      }
      case 'ticket.finished': {
        const v = current(e.ticketId);
        if (v) {
          close(v, 'done', e.at);
          v.outcome = (d.outcome as string) ?? null;
          if (typeof d.nextServiceId === 'string') next(v, d.nextServiceId, e.at);
        }
        free(e.windowId, e.at);
        break;
      }
      case 'ticket.no-show':
      case 'ticket.held': {
        const v = current(e.ticketId);
        if (v && e.type === 'ticket.no-show') close(v, 'no-show', e.at);
        free(e.windowId, e.at);
        break;
      }
      case 'ticket.transferred': {
        const v = current(e.ticketId);
        if (v) {
          close(v, 'transferred', e.at);
          next(v, d.toServiceId as string, e.at);
        }
        free(e.windowId, e.at);
        break;
      }
      case 'ticket.reinstated': {
        // A no-show put back in the queue at the guide desk: the same matter as a further step.
        const v = current(e.ticketId);
        if (v) next(v, d.serviceId as string, e.at);
        break;
      }
      case 'ticket.cancelled':
      case 'ticket.expired': {
        const v = current(e.ticketId);
        if (v) {
          close(v, e.type === 'ticket.cancelled' ? 'cancelled' : 'expired', e.at);
          v.reason = (d.reason as string) ?? null;
        }
        for (const w of loaded.windows.values()) if (w.currentTicketId === e.ticketId) free(w.windowId, e.at);
        break;
      }
      case 'ticket.flagged': {
        const v = steps(e.ticketId)?.[d.stepIndex as number];
        if (v) { v.flagged = true; dirtyVisits.add(v); }
        break;
      }
      case 'window.signed-in':
        Object.assign(window(e.windowId!, e.at), { status: 'open', clerkId: d.clerkId as string, pauseReason: null, since: e.at });
        break;
      case 'window.signed-out':
        Object.assign(window(e.windowId!, e.at), { status: 'closed', clerkId: null, pauseReason: null, since: e.at });
        break;
      case 'window.paused':
        Object.assign(window(e.windowId!, e.at), { status: 'paused', pauseReason: d.reason as string, since: e.at });
        break;
      case 'window.resumed':
        Object.assign(window(e.windowId!, e.at), { status: 'open', pauseReason: null, since: e.at });
        break;
      case 'day.started':
        for (const w of loaded.windows.values()) {
          Object.assign(w, { status: 'closed', clerkId: null, pauseReason: null, since: e.at, currentTicketId: null });
          dirtyWindows.add(w);
        }
        break;
      case 'evaluation.recorded': {
        const r = rating(hallId, e, current(e.ticketId) ?? steps(e.ticketId)?.at(-1));
        if (!r) break;
        ratings.push(r);
        const c = count(r.day);
        c.rated++;
        if (r.score >= 4) c.good++;
        if (r.score <= 2) c.bad++;
        break;
      }
      case 'follow-up.recorded': {
        const f = d as { status?: unknown; note?: unknown; by?: unknown };
        if (!e.ticketId || (f.status !== 'called-back' && f.status !== 'resolved')) break;
        followUps.push({ hallId, seq: e.seq, ticketId: e.ticketId, status: f.status, note: typeof f.note === 'string' ? f.note : '', byName: typeof f.by === 'string' ? f.by : '', at: e.at });
        break;
      }
      case 'printer.status': {
        const p = d.printer as { kioskId: string; state: string; detail?: string };
        printers.set(p.kioskId, { hallId, kioskId: p.kioskId, state: p.state, detail: p.detail ?? null, at: e.at });
        break;
      }
      case 'alert.raised':
      case 'alert.acknowledged': {
        const a = d.alert as { id: string; kind: string; level: string; message: string; subject?: string };
        const before = alerts.get(a.id);
        alerts.set(a.id, {
          hallId, alertId: a.id, kind: a.kind, level: a.level, message: a.message, subject: a.subject ?? null,
          raisedAt: before?.raisedAt ?? e.at, acknowledgedAt: e.type === 'alert.acknowledged' ? e.at : null,
        });
        break;
      }
    }
  }
  return { hall, visits: [...dirtyVisits], windows: [...dirtyWindows], ratings, followUps, printers: [...printers.values()], alerts: [...alerts.values()], days };
}

/** A rating from `evaluation.recorded` and what the hall stored beside it (its detail). */
function rating(hallId: string, e: ProjectedEvent, served: VisitRow | undefined): RatingRow | null {
  const d = e.data as { ticketId?: string; windowId?: string; score?: number };
  const x = (e.detail ?? {}) as { serviceId?: string; clerkId?: string | null; clerkName?: string | null; reasons?: string[] | null; aspects?: unknown; source?: string; day?: string; number?: string };
  const score = Number(d.score);
  if (!d.ticketId || !Number.isInteger(score) || score < 1 || score > 5) return null;
  return {
    hallId, ticketId: d.ticketId, day: x.day ?? served?.day ?? e.day, number: x.number ?? served?.number ?? '',
    serviceId: x.serviceId ?? served?.serviceId ?? '', windowId: d.windowId ?? e.windowId ?? '',
    clerkId: x.clerkId ?? served?.clerkId ?? null, clerkName: x.clerkName ?? null, score,
    reasons: Array.isArray(x.reasons) ? x.reasons : [], aspects: x.aspects ?? null, channel: x.source ?? 'pad', at: e.at, seq: e.seq,
  };
}
