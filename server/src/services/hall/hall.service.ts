import { randomBytes } from 'node:crypto';
import { monotonicId } from './ids.ts';
import {
  apply, businessDay, commands, createHallState, restoreHallState,
  type EngineContext, type HallModel, type HallState, type RoutingPolicy,
} from '../../engine/index.ts';
import type { EventRepository } from '../../repositories/event.repository.ts';
import type { HallRepository } from '../../repositories/hall.repository.ts';
import type { IdempotencyRepository, StoredResponse } from '../../repositories/idempotency.repository.ts';
import { isEngineEvent, subjects, type Committed, type LogEvent } from './log-events.ts';
import { isStorageFailure } from '../../repositories/integrity.ts';
import type { UnitOfWork } from '../../repositories/unit-of-work.ts';
import { AppError } from '../app-error.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { Ticket } from '../../engine/index.ts';


export interface HallServiceDeps {
  /** The transaction control (repositories/unit-of-work.ts): group commit without SQL here. */
  uow: UnitOfWork;
  model: HallModel;
  timezone: string;
  dailyReset: string;
  hall: HallRepository;
  events: EventRepository;
  idempotency: IdempotencyRepository;
  policy: RoutingPolicy;
  clock?: Clock;
  onListenerError?: (err: unknown) => void;
}

type Listener = (batch: Committed[]) => void;
/** What a probe of the store writes: more than a ticket's rows and the log's line together. */
const PROBE_BYTES = 16_384;
export interface Idempotency { scope: string; key: string }

/** The commands of one turn of the event loop: one SQLite transaction, one fsync (group commit). */
interface Group { batches: Committed[][]; done: Promise<void>; resolve(): void; reject(err: unknown): void }

/**
 * The one way state changes: ask the engine, append its events to the log and apply them in one
 * SQLite transaction, then tell listeners (sockets, devices). Nothing is announced that is not
 * committed, and nothing committed is lost: memory is rebuilt from SQLite if a write fails.
 *
 * Group commit: the commands of one turn of the event loop share a transaction (each in a
 * savepoint of its own) that commits at the end of the turn, so a busy morning pays one fsync per
 * turn, not one per ticket. Until then nobody is told: listeners hear a group once it is on disk,
 * and every HTTP answer waits for `durable()` (plugins/durable.ts), so a `kill -9` loses only what nobody was
 * told, and a group the disk refuses answers 503 to each of its commands.
 */
export class HallService {
  state!: HallState;
  readonly clock: Clock;
  private listeners: Listener[] = [];
  private appliers: Listener[] = [];
  private durableListeners: (() => void)[] = [];
  private group: Group | null = null;
  /** Set when SQLite could not keep a change (disk full, I/O error, corruption): nothing is issued until it clears. */
  storageFailure: { code: string; message: string; since: number } | null = null;

  /** The log's length when this process opened it, before anything was committed (the centre link's start: a restored log). */
  readonly openedSeq: number;

  constructor(private readonly deps: HallServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.openedSeq = deps.events.lastSeq();
    this.load();
  }

  get model(): HallModel { return this.state.model; }
  get policy(): RoutingPolicy { return this.deps.policy; }
  get timezone(): string { return this.deps.timezone; }
  now(): number { return this.clock.now(); }

  /** Ready check: degraded while the store cannot keep changes (disk full, I/O error, corruption). */
  health(): { status: 'ok' | 'degraded'; day: string; seq: number; storage?: { code: string; message: string; since: number } } {
    const failure = this.storageFailure;
    return { status: failure ? 'degraded' : 'ok', day: this.state.day, seq: this.lastSeq(), ...(failure ? { storage: failure } : {}) };
  }

  /** The log's last sequence number: what a snapshot is as of. */
  lastSeq(): number {
    return this.deps.events.lastSeq();
  }

  /** A ticket of any day by the token in its QR: today's from memory, an earlier day's from SQLite. */
  ticketByTrackToken(token: string): Ticket | null {
    for (const t of this.state.tickets.values()) if (t.trackToken === token) return t;
    return this.deps.hall.findByTrackToken(token);
  }

  /** Hears each command's events once they are on disk, in order. */
  onCommit(fn: Listener): () => void {
    this.listeners.push(fn);
    return () => { this.listeners = this.listeners.filter((l) => l !== fn); };
  }

  /**
   * Hears each command's events inside its transaction, once they applied: for rows that must be
   * stored with the events or not at all (a device agent's print job with its ticket). What it
   * throws fails the command, so it should throw only when the store does.
   */
  onApply(fn: Listener): () => void {
    this.appliers.push(fn);
    return () => { this.appliers = this.appliers.filter((l) => l !== fn); };
  }

