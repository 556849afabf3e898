import type { ShippedEvent } from '@onewindow/protocol/centre';
import type { Db } from './db.ts';

const CURSOR = 'centre.shippedSeq';
const CATALOGUE = 'centre.catalogue';
const SHIFT = 'centre.seqShift';

/** Hall seqs after `after` are numbered `seq + by` at the centre (link.service.ts: a restored log). */
export interface SeqShift { after: number; by: number }

/**
 * The hall's side of its link to the district centre: the cursor (the last seq of this log the
 * centre confirmed holding), the shift of seqs after a restore and the applied catalogue, in `meta`; the log read in seq order, each
 * rating with what the hall stored beside its event (never the visitor's contact).
 */
export class CentreLinkRepository {
  private readonly read;
  private readonly last;
  private readonly get;
  private readonly set;

  constructor(private readonly db: Db) {
    this.read = db.prepare(`SELECT e.seq, e.day, e.at, e.type, e.ticket_id, e.window_id, e.actor, e.data,
        v.day AS r_day, v.number AS r_number, v.service_id AS r_service, v.clerk_id AS r_clerk, u.name AS r_clerk_name, v.reasons AS r_reasons,
        v.aspects AS r_aspects, v.source AS r_source
      FROM events e
      LEFT JOIN evaluations v ON e.type = 'evaluation.recorded' AND v.ticket_id = e.ticket_id
      LEFT JOIN users u ON u.id = v.clerk_id
      WHERE e.seq > ? AND e.seq <= ? ORDER BY e.seq LIMIT ?`);
    this.last = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
    this.get = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  cursor(): number {
    return Number((this.get.get(CURSOR) as { value: string } | undefined)?.value ?? 0);
  }

  saveCursor(seq: number): void {
    this.set.run(CURSOR, String(seq));
  }

  shift(): SeqShift | null {
    const v = (this.get.get(SHIFT) as { value: string } | undefined)?.value;
    return v ? (JSON.parse(v) as SeqShift) : null;
  }

  saveShift(s: SeqShift): void {
    this.set.run(SHIFT, JSON.stringify(s));
  }

  lastSeq(): number {
    return (this.last.get() as { seq: number }).seq;
  }

  /** Events after `after`, up to `upTo` (what is committed), at most `limit`. */
  eventsAfter(after: number, upTo: number, limit: number): ShippedEvent[] {
    return (this.read.all(after, upTo, limit) as Record<string, unknown>[]).map((r) => {
      const e: ShippedEvent = {
        seq: r.seq as number, day: r.day as string, at: r.at as number, type: r.type as string, ticketId: r.ticket_id as string | null,
        windowId: r.window_id as string | null, actor: r.actor as string | null, data: JSON.parse(r.data as string) as Record<string, unknown>,
      };
      if (r.type === 'evaluation.recorded' && r.r_service) {
        e.detail = {
          day: r.r_day, number: r.r_number, serviceId: r.r_service, clerkId: r.r_clerk, clerkName: r.r_clerk_name ?? null,
          reasons: r.r_reasons ? JSON.parse(r.r_reasons as string) : [], aspects: r.r_aspects ? JSON.parse(r.r_aspects as string) : null, source: r.r_source,
        };
      }
      return e;
    });
  }

  appliedCatalogue<T>(): T | null {
    const v = (this.get.get(CATALOGUE) as { value: string } | undefined)?.value;
    return v ? (JSON.parse(v) as T) : null;
  }

  saveCatalogue(c: unknown): void {
    this.set.run(CATALOGUE, JSON.stringify(c));
  }
}
