import { isoLocal, type Timeline, type WindowSummary } from '@onewindow/protocol';
import { currentStep, waitingFrom, type Step, type Ticket } from '../../engine/index.ts';
import type { TicketLogRepository } from '../../repositories/ticket-log.repository.ts';
import { AppError } from '../app-error.ts';
import type { Principal } from '../auth/auth.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import { actorOf } from '../queue/queue.service.ts';
import { buildTimeline } from './timeline.ts';

export interface Names {
  user(id: string): string;
  device(id: string): string;
}

/** Service seconds of one matter: from start (or the call, if never started) to its end. */
export function serviceSec(s: Step): number | null {
  const begun = s.startedAt ?? s.calledAt;
  return begun === null || s.finishedAt === null ? null : Math.max(0, Math.round((s.finishedAt - begun) / 1000));
}

/**
 * What the counter terminal shows beside the current ticket: the queues this window serves, today's
 * figures, the last tickets with their ratings; flags on service times; a visit's timeline.
 */
export class CounterService {
  constructor(
    private readonly hall: HallService,
    private readonly log: TicketLogRepository,
    private readonly scoresOf: (ticketIds: string[]) => Map<string, number>,
    private readonly names: Names,
  ) {}

  summary(p: Principal, windowId: string): WindowSummary {
    const s = this.hall.state;
    const def = s.model.windows.find((w) => w.id === windowId);
    if (!def) throw new AppError(404, 'UNKNOWN_WINDOW', `no window ${windowId}`);
    this.authorize(p, windowId);
    const now = this.hall.now();
    const iso = (ms: number) => isoLocal(ms, this.hall.timezone);
    const groups = new Map(def.skills.map((id) => [id, { n: 0, oldest: Infinity }]));
    const targeted = { n: 0, oldest: Infinity };
    for (const id of s.waiting) {
      const ticket = s.tickets.get(id)!;
      const step = currentStep(ticket);
      if (step.status !== 'waiting') continue;
      const g = step.targetWindowId === windowId ? targeted : step.targetWindowId === null ? groups.get(step.serviceId) : undefined;
      if (!g) continue;
      g.n++;
      g.oldest = Math.min(g.oldest, waitingFrom({ ticket, step }));
    }
    const longest = (oldest: number) => (oldest === Infinity ? 0 : Math.max(0, Math.round((now - oldest) / 1000)));
    const flagged = new Set(this.log.flagsAtWindow(s.day, windowId).map((f) => `${f.ticketId}#${f.stepIndex}`));

    const finished: { t: Ticket; i: number; step: Step }[] = [];
    for (const t of s.tickets.values()) {
      t.steps.forEach((step, i) => {
        if (step.windowId === windowId && step.finishedAt !== null && ['done', 'no-show', 'transferred'].includes(step.status)) finished.push({ t, i, step });
      });
    }
    const done = finished.filter((f) => f.step.status === 'done');
    const timed = done.filter((f) => !flagged.has(`${f.t.id}#${f.i}`)).map((f) => serviceSec(f.step)).filter((x): x is number => x !== null);
    finished.sort((a, b) => b.step.finishedAt! - a.step.finishedAt!);
    const recent = finished.slice(0, 5);
    const scores = this.scoresOf([...new Set(recent.map((r) => r.t.id))]);

    return {
      windowId, at: iso(now),
      waiting: def.skills.map((id) => {
        const g = groups.get(id)!;
        return { serviceId: id, waiting: g.n, longestWaitSec: longest(g.oldest), oldestAt: g.oldest === Infinity ? null : iso(g.oldest), targetWaitSec: s.model.services.find((x) => x.id === id)?.targetWaitSec ?? 0 };
      }),
      targeted: { waiting: targeted.n, longestWaitSec: longest(targeted.oldest), oldestAt: targeted.oldest === Infinity ? null : iso(targeted.oldest) },
      servedToday: done.filter((f) => f.step.outcome !== 'incomplete').length,
      incompleteToday: done.filter((f) => f.step.outcome === 'incomplete').length,
      noShowToday: finished.filter((f) => f.step.status === 'no-show').length,
      transferredToday: finished.filter((f) => f.step.status === 'transferred').length,
      meanServiceSec: timed.length ? Math.round(timed.reduce((a, b) => a + b, 0) / timed.length) : null,
      recent: recent.map(({ t, i, step }) => ({
        ticketId: t.id, number: t.number, serviceId: step.serviceId, stepIndex: i, status: step.status, outcome: step.outcome, note: step.note,
        calledAt: step.calledAt === null ? null : iso(step.calledAt), finishedAt: iso(step.finishedAt!), serviceSec: serviceSec(step),
        score: step.status === 'done' ? scores.get(t.id) ?? null : null, flagged: flagged.has(`${t.id}#${i}`),
      })),
    };
  }

