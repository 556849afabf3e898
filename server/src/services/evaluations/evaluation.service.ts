import { randomUUID } from 'node:crypto';
import type { EvaluationRequest } from '@onewindow/protocol';
import { BAD_SCORE_MAX, SCORE_LABELS, isoLocal, reviewReasonCode } from '@onewindow/protocol';
import type { Ticket } from '../../engine/index.ts';
import type { Aspects, EvaluationRepository, EvaluationRow } from '../../repositories/evaluation.repository.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import { AppError } from '../app-error.ts';
import { maskContact } from '../privacy.ts';
import type { HallService } from '../hall/hall.service.ts';
import { EVALUATION_WINDOW_MS } from '../queue/queue.service.ts';

export interface EvaluationInput {
  ticketId: string;
  score: number;
  reasons?: string[];
  aspects?: Aspects;
  comment?: string;
  contact?: string;
}

/** Who rates: always the pad of one window, over the web or on the serial line. */
export interface Rater {
  windowId: string;
  source: 'pad-web' | 'pad-serial';
  deviceId: string | null;
  /** The log's actor: `device:<id>` for a paired tablet, `serial:pad:<window>@<address>` for a wired pad. */
  actor: string;
}

export interface EvaluationView {
  id: string; ticketId: string; number: string; serviceId: string; windowId: string;
  clerkId: string | null; clerkName: string | null; score: number; label: string;
  aspects: Aspects | null; reasons: string[]; reasonCodes: (string | null)[]; comment: string | null; contact: string | null;
  source: string; at: string; followUp: boolean;
}

/**
 * 好差评 from the pads: accepted only from the pad of the window that finished the ticket's last
 * matter, once per ticket, while the request is fresh; 1–2 open a follow-up and alert supervisors.
 */
export class EvaluationService {
  constructor(
    private readonly repo: EvaluationRepository,
    private readonly hall: HallService,
    private readonly alerts: AlertService,
    private readonly clerkName: (id: string) => string,
  ) {}

  record(input: EvaluationInput, rater: Rater): EvaluationView {
    const ticket = this.hall.state.tickets.get(input.ticketId) ?? this.repo.ticket(input.ticketId);
    if (!ticket) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${input.ticketId}`);
    const request = this.repo.lastRequestForTicket(ticket.id);
    const step = lastFinished(ticket);
    if (!request || !step) throw new AppError(409, 'EVALUATION_NOT_REQUESTED', `${ticket.number} has not been finished at a window`);
    if (request.windowId !== rater.windowId || step.windowId !== rater.windowId) {
      throw new AppError(403, 'EVALUATION_WRONG_WINDOW', `${ticket.number} was not served at this pad's window`);
    }
    if (this.repo.findByTicket(ticket.id)) throw new AppError(409, 'EVALUATION_DUPLICATE', `${ticket.number} has already been rated`);
    const now = this.hall.now();
    if (now > request.at + EVALUATION_WINDOW_MS) throw new AppError(409, 'EVALUATION_EXPIRED', `the time to rate ${ticket.number} is over`);

    const bad = input.score <= BAD_SCORE_MAX;
    const row: EvaluationRow = {
      id: randomUUID(), ticketId: ticket.id, day: ticket.day, number: ticket.number, serviceId: step.serviceId,
      windowId: rater.windowId, clerkId: step.clerkId, score: input.score, aspects: input.aspects ?? null,
      reasons: bad ? asGiven(input.reasons) : null,
      comment: input.comment?.trim() || null, contact: input.contact?.trim() || null,
      source: rater.source, deviceId: rater.deviceId, at: now,
    };
    this.hall.commit([{ type: 'evaluation.recorded', at: now, ticketId: ticket.id, windowId: rater.windowId, score: input.score }], rater.actor, () => {
      this.repo.insert(row);
      if (bad) this.repo.openFollowUp(randomUUID(), row, now);
    });
    if (bad) this.alertBadReview(row);
    return this.view(row, false);
  }

  /** What the window's pad should be asking now: the latest request, not yet rated, not expired. */
  pending(windowId: string): EvaluationRequest | null {
    const r = this.repo.lastRequestForWindow(this.hall.state.day, windowId);
    if (!r || this.hall.now() > r.at + EVALUATION_WINDOW_MS) return null;
    if (this.repo.findByTicket(r.ticketId)) return null;
    return r.request;
  }

  /** A business day's ratings (today when no date is given), contacts masked. */
  list(day: string = this.hall.state.day): { date: string; evaluations: EvaluationView[] } {
    return { date: day, evaluations: this.repo.listDay(day).map((r) => this.view(r, true)) };
  }

  scoresOf(ticketIds: string[]): Map<string, number> {
    return this.repo.scoresOf(ticketIds);
  }

  private alertBadReview(r: EvaluationRow): void {
    const model = this.hall.model;
    const service = model.services.find((s) => s.id === r.serviceId)?.name ?? r.serviceId;
    const window = model.windows.find((w) => w.id === r.windowId)?.name ?? r.windowId;
    const clerk = r.clerkId ? `，${this.clerkName(r.clerkId)}` : '';
    this.alerts.raise('bad-review', r.score === 1 ? 'critical' : 'warning',
      `差评：${r.number}（${service}，${window}${clerk}）评为「${SCORE_LABELS[r.score].zh}」，请回访`, `ticket:${r.ticketId}`);
  }

  private view(r: EvaluationRow, masked: boolean): EvaluationView {
    return {
      id: r.id, ticketId: r.ticketId, number: r.number, serviceId: r.serviceId, windowId: r.windowId,
      clerkId: r.clerkId, clerkName: r.clerkId ? this.clerkName(r.clerkId) : null, score: r.score,
      label: SCORE_LABELS[r.score].zh, aspects: r.aspects, reasons: r.reasons ?? [], reasonCodes: (r.reasons ?? []).map(reviewReasonCode), comment: r.comment,
      contact: masked ? maskContact(r.contact) : r.contact, source: r.source, at: isoLocal(r.at, this.hall.timezone),
      followUp: r.score <= BAD_SCORE_MAX,
    };
  }
}

/** Reasons as the pad sent them (codes or free text), trimmed, each once; null when none. */
function asGiven(reasons: string[] | undefined): string[] | null {
  const kept = [...new Set((reasons ?? []).map((r) => r.trim()).filter((r) => r.length > 0))];
  return kept.length ? kept : null;
}

/** The matter whose service is being rated: the last one finished at a window. */
function lastFinished(t: Ticket) {
  for (let i = t.steps.length - 1; i >= 0; i--) if (t.steps[i].status === 'done' && t.steps[i].windowId) return t.steps[i];
  return null;
}