  /** Called after each group is on disk and its listeners were told. */
  onDurable(fn: () => void): () => void {
    this.durableListeners.push(fn);
    return () => { this.durableListeners = this.durableListeners.filter((l) => l !== fn); };
  }

  /**
   * While a group is open: settles once what was applied so far is on disk (rejecting with 503
   * STORE_UNAVAILABLE if the disk refused it). Null when everything applied is already stored.
   */
  durable(): Promise<void> | null {
    return this.group?.done ?? null;
  }

  /** Commits the open group now (shutdown, tests); a no-op when none is open. */
  flush(): void {
    if (this.group) this.closeGroup(this.group);
  }

  context(): EngineContext {
    const now = this.now();
    return { now, newId: () => monotonicId(now), newToken: () => randomBytes(18).toString('base64url') };
  }

  /**
   * Runs a command. `decide` reads the state and returns events; `respond`, run inside the same
   * transaction after the events applied, builds the answer stored for an Idempotency-Key.
   */
  execute<T>(actor: string | null, decide: (s: HallState, ctx: EngineContext) => LogEvent[],
    respond: (batch: Committed[]) => StoredResponse & { body: T }, idem?: Idempotency): StoredResponse & { body: T } {
    if (this.storageFailure) this.recover();
    this.ensureDay();
    if (idem) {
      const prior = this.deps.idempotency.find(idem.scope, idem.key, this.state.day);
      if (prior) return prior as StoredResponse & { body: T };
    }
    const events = decide(this.state, this.context());
    let answer!: StoredResponse & { body: T };
    this.commit(events, actor, (b) => {
      answer = respond(b);
      if (idem) this.deps.idempotency.save(idem.scope, idem.key, this.state.day, answer);
    });
    return answer;
  }

  /** Appends and applies events in one transaction; announces them once committed. */
  commit(events: LogEvent[], actor: string | null, inTransaction?: (batch: Committed[]) => void): Committed[] {
    const batch: Committed[] = [];
    let group: Group;
    try {
      group = this.joinGroup();
      this.deps.uow.run(() => {
        const tickets = new Set<string>();
        const windows = new Set<string>();
        let allWindows = false;
        const flush = () => {
          for (const id of tickets) {
            const t = this.state.tickets.get(id);
            if (t) this.deps.hall.saveTicket(t);
          }
          for (const w of this.state.windows.values()) {
            if (allWindows || windows.has(w.id)) this.deps.hall.saveWindow(this.state.day, w);
          }
          tickets.clear();
          windows.clear();
          allWindows = false;
        };
        for (const event of events) {
          const day = event.type === 'day.started' ? event.day : this.state.day;
          const seq = this.deps.events.append({ ...event, ...subjects(event) }, day, actor);
          batch.push({ seq, event, actor });
          if (!isEngineEvent(event)) continue;
          // A new day empties memory: what the old day changed is written before it goes.
          if (event.type === 'day.started') flush();
          apply(this.state, event);
          const { ticketId, windowId } = subjects(event);
          if (ticketId) tickets.add(ticketId);
          if (windowId) windows.add(windowId);
          if (event.type === 'ticket.cancelled' || event.type === 'ticket.expired' || event.type === 'day.started') allWindows = true;
          if (event.type === 'day.started') {
            this.deps.hall.setMeta('day', event.day);
            this.applyNumberFloor();
          }
        }
        flush();
        for (const a of this.appliers) a(batch);
        inTransaction?.(batch);
      });
    } catch (err) {
      // Memory may hold half of what SQLite refused: SQLite is the truth, so read it back.
      if (!isStorageFailure(err)) {
        this.load();
        throw err;
      }
      this.storageFailure = { code: (err as { code: string }).code, message: (err as Error).message, since: this.now() };
      try {
        this.load();
      } catch {
        // Unreadable too: recover() retries before the next command.
      }
      throw this.unavailable();
    }
    if (batch.length > 0) group.batches.push(batch);
    return batch;
  }

  private joinGroup(): Group {
    const uow = this.deps.uow;
    if (this.group) {
      // SQLite rolled the whole group back on an earlier failure this turn: it is lost, and so is this.
      if (!uow.open) throw this.unavailable();
      return this.group;
    }
    uow.begin();
    let resolve!: () => void, reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
    // Awaited by each request through durable(); nobody may be waiting at all (timers, keypads).
    done.catch(() => undefined);
    const g: Group = { batches: [], done, resolve, reject };
    this.group = g;
    setImmediate(() => this.closeGroup(g));
    return g;
  }

