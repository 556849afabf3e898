import { randomUUID } from 'node:crypto';
import { BAD_SCORE_MAX } from '@onewindow/protocol';
import type { ShippedEvent } from '@onewindow/protocol/centre';
import { apply, currentStep, FINAL_STATUSES, restoreHallState, type HallModel, type HallState } from '../../engine/index.ts';
import { CentreLinkRepository } from '../../repositories/centre-link.repository.ts';
import { AppointmentRepository } from '../../repositories/appointment.repository.ts';
import type { Db } from '../../repositories/db.ts';
import { EvaluationRepository, type EvaluationRow } from '../../repositories/evaluation.repository.ts';
import { EventRepository } from '../../repositories/event.repository.ts';
import { FollowUpRepository } from '../../repositories/follow-up.repository.ts';
import { HallRepository } from '../../repositories/hall.repository.ts';
import { readCentreLog, type CentreLog } from '../centre/centre-log.ts';
import { isEngineEvent, type LogEvent } from '../hall/log-events.ts';

/** What a restore took back from the centre. */
export interface TakenBack {
  /** Events appended to the restored log, and the seqs they carry (the centre's, which are the hall's). */
  events: number;
  fromSeq: number | null;
  toSeq: number | null;
  /** The restored database's business day after them. */
  day: string;
  /** Tickets of that day the restored queue has again, and the numbers still waiting or at a window. */
  tickets: number;
  open: string[];
  /** Ratings put back (with their follow-ups), from the centre's copy: without the visitor's comment or contact, which never left the hall. */
  ratings: number;
}

export class TakeBackRefused extends Error {}

/**
 * Fetches the events the centre holds after this log's end. The centre's copy must continue the
 * log: its event at the log's last seq is the same event (the backup is a prefix of what was
 * shipped), else this is another hall's backup, or a log renumbered by an earlier restore.
 */
export async function fetchLost(db: Db, read: CentreLog): Promise<ShippedEvent[]> {
  if (new CentreLinkRepository(db).shift()) {
    throw new TakeBackRefused('this backup already continues an earlier restore, numbered after the centre\'s end: its events are not taken back');
  }
  const log = new EventRepository(db);
  const end = log.lastSeq();
  const events = await readCentreLog(read, Math.max(0, end - 1));
  const theirs = events.find((e) => e.seq === end);
  const [mine] = log.since(end - 1, 1);
  if (theirs && (!mine || mine.type !== theirs.type || mine.at !== theirs.at)) {
    throw new TakeBackRefused(`the centre's event ${end} is not this backup's last event: a backup of another hall, or of a log the centre does not hold`);
  }
  return events.filter((e) => e.seq > end);
}

/**
 * Appends events the centre holds after this log's end to the log, with the same seqs, and applies
 * them as the live hall did: the engine's events to the tickets and windows through the same
 * reducer, bookings' check-ins, ratings and follow-ups to their tables. One transaction: all of
 * it, or nothing.
 */
export function replayLost(db: Db, model: HallModel, lost: readonly ShippedEvent[], now: number): TakenBack {
  const hall = new HallRepository(db);
  const log = new EventRepository(db);
  const ratings = new EvaluationRepository(db);
  const followUps = new FollowUpRepository(db);
  const bookings = new AppointmentRepository(db);
  const insert = db.prepare('INSERT INTO events (seq, day, at, type, ticket_id, window_id, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return db.transaction(() => {
    const stored = hall.meta('day') ?? lost[0]?.day;
    let state: HallState | null = null;
    if (stored) {
      const { tickets, windows } = hall.loadDay(stored);
      state = restoreHallState(model, stored, tickets, windows, now);
    }
    const touched = new Set<string>();
    const flush = (s: HallState) => {
      for (const id of touched) {
        const t = s.tickets.get(id);
        if (t) hall.saveTicket(t);
      }
      touched.clear();
      for (const w of s.windows.values()) hall.saveWindow(s.day, w);
    };
    let expected = log.lastSeq() + 1;
    let restoredRatings = 0;
    for (const e of lost) {
      if (e.seq !== expected) throw new TakeBackRefused(`the centre's events leave a gap: ${expected} expected, ${e.seq} sent`);
      expected++;
      insert.run(e.seq, e.day, e.at, e.type, e.ticketId, e.windowId, e.actor, JSON.stringify(e.data));
      const event = e.data as unknown as LogEvent;
      if (isEngineEvent(event)) {
        if (!state) throw new TakeBackRefused('the backup holds no business day to apply the events to');
        if (event.type === 'day.started') {
          flush(state);
          hall.setMeta('day', event.day);
        }
        apply(state, event);
        if (e.ticketId) touched.add(e.ticketId);
        // A booking checked in after the backup stays checked in: its visitor holds this ticket.
        if (event.type === 'ticket.issued' && event.ticket.appointmentId) bookings.checkIn(event.ticket.appointmentId, event.ticket.id, event.at);
      } else if (event.type === 'evaluation.recorded' && e.detail) {
        if (putRating(ratings, e, event.score)) restoredRatings++;
      } else if (event.type === 'follow-up.recorded') {
        const f = followUps.byTicket(event.ticketId);
        if (f && f.status !== 'resolved') {
          followUps.update({
            id: f.id, status: event.status,
            calledBackAt: event.status === 'called-back' ? f.calledBackAt ?? event.at : f.calledBackAt,
            resolvedAt: event.status === 'resolved' ? event.at : null,
            notes: [...f.notes, { at: event.at, by: event.by, status: event.status, note: event.note ?? '' }],
          });
        }
      }
    }
    if (state) flush(state);
    const open = state ? [...state.tickets.values()].filter((t) => !FINAL_STATUSES.has(currentStep(t).status)).map((t) => t.number) : [];
    return {
      events: lost.length, fromSeq: lost[0]?.seq ?? null, toSeq: lost.at(-1)?.seq ?? null,
      day: state?.day ?? stored ?? '', tickets: state?.tickets.size ?? 0, open, ratings: restoredRatings,
    };
  })();
}

/** A rating as the centre has it (the event and the facts shipped beside it), with its follow-up if bad. */
function putRating(repo: EvaluationRepository, e: ShippedEvent, score: number): boolean {
  const d = e.detail as { day?: string; number?: string; serviceId?: string; clerkId?: string | null; reasons?: string[]; aspects?: EvaluationRow['aspects']; source?: EvaluationRow['source'] };
  if (!e.ticketId || !e.windowId || !d.day || !d.number || !d.serviceId || repo.findByTicket(e.ticketId)) return false;
  const row: EvaluationRow = {
    id: randomUUID(), ticketId: e.ticketId, day: d.day, number: d.number, serviceId: d.serviceId, windowId: e.windowId,
    clerkId: d.clerkId ?? null, score, aspects: d.aspects ?? null, reasons: score <= BAD_SCORE_MAX ? d.reasons ?? [] : null,
    comment: null, contact: null, source: d.source ?? 'pad-web', deviceId: null, at: e.at,
  };
  repo.insert(row);
  if (score <= BAD_SCORE_MAX) repo.openFollowUp(randomUUID(), row, e.at);
  return true;
}
