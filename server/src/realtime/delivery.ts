import type { FeedBatchItem } from '@onewindow/protocol';
import { mergeCounting } from './outbox.ts';

/** One `batch` frame: the messages of one or more groups, with the seq of the last and the prev of the first. */
export interface Frame { seq: number; prev: number; messages: FeedBatchItem[] }

/** Where frames go: a room's sockets (socket.io), and how many sockets that is. */
export interface Rooms {
  emit(room: string, frame: Frame): void;
  size(room: string): number;
}

export interface DeliveryOptions {
  /** Sockets written per turn before the rest waits for the next turn (measured: docs/benchmarks.md). */
  perTurn?: number;
  /** A frame that has waited this long leaves in the next turn, whatever the budget: screens hear a call in time. */
  maxWaitMs?: number;
  /** A backlog leaves within about this many turns: the budget grows with it. */
  spread?: number;
  /** Rooms of counting feeds, where an issue merges into the ticket message after it (outbox.ts). */
  mergesIssues?: (room: string) => boolean;
}

type Job = ({ room: string; frame: Frame } | { room: string; join: () => void }) & { at: number };

/**
 * Frames to the batch rooms leave in order, a few rooms per event-loop turn, so that a group's
 * fan-out to hundreds of screens does not hold up the requests that arrive meanwhile (a kiosk's
 * answer waits for nothing but its own group's commit). While a room's frame still waits its turn,
 * later groups' messages join it: under load a screen takes one frame for several groups, and
 * the work stays bounded by the rooms, not the groups.
 *
 * A socket joins its room through the same queue, after every frame made before its snapshot,
 * and no frame made before the join is merged with one made after it: it hears every message
 * after its snapshot once, in order (clients drop a message whose seq they already have).
 */
export class Delivery {
  private readonly jobs: Job[] = [];
  private head = 0;
  /** Per room, its frame still queued and open to more messages. */
  private readonly open = new Map<string, Frame>();
  private scheduled = false;

  private readonly perTurn: number;
  private readonly maxWaitMs: number;
  private readonly spread: number;
  private readonly mergesIssues: (room: string) => boolean;

  constructor(private readonly rooms: Rooms, o: DeliveryOptions = {}) {
    this.perTurn = o.perTurn ?? 24;
    this.maxWaitMs = o.maxWaitMs ?? 20;
    this.spread = o.spread ?? 3;
    this.mergesIssues = o.mergesIssues ?? (() => false);
  }

  send(room: string, frame: Frame): void {
    const pending = this.open.get(room);
    if (pending) append(pending, frame, this.mergesIssues(room));
    else {
      const copy = { ...frame, messages: [...frame.messages] };
      this.open.set(room, copy);
      this.push({ room, frame: copy, at: performance.now() });
    }
  }

  /** Runs `join` after everything sent to `room` so far has left. */
  join(room: string, join: () => void): void {
    this.open.delete(room);
    this.push({ room, join, at: performance.now() });
  }

  /** Sends everything queued now (shutting down). */
  drain(): void {
    this.run(Infinity);
  }

  get queued(): number {
    return this.jobs.length - this.head;
  }

  private push(job: Job): void {
    this.jobs.push(job);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.run(this.perTurn);
      });
    }
  }

  private run(budget: number): void {
    let written = 0;
    const late = performance.now() - this.maxWaitMs;
    if (budget !== Infinity) {
      let queued = 0;
      for (let i = this.head; i < this.jobs.length; i++) queued += 'frame' in this.jobs[i] ? this.rooms.size(this.jobs[i].room) : 0;
      budget = Math.max(budget, Math.ceil(queued / this.spread));
    }
    while (this.head < this.jobs.length && (written < budget || this.jobs[this.head].at <= late)) {
      const job = this.jobs[this.head++];
      if ('join' in job) {
        job.join();
        continue;
      }
      if (this.open.get(job.room) === job.frame) this.open.delete(job.room);
      written += Math.max(1, this.rooms.size(job.room));
      this.rooms.emit(job.room, job.frame);
    }
    if (this.head === this.jobs.length) {
      this.jobs.length = 0;
      this.head = 0;
    } else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.run(this.perTurn);
      });
    }
  }
}

/** A later frame's messages after a waiting one's; on a counting feed its first may merge with the last (outbox.ts). */
function append(into: Frame, frame: Frame, counting: boolean): void {
  let from = 0;
  const last = into.messages[into.messages.length - 1];
  const both = counting && last && frame.messages.length > 0 ? mergeCounting(last, frame.messages[0]) : null;
  if (both) {
    into.messages[into.messages.length - 1] = both;
    from = 1;
  }
  for (let i = from; i < frame.messages.length; i++) into.messages.push(frame.messages[i]);
  into.seq = frame.seq;
}
