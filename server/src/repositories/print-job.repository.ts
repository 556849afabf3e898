import type { PrintOutcome } from '@onewindow/protocol';
import type { Db } from './db.ts';

export interface PrintJobRow {
  id: string;
  kioskId: string;
  ticketId: string | null;
  number: string;
  bytes: Buffer;
  createdAt: number;
  sentCount: number;
  finishedAt: number | null;
  outcome: PrintOutcome | null;
  deviceId: string | null;
}

const toJob = (r: any): PrintJobRow => ({
  id: r.id, kioskId: r.kiosk_id, ticketId: r.ticket_id, number: r.number, bytes: r.bytes, createdAt: r.created_at,
  sentCount: r.sent_count, finishedAt: r.finished_at, outcome: r.outcome, deviceId: r.device_id,
});

/** Print jobs kept for device agents until one says the job is finished (print_jobs, 0005-agents.sql). */
export class PrintJobRepository {
  private readonly insertRow;
  private readonly openRows;
  private readonly expireRows;
  private readonly finishRow;
  private readonly sentRow;
  private readonly byId;
  private readonly openCount;
  private readonly lastRow;
  private readonly purgeRows;

  constructor(db: Db) {
    this.insertRow = db.prepare('INSERT INTO print_jobs (id, kiosk_id, ticket_id, number, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.openRows = db.prepare('SELECT * FROM print_jobs WHERE kiosk_id = ? AND finished_at IS NULL ORDER BY created_at, rowid');
    this.expireRows = db.prepare(`UPDATE print_jobs SET finished_at = ?, outcome = 'expired' WHERE kiosk_id = ? AND finished_at IS NULL AND created_at < ?`);
    this.finishRow = db.prepare('UPDATE print_jobs SET finished_at = ?, outcome = ?, device_id = ? WHERE id = ? AND finished_at IS NULL');
    this.sentRow = db.prepare('UPDATE print_jobs SET sent_count = sent_count + 1 WHERE id = ?');
    this.byId = db.prepare('SELECT * FROM print_jobs WHERE id = ?');
    this.openCount = db.prepare('SELECT COUNT(*) AS n FROM print_jobs WHERE kiosk_id = ? AND finished_at IS NULL AND created_at >= ?');
    this.lastRow = db.prepare('SELECT * FROM print_jobs WHERE kiosk_id = ? AND finished_at IS NOT NULL ORDER BY finished_at DESC, rowid DESC LIMIT 1');
    this.purgeRows = db.prepare('DELETE FROM print_jobs WHERE finished_at IS NOT NULL AND finished_at < ?');
  }

  insert(j: Pick<PrintJobRow, 'id' | 'kioskId' | 'ticketId' | 'number' | 'bytes' | 'createdAt'>): void {
    this.insertRow.run(j.id, j.kioskId, j.ticketId, j.number, j.bytes, j.createdAt);
  }

  /** A kiosk's unfinished jobs, oldest first. */
  open(kioskId: string): PrintJobRow[] {
    return this.openRows.all(kioskId).map(toJob);
  }

  /** Gives up a kiosk's unfinished jobs made before `before`; returns how many. */
  expire(kioskId: string, before: number, at: number): number {
    return this.expireRows.run(at, kioskId, before).changes;
  }

  /** Records the outcome once: false when the job is unknown or already finished. */
  finish(id: string, outcome: PrintOutcome, deviceId: string, at: number): boolean {
    return this.finishRow.run(at, outcome, deviceId, id).changes === 1;
  }

  sent(id: string): void {
    this.sentRow.run(id);
  }

  get(id: string): PrintJobRow | null {
    const r = this.byId.get(id);
    return r ? toJob(r) : null;
  }

  /** Unfinished jobs of a kiosk made since `since`. */
  countOpen(kioskId: string, since: number): number {
    return (this.openCount.get(kioskId, since) as { n: number }).n;
  }

  lastFinished(kioskId: string): PrintJobRow | null {
    const r = this.lastRow.get(kioskId);
    return r ? toJob(r) : null;
  }

  /** Forgets finished jobs older than `before`. */
  purge(before: number): number {
    return this.purgeRows.run(before).changes;
  }
}
