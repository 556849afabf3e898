import { isoLocal } from '@onewindow/protocol';
import type { Catalogue, CentreLinkStatus, Heartbeat, HeartbeatReply, IngestReply, NearbyAnswer, NearbyOffer, ShippedEvent } from '@onewindow/protocol/centre';
import type { CentreLinkRepository, SeqShift } from '../../repositories/centre-link.repository.ts';
import { backoffMs } from './backoff.ts';
import { centreLog, readCentreLog } from './centre-log.ts';
import { CentreHttpError, type CentreClient } from './client.ts';
import type { CentreSettings } from './settings.ts';

export interface LinkDeps {
  repo: CentreLinkRepository;
  client: Pick<CentreClient, 'request' | 'close'>;
  settings: CentreSettings;
  now(): number;
  timezone: string;
  /** The last seq on disk: events of a group not yet committed are never shipped. */
  committedSeq(): number;
  /** The log's length when this process opened it: nothing after it has been shipped before. */
  startSeq: number;
  /** Subscribes to committed events (to ship them soon). */
  onCommit(fn: (types: string[]) => void): () => void;
  summary(): Omit<Heartbeat, 'localSeq' | 'catalogueVersion'>;
  /** Lays a catalogue over the running configuration, like a reload; throws if the result is not valid. */
  applyCatalogue(c: Catalogue): void;
  raiseAlert(message: string, subject: string): void;
  /** The events only the centre holds after a restore (this log's seqs `after`+1 … `held`), read back from it once. */
  onLost?(events: ShippedEvent[], held: number): void;
  random?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

/** Nearby offers older than this are not shown: the centre may be gone. */
const NEARBY_FRESH_MS = 30_000;

/**
 * The hall's link to its district centre, device glue like a printer: it hears committed events
 * and ships them in seq order in batches, keeps its cursor in SQLite, sends a heartbeat with the
 * live summary, follows the district catalogue, and never stands in a visitor's request. When the
 * centre cannot be reached it retries with exponential backoff and jitter, for as long as it takes.
 *
 * A hall restored from an old backup has a log shorter than the centre's copy: its new events take
 * seqs the centre already holds, with other contents, and would be taken for duplicates and lost.
 * So the link ships nothing before the centre has said where it stands (a heartbeat's answer). If
 * the centre holds more than this log had when the process started, the log was restored: every
 * event up to then is at the centre already (the backup is a prefix of what was shipped), and the
 * events after it go on from the centre's end (`SeqShift`, kept in meta), with an alert saying so.
 */
export class CentreLink {
  /** The last seq of this log (the hall's numbering) the centre holds. */
  private cursor: number;
  private shift: SeqShift | null;
  /** The centre has said where it stands since the start: shipping may begin. */
  private aligned = false;
  private committed: number;
  private shipping = false;
  private timer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private stopped = false;
  private connected = false;
  private lastError: string | null = null;
  private lastShippedAt: number | null = null;
  private lastContactAt: number | null = null;
  private downSince: number | null = null;
  private alerted = false;
  private published: number | null = null;
  private applied: number | null;
  private catalogueError: string | null = null;
  private nearby: NearbyOffer[] = [];
  private nearbyAt = 0;
  private readonly off: () => void;

  constructor(private readonly d: LinkDeps) {
    this.cursor = d.repo.cursor();
    this.shift = d.repo.shift();
    this.committed = d.committedSeq();
    this.applied = d.settings.followCatalogue ? d.repo.appliedCatalogue<Catalogue>()?.version ?? null : null;
    this.off = d.onCommit(() => {
      this.committed = Math.max(this.committed, d.committedSeq());
      if (!this.timer && !this.shipping) this.schedule(0);
    });
  }

  start(): void {
    const stored = this.d.settings.followCatalogue ? this.d.repo.appliedCatalogue<Catalogue>() : null;
    if (stored) this.apply(stored);
    this.schedule(0);
    void this.heartbeat();
  }

  stop(): void {
    this.stopped = true;
    this.off();
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.d.client.close();
  }

  status(): CentreLinkStatus {
    const local = this.d.committedSeq();
    const iso = (ms: number | null) => (ms === null ? null : isoLocal(ms, this.d.timezone));
    return {
      configured: true, url: this.d.settings.url, hallId: this.d.settings.hallId, connected: this.connected,
      shippedSeq: this.cursor, localSeq: local, pending: Math.max(0, local - this.cursor), lastError: this.lastError,
      lastShippedAt: iso(this.lastShippedAt), lastContactAt: iso(this.lastContactAt), downSince: iso(this.downSince),
      catalogue: { follows: this.d.settings.followCatalogue, published: this.published, applied: this.applied, error: this.catalogueError },
    };
  }

  nearbyFor(serviceId: string | null): NearbyAnswer {
    const fresh = this.connected && this.d.now() - this.nearbyAt <= NEARBY_FRESH_MS;
    if (!fresh) return { available: false, offers: [] };
    return { available: true, offers: this.nearby.filter((o) => !serviceId || o.serviceId === serviceId) };
  }