  /** Marks one matter's service time as inaccurate (the visitor left to make a call, the system hung…). */
  flag(p: Principal, ticketId: string, input: { note: string; stepIndex?: number }) {
    const t = this.hall.state.tickets.get(ticketId);
    if (!t) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${ticketId} today`);
    const index = input.stepIndex ?? lastTimed(t);
    const step = t.steps[index];
    if (!step || step.calledAt === null) throw new AppError(409, 'STEP_NOT_TIMED', `${t.number} has no service time to flag${input.stepIndex === undefined ? '' : ` in matter ${index}`}`);
    if (p.kind !== 'user') throw new AppError(403, 'FORBIDDEN', 'people flag service times');
    if (p.role === 'clerk') {
      const here = [...this.hall.state.windows.values()].find((w) => w.clerkId === p.id)?.id;
      if (step.clerkId !== p.id && step.windowId !== here) throw new AppError(403, 'NOT_YOUR_TICKET', `${t.number} was not served by you or at your window`);
    }
    if (this.log.flagsOfTicket(t.id).some((f) => f.stepIndex === index)) throw new AppError(409, 'ALREADY_FLAGGED', `${t.number} is already flagged`);
    const at = this.hall.now();
    const note = input.note.trim();
    this.hall.commit([{ type: 'ticket.flagged', at, ticketId: t.id, windowId: step.windowId, stepIndex: index, serviceId: step.serviceId, note }], actorOf(p));
    return { ticketId: t.id, number: t.number, stepIndex: index, serviceId: step.serviceId, windowId: step.windowId, note, at: isoLocal(at, this.hall.timezone) };
  }

  timeline(ticketId: string): Timeline {
    const rows = this.log.events(ticketId);
    if (rows.length === 0) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${ticketId}`);
    const issued = rows.find((r) => r.type === 'ticket.issued')?.data.ticket as { number?: string } | undefined;
    const { entries, phases } = buildTimeline(rows);
    const now = this.hall.now();
    const iso = (ms: number) => isoLocal(ms, this.hall.timezone);
    const windowName = (id: string | null) => (id ? this.hall.model.windows.find((w) => w.id === id)?.name ?? id : null);
    const clerkName = (id: string | null) => (id ? this.names.user(id) : null);
    return {
      ticketId, number: issued?.number ?? this.hall.state.tickets.get(ticketId)?.number ?? '',
      entries: entries.map((e) => ({
        seq: e.seq, at: iso(e.at), type: e.type, matter: e.matter, serviceId: e.serviceId,
        windowId: e.windowId, windowName: windowName(e.windowId), clerkId: e.clerkId, clerkName: clerkName(e.clerkId),
        actor: this.actor(e.actor), detail: e.detail,
      })),
      phases: phases.map((ph) => ({
        matter: ph.matter, serviceId: ph.serviceId, phase: ph.phase, from: iso(ph.from), to: ph.to === null ? null : iso(ph.to),
        sec: Math.max(0, Math.round(((ph.to ?? now) - ph.from) / 1000)),
        windowId: ph.windowId, windowName: windowName(ph.windowId), clerkId: ph.clerkId, clerkName: clerkName(ph.clerkId),
      })),
    };
  }

  private actor(a: string | null): { kind: string; id: string | null; name: string } {
    if (!a || a === 'system') return { kind: 'system', id: null, name: '系统' };
    const i = a.indexOf(':');
    const kind = i < 0 ? a : a.slice(0, i);
    const id = i < 0 ? null : a.slice(i + 1);
    if (kind === 'user' && id) return { kind, id, name: this.names.user(id) };
    if (kind === 'device' && id) return { kind, id, name: this.names.device(id) };
    return { kind, id, name: a };
  }

  /** The clerk signed in at the window, or a supervisor. */
  private authorize(p: Principal, windowId: string): void {
    if (p.kind !== 'user') throw new AppError(403, 'FORBIDDEN', 'people read a window\'s summary');
    if (p.role === 'supervisor' || p.role === 'admin') return;
    if (this.hall.state.windows.get(windowId)?.clerkId !== p.id) throw new AppError(403, 'NOT_AT_WINDOW', `you are not signed in at ${windowId}`);
  }
}

/** The latest matter that has a service time: the one a clerk means when flagging "this ticket". */
function lastTimed(t: Ticket): number {
  for (let i = t.steps.length - 1; i >= 0; i--) if (t.steps[i].calledAt !== null) return i;
  return t.steps.length - 1;
}