  private closeGroup(g: Group): void {
    if (this.group !== g) return;
    this.group = null;
    const uow = this.deps.uow;
    try {
      if (!uow.open) throw Object.assign(new Error('the group transaction was rolled back'), { code: 'SQLITE_ABORT' });
      uow.commit();
    } catch (err) {
      try {
        uow.rollback();
      } catch {
        // Already rolled back by SQLite.
      }
      // A group SQLite already rolled back keeps the failure that did it.
      if (!this.storageFailure || isStorageFailure(err)) {
        this.storageFailure = { code: (err as { code?: string }).code ?? 'SQLITE_ERROR', message: (err as Error).message, since: this.now() };
      }
      try {
        this.load();
      } catch {
        // Unreadable too: recover() retries before the next command.
      }
      g.reject(this.unavailable());
      return;
    }
    for (const batch of g.batches) {
      for (const l of this.listeners) {
        try {
          l(batch);
        } catch (err) {
          // A listener's fault (a device, a printer) must not hold back the answers: it is reported.
          this.deps.onListenerError?.(err);
        }
      }
    }
    for (const fn of this.durableListeners) fn();
    g.resolve();
  }

  /**
   * A write outside the hall's own commands failed on the store (a sign-in's session, an audit
   * line, a booking): the hall is degraded from now on, as if a ticket had failed, and the caller
   * gets the same 503 STORE_UNAVAILABLE. Health probes the store until the failure clears.
   */
  storageError(err: unknown): AppError {
    if (!this.storageFailure) this.storageFailure = { code: (err as { code?: string }).code ?? 'SQLITE_ERROR', message: (err as Error).message, since: this.now() };
    return this.unavailable();
  }

  /** For the ready check: while degraded, tries the store again (at most every two seconds); the health after. */
  probe(): ReturnType<HallService['health']> {
    const now = this.now();
    if (this.storageFailure && !this.group && now - this.lastProbe >= 2000) {
      this.lastProbe = now;
      try {
        this.recover();
      } catch {
        // Still failing: health says so.
      }
    }
    return this.health();
  }
  private lastProbe = -Infinity;

  /**
   * Tries the store again: a write that sticks and a fresh read clear the failure. The write is a
   * few pages, not a line: a store with room for one small row but not for a ticket is still full.
   */
  recover(): void {
    try {
      this.deps.uow.run(() => this.deps.hall.setMeta('last-probe', String(this.now()).padEnd(PROBE_BYTES)));
      this.load();
      this.storageFailure = null;
    } catch (err) {
      if (this.storageFailure) this.storageFailure.message = (err as Error).message;
      throw this.unavailable();
    }
  }

  private unavailable(): AppError {
    return new AppError(503, 'STORE_UNAVAILABLE',
      `the hall cannot store tickets now (${this.storageFailure?.code}): nothing was issued or changed; call the technician`,
      { storage: this.storageFailure });
  }

  /** Crosses into a new business day when the clock says so: leftovers expire, numbers restart. */
  ensureDay(): void {
    const day = businessDay(this.now(), this.deps.timezone, this.deps.dailyReset);
    if (day > this.state.day) this.commit(commands.startDay(this.state, day, this.now()), 'system');
  }

  /** Rebuilds memory from SQLite: at start-up, after a restart or `kill -9`, or after a failed write. */
  load(): void {
    const day = businessDay(this.now(), this.deps.timezone, this.deps.dailyReset);
    const stored = this.deps.hall.meta('day');
    if (!stored) {
      this.state = createHallState(this.deps.model, day, this.now());
      this.deps.uow.run(() => {
        this.deps.hall.setMeta('day', day);
        for (const w of this.state.windows.values()) this.deps.hall.saveWindow(day, w);
      });
      return;
    }
    const { tickets, windows } = this.deps.hall.loadDay(stored);
    this.state = restoreHallState(this.deps.model, stored, tickets, windows, this.now());
    this.applyNumberFloor();
  }

  /**
   * After a restore, numbers handed out that day by the database that was replaced are never
   * handed out again (repositories/restore.repository.ts leaves the floor; hall.repository reads it).
   */
  private applyNumberFloor(): void {
    for (const [prefix, n] of this.deps.hall.numberFloor(this.state.day)) {
      if (n > (this.state.counters.get(prefix) ?? 0)) this.state.counters.set(prefix, n);
    }
  }

  /**
   * Numbers of today that visitors hold though this database never issued them (the district centre
   * has them, from before a restore): the hall numbers on above them from now on, and after a restart.
   */
  raiseNumberFloor(day: string, counters: Record<string, number>): void {
    if (day !== this.state.day) return;
    this.deps.hall.raiseNumberFloor(day, counters);
    this.applyNumberFloor();
  }

  /** Applies a new hall model (configuration reload) without touching tickets. */
  replaceModel(model: HallModel, policy: RoutingPolicy): void {
    this.deps.model = model;
    this.deps.policy = policy;
    this.load();
  }
}
