import type { IdleReason, RoutingReason } from '@onewindow/protocol';

export type { IdleReason, RoutingReason } from '@onewindow/protocol';

/**
 * The queue engine's vocabulary. Everything here is plain data so that the live hall (SQLite) and
 * the simulator (virtual clock) hold exactly the same state. Times are epoch milliseconds.
 */

export type Priority = 'normal' | 'green';
export type TicketStatus =
  | 'waiting' | 'called' | 'serving' | 'held'
  | 'done' | 'no-show' | 'transferred' | 'cancelled' | 'expired';
export type Outcome = 'done' | 'incomplete' | 'referred';
export type Channel = 'kiosk' | 'guide' | 'clerk' | 'appointment' | 'sim';

/** The static shape of a hall, from hall.yaml or a scenario. */
export interface ServiceDef {
  id: string;
  name: string;
  prefix: string;
  targetWaitSec: number;
  nameEn?: string;
  category?: string;
  /** Real-name tickets (实名取号) for this matter: presentation only, the queue does not read it. */
  realName?: 'required' | 'optional';
}
export interface WindowDef {
  id: string;
  name: string;
  /** The first skill is the window's home service. */
  skills: string[];
  nameEn?: string;
}
export interface HallModel {
  services: ServiceDef[];
  windows: WindowDef[];
  /** A window serves at most this many green tickets in a row while normal ones wait. */
  greenStreakCap: number;
  /** A booked ticket may be called this long before its slot. */
  appointmentLeadSec: number;
  /**
   * No-show (过号) only after a real call: the visitor was called `afterCalls` times (the call and
   * its recalls) or `afterSec` seconds have passed since the first call. Absent: any time (the simulator).
   */
  noShowAfter?: { afterCalls: number; afterSec: number } | null;
  /**
   * A booked visitor may be called before the time the kiosk promised (slot less the lead) only this
   * many seconds early, when windows are free (the clerk sees reason `booked-early`, the visitor's phone an early call). Absent:
   * no bound (the simulator).
   */
  bookedEarlyMaxSec?: number | null;
}

/** One matter of a visit (一票到底: one ticket, several matters; a transfer starts a new step). */
export interface Step {
  serviceId: string;
  status: TicketStatus;
  /** When this step joined the queue: what its wait is counted from. */
  queuedAt: number;
  /**
   * Its place in the day's order of joining, counted by the reducer as the log applies (a ticket
   * issued, a matter queued after a finish or a transfer): the FIFO key, so a system clock set
   * back can never put a later visitor first. Absent on days stored before it existed (numbered at
   * load by time joined).
   */
  order?: number;
  /** Put ahead of the queue (a transfer "to the front"). */
  front: boolean;
  /** Only this window may call it (a transfer to a window). */
  targetWindowId: string | null;
  /**
   * The wait a shared queue would have given it when it joined (fifo-wait.ts), in seconds; null
   * when no open window could serve it then. Routing calls a step that has waited well past it
   * before common work (routing/urgency.ts). Absent on days stored before it existed.
   */
  fifoSec?: number | null;
  /**
   * When the lookahead (lookahead.ts) foresaw it called, in seconds from joining, as it joined: the
   * base of the day's record the printed estimate is calibrated by (wait-stats.ts). Reckoned for a
   * ticket's first matter (what its slip promises); null or absent where not played.
   */
  lookSec?: number | null;
  windowId: string | null;
  clerkId: string | null;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  heldAt: number | null;
  recalls: number;
  outcome: Outcome | null;
  note: string | null;
  /**
   * Why routing chose this step for its window: a code of protocol's ROUTING_REASONS, shown to
   * clerks and supervisors in their language (days stored before the codes hold English text).
   */
  reason: string | null;
}

export interface Ticket {
  id: string;
  day: string;
  number: string;
  priority: Priority;
  channel: Channel;
  issuedAt: number;
  trackToken: string;
  appointmentAt: number | null;
  appointmentId: string | null;
  kioskId: string | null;
  /** The language the visitor chose where the ticket was taken: what its slip is printed in. Absent: zh-CN. */
  lang?: TicketLang;
  steps: Step[];
}

export type TicketLang = 'zh-CN' | 'en';

export type WindowStatus = 'closed' | 'open' | 'paused';
export interface WindowState {
  id: string;
  status: WindowStatus;
  clerkId: string | null;
  pauseReason: string | null;
  /** When status last changed. */
  since: number;
  currentTicketId: string | null;
  /** When the window last became free to call (longest-idle first). */
  freeSince: number;
  servedCount: number;
  greenStreak: number;
  /** Tickets parked on hold by this window (fetching a missing document). */
  held: string[];
  /**
   * Since when the window is waiting for its next visitor: its clerk asked and got nobody. Cleared
   * when it gets a ticket, pauses, closes or becomes free again. Ready windows are handed tickets
   * as they come (commands.dispatch) and are the only other windows routing defers to.
   */
  readySince: number | null;
  /** Why the window's last ask got nobody (the `window.ready` reason); meaningful while `readySince` is set. */
  readyReason: IdleReason | null;
  /** Auto-call (自动叫号): seconds after the window becomes free that it is ready by itself; null: off. */
  autoCallSec: number | null;
}