  /** Ships until nothing is pending; on failure, tries again after a backoff. */
  private async ship(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.shipping || !this.aligned) return; // the heartbeat's answer schedules it
    this.shipping = true;
    try {
      this.committed = Math.max(this.committed, this.d.committedSeq());
      for (;;) {
        const events = this.d.repo.eventsAfter(this.cursor, this.committed, this.d.settings.batchSize).map((e) => ({ ...e, seq: this.toCentre(e.seq) }));
        if (events.length === 0) break;
        try {
          const r = await this.d.client.request<IngestReply>('POST', `/api/halls/${encodeURIComponent(this.d.settings.hallId)}/events`, { events });
          this.moveCursor(this.toHall(r.shippedSeq));
          this.lastShippedAt = this.d.now();
        } catch (e) {
          // The centre holds a different length of this log (our cursor write was lost, or the
          // centre's store went back): it says where it stands, and that is where we resume.
          if (e instanceof CentreHttpError && e.code === 'SEQ_GAP') {
            this.moveCursor(this.toHall(Number((e.details as { expectedSeq: number }).expectedSeq) - 1));
            this.contact();
            continue;
          }
          throw e;
        }
        this.contact();
        if (this.stopped) return;
      }
      this.attempts = 0;
    } catch (e) {
      this.failed(e);
      this.schedule(backoffMs(this.attempts++, this.d.random));
    } finally {
      this.shipping = false;
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    try {
      const hb: Heartbeat = { ...this.d.summary(), localSeq: this.toCentre(this.d.committedSeq()), catalogueVersion: this.d.settings.followCatalogue ? this.applied : null };
      const r = await this.d.client.request<HeartbeatReply>('POST', `/api/halls/${encodeURIComponent(this.d.settings.hallId)}/heartbeat`, hb);
      this.contact();
      this.nearby = r.nearby;
      this.nearbyAt = this.d.now();
      this.published = r.catalogueVersion;
      const held = r.expectedSeq - 1;
      if (!this.aligned && held > this.toCentre(this.d.startSeq)) this.rebase(held);
      else if (this.toHall(held) !== this.cursor) this.moveCursor(this.toHall(held));
      this.aligned = true;
      // The centre answers again: whatever backoff the shipping was in is over.
      if (this.cursor < this.d.committedSeq() && !this.shipping) {
        this.attempts = 0;
        this.schedule(0);
      }
      if (this.d.settings.followCatalogue && r.catalogueVersion !== null && r.catalogueVersion !== this.applied) await this.fetchCatalogue();
    } catch (e) {
      this.failed(e);
    } finally {
      if (!this.stopped) this.heartbeatTimer = setTimeout(() => void this.heartbeat(), this.d.settings.heartbeatMs);
      this.heartbeatTimer?.unref();
    }
  }

  private async fetchCatalogue(): Promise<void> {
    const c = await this.d.client.request<Catalogue>('GET', `/api/halls/${encodeURIComponent(this.d.settings.hallId)}/catalogue`);
    this.apply(c);
  }

  /** Applies a catalogue version (a refused one is reported and the running services stay as they are). */
  private apply(c: Catalogue): void {
    try {
      this.d.applyCatalogue(c);
      this.d.repo.saveCatalogue(c);
      this.applied = c.version;
      this.catalogueError = null;
    } catch (e) {
      this.catalogueError = `catalogue v${c.version} refused: ${(e as Error).message}`;
      this.d.log?.(this.catalogueError, e);
    }
  }

  /** Re-applies the catalogue after the hall file was reloaded (SIGHUP, the admin console). */
  reapply(): void {
    const c = this.d.settings.followCatalogue ? this.d.repo.appliedCatalogue<Catalogue>() : null;
    if (c) this.apply(c);
  }

  /**
   * The centre holds `held` events of this hall, more than this log had at the start: the log was
   * restored. What it had then is at the centre; what came after goes on from `held`.
   */
  private rebase(held: number): void {
    const start = this.d.startSeq;
    const lost = held - this.toCentre(start);
    this.shift = { after: start, by: held - start };
    this.d.repo.saveShift(this.shift);
    this.moveCursor(start);
    const message = `区中心存有本厅 ${lost} 条本地已没有的记录（恢复了旧备份？）：这些记录仍在区中心，本厅的新记录接在区中心第 ${held} 条之后续传，不会覆盖`;
    this.d.log?.(`the centre holds ${lost} events this restored log does not have: new events go on after its seq ${held}`);
    this.d.raiseAlert(message, `centre-link:rebased:${held}`);
    if (this.d.onLost) void this.readLost(this.toCentre(start), held).catch((e) => this.d.log?.('reading back the events only the centre holds failed', e));
  }

  /** Reads back from the centre its events after `after` up to `held`, and hands them on. */
  private async readLost(after: number, held: number): Promise<void> {
    const lost = await readCentreLog(centreLog(this.d.client, this.d.settings.hallId), after, held, () => !this.stopped);
    if (!this.stopped) this.d.onLost!(lost, held);
  }

  /** A seq of this log as the centre numbers it. */
  private toCentre(seq: number): number {
    return this.shift && seq > this.shift.after ? seq + this.shift.by : seq;
  }

  /** The last seq of this log covered by the centre's seq `seq` (the centre's own after a restore map to where the log was restored). */
  private toHall(seq: number): number {
    if (!this.shift || seq <= this.shift.after) return seq;
    return Math.max(this.shift.after, seq - this.shift.by);
  }

  private moveCursor(seq: number): void {
    this.cursor = Math.max(0, seq);
    this.d.repo.saveCursor(this.cursor);
  }

  private contact(): void {
    this.connected = true;
    this.lastContactAt = this.d.now();
    this.lastError = null;
    this.downSince = null;
    this.alerted = false;
  }

  private failed(e: unknown): void {
    const now = this.d.now();
    this.connected = false;
    this.lastError = e instanceof CentreHttpError ? `${e.status} ${e.code}: ${e.message}` : (e as Error).message;
    this.downSince ??= now;
    if (!this.alerted && now - this.downSince >= this.d.settings.alertAfterMs) {
      this.alerted = true;
      const min = Math.round((now - this.downSince) / 60_000);
      this.d.raiseAlert(`与区中心的连接已中断 ${min} 分钟（${this.lastError}），本厅照常办理，恢复后自动补传`, `centre-link:${this.downSince}`);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ship(), ms);
    this.timer.unref();
  }
}
