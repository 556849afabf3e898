import type { AlertView, CallView, HallInfo, ServiceView, TicketView, WindowView } from './schemas.ts';

/**
 * The realtime contract: one typed event map for the server and every UI.
 *
 * Every message carries `seq` (the event log's sequence number of the change it reports) and
 * `prev` (the seq of the previous message this connection's feed was sent). A client keeps the
 * last seq it applied: a message with `prev` greater than that means it missed something and asks
 * for a fresh `state`; a message with `seq` not greater is a duplicate and is dropped.
 */
export interface Envelope { seq: number; prev: number }

/** Which slice of the hall a connection sees. */
export type Feed = 'staff' | 'public' | `kiosk:${string}` | `window:${string}` | `track:${string}`;

export interface StateSnapshot {
  seq: number;
  feed: Feed;
  hall: HallInfo;
  services: ServiceView[];
  windows: WindowView[];
  recentCalls: CallView[];
  /** staff: every ticket not yet final; track: the visitor's own; others: none. */
  tickets: TicketView[];
  alerts: AlertView[];
  printers: PrinterStatus[];
  /** window feeds: the ticket the pad asks the visitor to rate, if any. */
  evaluation: EvaluationRequest | null;
}

export interface PrinterStatus {
  kioskId: string;
  /**
   * `unknown` (extension): a one-way printer, which takes jobs but cannot answer DLE EOT (some USB
   * printers behind a Linux printer device file). Tickets are printed; its paper is not watched.
   */
  state: 'ok' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'disabled' | 'unknown';
  detail?: string;
  at: string;
}

export interface EvaluationRequest {
  ticketId: string;
  number: string;
  windowId: string;
  clerkName: string | null;
  expiresAt: string;
}

export interface TicketChange extends Envelope {
  ticket: TicketView;
  /** The queues the change touched, with fresh counts and estimates. */
  services: ServiceView[];
  /** The window the change touched, if any. */
  window?: WindowView;
}

export interface ServerToClientEvents {
  state: (s: StateSnapshot) => void;
  'ticket:issued': (m: TicketChange) => void;
  'ticket:called': (m: TicketChange & { call: CallView }) => void;
  'ticket:recalled': (m: TicketChange & { call: CallView }) => void;
  /** started, held, transferred, cancelled, expired: anything else that changes a ticket. */
  'ticket:updated': (m: TicketChange) => void;
  /** done or no-show at a window; the window is free again. */
  'ticket:finished': (m: TicketChange) => void;
  'window:changed': (m: Envelope & { window: WindowView; services: ServiceView[] }) => void;
  'evaluation:request': (m: Envelope & { request: EvaluationRequest }) => void;
  'evaluation:recorded': (m: Envelope & { ticketId: string; windowId: string; score: number }) => void;
  'printer:status': (m: Envelope & { printer: PrinterStatus }) => void;
  alert: (m: Envelope & { alert: AlertView }) => void;
  /** The day was reset or the configuration reloaded: take a fresh `state`. */
  'hall:reset': (m: Envelope & { reason: string }) => void;
  /**
   * Extension, only to a connection that asked for it (`auth.batch: true`): the messages committed
   * in one turn of the server, in order, each exactly as it would have come alone. `seq` is the
   * last one's, `prev` the first one's.
   */
  batch: (m: Envelope & { messages: FeedBatchItem[] }) => void;
}

/** A server event's payload, envelope included. */
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * One message inside a `batch`: an event's name and its payload (with its own seq and prev), typed
 * together: `event: 'ticket:called'` comes with a `call`, `event: 'alert'` with an `alert`.
 */
export type FeedBatchItem = { [E in ServerEventName]: { event: E; payload: ServerEventPayload<E> } }[ServerEventName];

export interface ClientToServerEvents {
  /** Ask for a fresh snapshot (after a gap); the server answers with `state`. */
  'state:request': (ack?: (s: StateSnapshot) => void) => void;
}

export type ServerEventName = Exclude<keyof ServerToClientEvents, 'state' | 'batch'>;