/** The day's record of real waits against the shared queue's reckoning, per queue (wait-stats.ts): decayed sums. */
export interface WaitStat {
  weight: number;
  /** Σ (real wait + floor) */
  actual: number;
  /** Σ (reckoning + floor) */
  base: number;
  /** Σ squared log error against the ratio before each: the spread. */
  sqLog: number;
}

/** Running mean of service seconds per service, learned only from finished work. */
export interface ServiceStats {
  count: number;
  sumSec: number;
  sumSqSec: number;
}

export interface HallState {
  model: HallModel;
  day: string;
  tickets: Map<string, Ticket>;
  windows: Map<string, WindowState>;
  /** Last number issued per prefix today. */
  counters: Map<string, number>;
  stats: Map<string, ServiceStats>;
  /** Ids of tickets whose current step waits in a queue, in the order they joined, with the queue's totals: an index the reducer keeps (waiting.ts). */
  waiting: WaitingIndex;
  /** Seconds each window spent on steps that have ended today (called → finished): derived, for routing. */
  busySec: Map<string, number>;
  /** Real waits against the shared queue's reckoning, per queue: derived, for the estimate. */
  waitStats: Map<string, WaitStat>;
  /** Steps that joined a queue today: the last Step.order given. */
  joins: number;
  /** Bumped by every applied event: what is derived from the state may be cached per version. */
  version?: number;
}

/** A waiting ticket and the step it waits with. */
export interface Candidate {
  ticket: Ticket;
  step: Step;
}

/** What the queue looks like as a whole: asked by screens, kiosks, answers and estimates. */
export interface QueueSummary {
  /** Per service: how many wait, and since when the longest has (a booked visitor from the slot). */
  byService: Map<string, { n: number; oldest: number }>;
  /** Per service and transfer target (null: any window able to do it): how many wait. */
  groups: { serviceId: string; targetWindowId: string | null; n: number }[];
}

/**
 * The waiting tickets' ids, in the order they joined, with the queue's totals kept as they join and
 * leave. A Set to whoever only reads it; implemented by waiting.ts.
 */
export interface WaitingIndex extends Set<string> {
  summary(): QueueSummary;
  /** The waiting steps after `c` in queue order (front transfers aside). */
  after(c: Candidate): Iterable<Candidate>;
  /** The waiting tickets that came from a booking and wait for their first matter. */
  fromBookings(): IterableIterator<string>;
}

/** What the engine decides; the store appends these to the log and the reducer applies them. */
export type EngineEvent =
  | { type: 'ticket.issued'; at: number; ticket: Ticket }
  | { type: 'ticket.called'; at: number; ticketId: string; windowId: string; clerkId: string | null; reason: RoutingReason }
  | { type: 'ticket.recalled'; at: number; ticketId: string; windowId: string }
  | { type: 'ticket.started'; at: number; ticketId: string; windowId: string }
  | { type: 'ticket.finished'; at: number; ticketId: string; windowId: string; outcome: Outcome; note: string | null; nextServiceId: string | null; nextFifoSec?: number | null }
  | { type: 'ticket.no-show'; at: number; ticketId: string; windowId: string }
  | { type: 'ticket.transferred'; at: number; ticketId: string; windowId: string; toServiceId: string; toWindowId: string | null; front: boolean; note: string | null; fifoSec?: number | null }
  | { type: 'ticket.held'; at: number; ticketId: string; windowId: string; note: string | null }
  | { type: 'ticket.cancelled'; at: number; ticketId: string; reason: string }
  /** A no-show put back in the queue (the guide desk): a new step of the same matter, joining as of `queuedAt`. */
  | { type: 'ticket.reinstated'; at: number; ticketId: string; serviceId: string; queuedAt: number; fifoSec: number | null }
  | { type: 'ticket.expired'; at: number; ticketId: string; reason: string }
  | { type: 'window.signed-in'; at: number; windowId: string; clerkId: string }
  | { type: 'window.signed-out'; at: number; windowId: string; clerkId: string | null }
  | { type: 'window.paused'; at: number; windowId: string; reason: string }
  | { type: 'window.resumed'; at: number; windowId: string }
  /** The clerk asked for the next visitor and got nobody, and why: the window now waits ready. */
  | { type: 'window.ready'; at: number; windowId: string; reason: IdleReason }
  /** Auto-call turned on (`afterSec`: the pause after a visitor before the window is ready) or off (null). */
  | { type: 'window.auto-call'; at: number; windowId: string; afterSec: number | null }
  | { type: 'day.started'; at: number; day: string };

export type EngineEventType = EngineEvent['type'];
