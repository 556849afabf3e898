import type { Db } from './db.ts';

export type FollowUpStatus = 'open' | 'called-back' | 'resolved';
export interface FollowUpNote { at: number; by: string; status: FollowUpStatus; note: string }

/** A follow-up with the rating that opened it. */
export interface FollowUpRow {
  id: string;
  evaluationId: string;
  ticketId: string;
  day: string;
  status: FollowUpStatus;
  openedAt: number;
  calledBackAt: number | null;
  resolvedAt: number | null;
  notes: FollowUpNote[];
  number: string;
  serviceId: string;
  windowId: string;
  clerkId: string | null;
  score: number;
  reasons: string[];
  comment: string | null;
  contact: string | null;
  ratedAt: number;
}

const SELECT = `SELECT f.*, e.number, e.service_id, e.window_id, e.clerk_id, e.score, e.reasons, e.comment, e.contact, e.at AS rated_at
  FROM follow_ups f JOIN evaluations e ON e.id = f.evaluation_id`;

function toRow(r: Record<string, unknown>): FollowUpRow {
  return {
    id: r.id as string, evaluationId: r.evaluation_id as string, ticketId: r.ticket_id as string, day: r.day as string,
    status: r.status as FollowUpStatus, openedAt: r.opened_at as number, calledBackAt: r.called_back_at as number | null,
    resolvedAt: r.resolved_at as number | null, notes: JSON.parse((r.notes as string) || '[]') as FollowUpNote[],
    number: r.number as string, serviceId: r.service_id as string, windowId: r.window_id as string, clerkId: r.clerk_id as string | null,
    score: r.score as number, reasons: r.reasons ? (JSON.parse(r.reasons as string) as string[]) : [],
    comment: r.comment as string | null, contact: r.contact as string | null, ratedAt: r.rated_at as number,
  };
}

/** Follow-ups of bad reviews (rows are opened by the evaluation service; this side works them). */
export class FollowUpRepository {
  private readonly all;
  private readonly pending;
  private readonly one;
  private readonly ofTicket;
  private readonly save;
  private readonly alerted;

  constructor(db: Db) {
    this.all = db.prepare(`${SELECT} ORDER BY f.opened_at, f.id LIMIT ?`);
    this.pending = db.prepare(`${SELECT} WHERE f.status != 'resolved' ORDER BY f.opened_at, f.id`);
    this.one = db.prepare(`${SELECT} WHERE f.id = ?`);
    this.ofTicket = db.prepare(`${SELECT} WHERE f.ticket_id = ?`);
    this.save = db.prepare('UPDATE follow_ups SET status = ?, called_back_at = ?, resolved_at = ?, notes = ? WHERE id = ?');
    this.alerted = db.prepare('SELECT 1 FROM alerts WHERE kind = ? AND subject = ? LIMIT 1');
  }

  /** Open and called-back ones, oldest first. */
  unresolved(): FollowUpRow[] {
    return (this.pending.all() as Record<string, unknown>[]).map(toRow);
  }

  /** Every follow-up, resolved ones too, oldest first. */
  list(limit = 1000): FollowUpRow[] {
    return (this.all.all(limit) as Record<string, unknown>[]).map(toRow);
  }

  get(id: string): FollowUpRow | null {
    const r = this.one.get(id) as Record<string, unknown> | undefined;
    return r ? toRow(r) : null;
  }

  /** The follow-up of a ticket's bad review, if it has one. */
  byTicket(ticketId: string): FollowUpRow | null {
    const r = this.ofTicket.get(ticketId) as Record<string, unknown> | undefined;
    return r ? toRow(r) : null;
  }

  update(r: Pick<FollowUpRow, 'id' | 'status' | 'calledBackAt' | 'resolvedAt' | 'notes'>): void {
    this.save.run(r.status, r.calledBackAt, r.resolvedAt, JSON.stringify(r.notes), r.id);
  }

  /** Whether an alert of this kind was ever raised about this subject (acknowledged or not). */
  wasAlerted(kind: string, subject: string): boolean {
    return this.alerted.get(kind, subject) !== undefined;
  }
}
