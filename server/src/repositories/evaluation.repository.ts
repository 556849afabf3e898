import type { EvaluationRequest } from '@onewindow/protocol';
import type { Ticket } from '../engine/index.ts';
import type { Db } from './db.ts';

export interface Aspects { efficiency: number; competence: number; attitude: number }

export interface EvaluationRow {
  id: string;
  ticketId: string;
  day: string;
  number: string;
  serviceId: string;
  windowId: string;
  clerkId: string | null;
  score: number;
  aspects: Aspects | null;
  reasons: string[] | null;
  comment: string | null;
  contact: string | null;
  source: 'pad-web' | 'pad-serial';
  deviceId: string | null;
  at: number;
}

/** An `evaluation.requested` event as the log holds it. */
export interface RequestedRow { seq: number; at: number; ticketId: string; windowId: string; request: EvaluationRequest }

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);

function toRow(r: Record<string, unknown>): EvaluationRow {
  return {
    id: r.id as string, ticketId: r.ticket_id as string, day: r.day as string, number: r.number as string,
    serviceId: r.service_id as string, windowId: r.window_id as string, clerkId: r.clerk_id as string | null,
    score: r.score as number, aspects: parse<Aspects>(r.aspects), reasons: parse<string[]>(r.reasons),
    comment: r.comment as string | null, contact: r.contact as string | null, source: r.source as EvaluationRow['source'],
    deviceId: r.device_id as string | null, at: r.at as number,
  };
}

function toRequested(r: { seq: number; data: string } | undefined): RequestedRow | null {
  if (!r) return null;
  const e = JSON.parse(r.data) as Omit<RequestedRow, 'seq'>;
  return { seq: r.seq, at: e.at, ticketId: e.ticketId, windowId: e.windowId, request: e.request };
}

/** Ratings (好差评), the follow-ups bad ones open, and the evaluation requests in the event log. */
export class EvaluationRepository {
  private readonly insertEval;
  private readonly insertFollowUp;
  private readonly byTicket;
  private readonly ofDay;
  private readonly lastRequestOfTicket;
  private readonly lastRequestOfWindow;
  private readonly storedTicket;
  private readonly scores;

  constructor(private readonly db: Db) {
    this.insertEval = db.prepare(`INSERT INTO evaluations (id, ticket_id, day, number, service_id, window_id, clerk_id, score,
      aspects, reasons, comment, contact, source, device_id, at) VALUES (@id, @ticketId, @day, @number, @serviceId, @windowId,
      @clerkId, @score, @aspects, @reasons, @comment, @contact, @source, @deviceId, @at)`);
    this.insertFollowUp = db.prepare(`INSERT INTO follow_ups (id, evaluation_id, ticket_id, day, status, opened_at)
      VALUES (?, ?, ?, ?, 'open', ?)`);
    this.byTicket = db.prepare('SELECT * FROM evaluations WHERE ticket_id = ?');
    this.ofDay = db.prepare('SELECT * FROM evaluations WHERE day = ? ORDER BY at, id');
    this.lastRequestOfTicket = db.prepare(`SELECT seq, data FROM events WHERE ticket_id = ? AND type = 'evaluation.requested'
      ORDER BY seq DESC LIMIT 1`);
    this.lastRequestOfWindow = db.prepare(`SELECT seq, data FROM events WHERE day = ? AND type = 'evaluation.requested' AND window_id = ?
      ORDER BY seq DESC LIMIT 1`);
    this.storedTicket = db.prepare('SELECT data FROM tickets WHERE id = ?');
    this.scores = db.prepare('SELECT score, COUNT(*) AS n FROM evaluations WHERE day = ? GROUP BY score');
  }

  insert(e: EvaluationRow): void {
    this.insertEval.run({ ...e, aspects: json(e.aspects), reasons: json(e.reasons) });
  }

  openFollowUp(id: string, e: EvaluationRow, at: number): void {
    this.insertFollowUp.run(id, e.id, e.ticketId, e.day, at);
  }

  findByTicket(ticketId: string): EvaluationRow | null {
    const r = this.byTicket.get(ticketId) as Record<string, unknown> | undefined;
    return r ? toRow(r) : null;
  }

  /** Scores of these tickets, for the counter's recent list. */
  scoresOf(ticketIds: string[]): Map<string, number> {
    const out = new Map<string, number>();
    if (ticketIds.length === 0) return out;
    const rows = this.db.prepare(`SELECT ticket_id, score FROM evaluations WHERE ticket_id IN (${ticketIds.map(() => '?').join(',')})`)
      .all(...ticketIds) as { ticket_id: string; score: number }[];
    for (const r of rows) out.set(r.ticket_id, r.score);
    return out;
  }

  /** How many ratings of each score a day has (scores nobody gave are absent). */
  scoreCounts(day: string): { score: number; n: number }[] {
    return this.scores.all(day) as { score: number; n: number }[];
  }

  listDay(day: string): EvaluationRow[] {
    return (this.ofDay.all(day) as Record<string, unknown>[]).map(toRow);
  }

  lastRequestForTicket(ticketId: string): RequestedRow | null {
    return toRequested(this.lastRequestOfTicket.get(ticketId) as { seq: number; data: string } | undefined);
  }

  lastRequestForWindow(day: string, windowId: string): RequestedRow | null {
    return toRequested(this.lastRequestOfWindow.get(day, windowId) as { seq: number; data: string } | undefined);
  }

  /** A ticket of an earlier day (a rating sent just across the daily reset). */
  ticket(id: string): Ticket | null {
    const r = this.storedTicket.get(id) as { data: string } | undefined;
    return r ? (JSON.parse(r.data) as Ticket) : null;
  }
}
