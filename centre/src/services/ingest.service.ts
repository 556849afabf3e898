import type { Heartbeat, HeartbeatReply, IngestReply, NearbyOffer, ShippedEvent } from '@onewindow/protocol/centre';
import type { EventRepository } from '../repositories/event.repository.ts';
import type { HallRepository } from '../repositories/hall.repository.ts';
import type { ProjectionRepository } from '../repositories/projection.repository.ts';
import { project } from '../projection/project.ts';
import { transaction, type Pool } from '../store/pool.ts';
import { AppError } from './app-error.ts';
import type { Clock } from './clock.ts';
import { OFFLINE_AFTER_MS } from './wall/card.ts';

export type HallListener = (hallId: string) => void;

/**
 * What halls send: batches of their log and heartbeats. A batch is stored exactly once and in
 * order: under the hall's cursor row lock, events at or below the cursor are duplicates (ignored),
 * the first new one must be the cursor + 1 (else 409 SEQ_GAP with the expected seq), and the
 * events, their projections and the cursor commit together — a crash on either side at any moment
 * leaves either all of a batch or none of it.
 */
export class IngestService {
  private readonly listeners = new Set<HallListener>();
  /** The newest heartbeat of each hall, kept in memory for the wall and the nearby offers (also stored, read back at start-up). */
  readonly live = new Map<string, { at: number; hb: Heartbeat; name: string }>();

  constructor(
    private readonly pool: Pool,
    private readonly events: EventRepository,
    private readonly projections: ProjectionRepository,
    private readonly halls: HallRepository,
    private readonly clock: Clock,
    private readonly catalogueVersion: () => Promise<number | null>,
  ) {}

  onChange(l: HallListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async ingest(hallId: string, batch: readonly ShippedEvent[]): Promise<IngestReply> {
    for (let i = 1; i < batch.length; i++) {
      if (batch[i].seq !== batch[0].seq + i) throw new AppError(422, 'BATCH_NOT_CONSECUTIVE', `seq ${batch[i].seq} follows ${batch[i - 1].seq}: a batch is one run of consecutive seqs`);
    }
    await this.events.ensurePartitions(batch.map((e) => e.day));
    const reply = await transaction(this.pool, async (c) => {
      const shipped = await this.events.lockCursor(c, hallId);
      if (shipped === null) throw new AppError(404, 'UNKNOWN_HALL', `no hall ${hallId}`);
      const fresh = batch.filter((e) => e.seq > shipped);
      const duplicates = batch.length - fresh.length;
      if (fresh.length === 0) return { stored: 0, duplicates, shippedSeq: shipped, expectedSeq: shipped + 1 };
      if (fresh[0].seq !== shipped + 1) {
        throw new AppError(409, 'SEQ_GAP', `the centre holds this hall's log up to ${shipped}: send from ${shipped + 1}, not ${fresh[0].seq}`, { expectedSeq: shipped + 1 });
      }
      await this.events.insert(c, hallId, fresh);
      const loaded = await this.projections.load(c, hallId, fresh);
      await this.projections.save(c, project(hallId, fresh, loaded));
      const last = fresh[fresh.length - 1].seq;
      await this.events.advance(c, hallId, last);
      return { stored: fresh.length, duplicates, shippedSeq: last, expectedSeq: last + 1 };
    });
    if (reply.stored > 0) this.emit(hallId);
    return reply;
  }

  /** The last seq of a hall's log the centre holds. */
  async shippedSeq(hallId: string): Promise<number> {
    return this.halls.shippedSeq(hallId);
  }

  async heartbeat(hallId: string, hb: Heartbeat, hallName: string): Promise<HeartbeatReply> {
    await this.halls.saveHeartbeat(hallId, hb, this.clock());
    const before = this.live.get(hallId);
    this.live.set(hallId, { at: this.clock(), hb, name: hallName });
    const changed = !before || JSON.stringify(before.hb.services) !== JSON.stringify(hb.services) || before.hb.localSeq !== hb.localSeq
      || before.hb.open !== hb.open || this.clock() - before.at > OFFLINE_AFTER_MS;
    if (changed) this.emit(hallId);
    return { expectedSeq: (await this.halls.shippedSeq(hallId)) + 1, catalogueVersion: await this.catalogueVersion(), nearby: this.nearby(hallId) };
  }

  /** Loads the stored heartbeats at start-up, so nearby offers survive a restart of the centre. */
  async warm(names: Map<string, string>): Promise<void> {
    this.live.clear();
    for (const [id, h] of await this.halls.heartbeats()) this.live.set(id, { at: h.receivedAt, hb: h.body, name: names.get(id) ?? id });
  }

  /**
   * For each of this hall's services, the other online hall with the shortest estimated wait for
   * it, when that is shorter than here. Halls are matched by service id (the district catalogue's).
   */
  nearby(hallId: string): NearbyOffer[] {
    const now = this.clock();
    const me = this.live.get(hallId);
    if (!me) return [];
    const out: NearbyOffer[] = [];
    for (const s of me.hb.services) {
      // No open window here can serve it: any open hall is sooner (the hall's own estimate says 0 then).
      const here = s.openWindows > 0 ? s.estimatedWaitSec : Infinity;
      let best: NearbyOffer | null = null;
      for (const [id, other] of this.live) {
        if (id === hallId || now - other.at > OFFLINE_AFTER_MS || !other.hb.open) continue;
        const o = other.hb.services.find((x) => x.id === s.id && x.openWindows > 0);
        if (!o || o.estimatedWaitSec >= here) continue;
        if (!best || o.estimatedWaitSec < best.estimatedWaitSec) best = { serviceId: s.id, hallId: id, hallName: other.name, estimatedWaitSec: o.estimatedWaitSec, waiting: o.waiting };
      }
      if (best) out.push(best);
    }
    return out;
  }

  /** Every online hall's live waits, for the public page. */
  liveWaits(): Map<string, { at: number; hb: Heartbeat }> {
    return new Map([...this.live].map(([id, v]) => [id, { at: v.at, hb: v.hb }]));
  }

  rename(hallId: string, name: string): void {
    const v = this.live.get(hallId);
    if (v) v.name = name;
  }

  private emit(hallId: string): void {
    for (const l of this.listeners) l(hallId);
  }
}
