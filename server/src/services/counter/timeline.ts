import type { TicketLogRow } from '../../repositories/ticket-log.repository.ts';

/**
 * A visit's timeline, rebuilt from the event log alone: every entry with who did it, where and when,
 * and the phases (waiting, called, serving, on hold) of each matter. Pure: names come in as functions.
 */
export type PhaseName = 'waiting' | 'called' | 'serving' | 'held';

export interface TimelineEntry {
  seq: number;
  at: number;
  type: string;
  /** Which matter of the visit (0 = the first service; 一票到底 adds more). */
  matter: number;
  serviceId: string | null;
  windowId: string | null;
  clerkId: string | null;
  actor: string | null;
  detail: Record<string, unknown>;
}

export interface Phase {
  matter: number;
  serviceId: string;
  phase: PhaseName;
  from: number;
  to: number | null;
  windowId: string | null;
  clerkId: string | null;
}

export interface Timeline { entries: TimelineEntry[]; phases: Phase[] }

const DETAIL_KEYS = ['reason', 'outcome', 'note', 'nextServiceId', 'toServiceId', 'toWindowId', 'front', 'score', 'stepIndex', 'status'];

export function buildTimeline(rows: TicketLogRow[]): Timeline {
  const entries: TimelineEntry[] = [];
  const phases: Phase[] = [];
  let matter = 0;
  let serviceId: string | null = null;
  let windowId: string | null = null;
  let clerkId: string | null = null;
  let open: Phase | null = null;
  /** The matter last finished, and by whom: what a rating that follows is about. */
  let finished = { matter: 0, serviceId: null as string | null, clerkId: null as string | null };

  const close = (at: number) => {
    if (open) open.to = at;
    open = null;
  };
  const begin = (phase: PhaseName, at: number) => {
    close(at);
    open = { matter, serviceId: serviceId ?? '', phase, from: at, to: null, windowId, clerkId };
    phases.push(open);
  };
  const nextMatter = (service: string, at: number, target: string | null) => {
    matter++;
    serviceId = service;
    windowId = target;
    clerkId = null;
    begin('waiting', at);
  };

  for (const r of rows) {
    const d = r.data;
    const at = r.at;
    const before = { matter, serviceId, windowId, clerkId };
    switch (r.type) {
      case 'ticket.issued': {
        const steps = (d.ticket as { steps?: { serviceId: string }[] } | undefined)?.steps;
        serviceId = steps?.[0]?.serviceId ?? null;
        begin('waiting', at);
        break;
      }
      case 'ticket.called':
        windowId = r.windowId;
        clerkId = (d.clerkId as string | null) ?? null;
        begin('called', at);
        break;
      case 'ticket.started': begin('serving', at); break;
      case 'ticket.held': begin('held', at); break;
      case 'ticket.finished':
        close(at);
        finished = { matter, serviceId, clerkId };
        if (typeof d.nextServiceId === 'string') nextMatter(d.nextServiceId, at, null);
        break;
      case 'ticket.transferred':
        close(at);
        nextMatter(d.toServiceId as string, at, (d.toWindowId as string | null) ?? null);
        break;
      case 'ticket.no-show': case 'ticket.cancelled': case 'ticket.expired': close(at); break;
      // Back in the queue from the guide desk: the same matter again, as a further step.
      case 'ticket.reinstated': nextMatter(d.serviceId as string, at, null); break;
    }
    const who = about(r, before, finished, { matter, serviceId, windowId, clerkId });
    entries.push({ seq: r.seq, at, type: r.type, ...who, windowId: r.windowId, actor: r.actor, detail: pick(d) });
  }
  return { entries, phases };
}

interface Where { matter: number; serviceId: string | null; windowId: string | null; clerkId: string | null }

/** Which matter an entry is about, and the clerk at its window then. */
function about(r: TicketLogRow, before: Where, finished: Omit<Where, 'windowId'>, after: Where): Omit<Where, 'windowId'> {
  switch (r.type) {
    case 'ticket.issued': return { matter: 0, serviceId: after.serviceId, clerkId: null };
    case 'ticket.called': return { matter: after.matter, serviceId: after.serviceId, clerkId: after.clerkId };
    case 'evaluation.requested': case 'evaluation.recorded': case 'follow-up.recorded': return finished;
    case 'ticket.flagged': return { matter: Number(r.data.stepIndex), serviceId: String(r.data.serviceId), clerkId: null };
  }
  return { matter: before.matter, serviceId: before.serviceId, clerkId: r.windowId && r.windowId === before.windowId ? before.clerkId : null };
}

function pick(d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of DETAIL_KEYS) if (d[k] !== undefined && d[k] !== null) out[k] = d[k];
  return out;
}
