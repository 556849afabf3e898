import type { EngineEvent } from '../../engine/index.ts';
import type { AlertView, EvaluationRequest, PrinterStatus } from '@onewindow/protocol';

/**
 * Changes that are not queue decisions but still go through the log, so that clients hear them
 * with a seq and the log tells the whole story: alerts, printers, evaluations.
 */
export type SystemEvent =
  | { type: 'alert.raised'; at: number; alert: AlertView }
  | { type: 'alert.acknowledged'; at: number; alert: AlertView }
  | { type: 'printer.status'; at: number; printer: PrinterStatus }
  | { type: 'evaluation.requested'; at: number; ticketId: string; windowId: string; request: EvaluationRequest }
  | { type: 'evaluation.recorded'; at: number; ticketId: string; windowId: string; score: number }
  | { type: 'config.reloaded'; at: number; reason: string }
  /** A clerk or supervisor marks one matter's service time as inaccurate, so reports can leave it out. */
  | { type: 'ticket.flagged'; at: number; ticketId: string; windowId: string | null; stepIndex: number; serviceId: string; note: string }
  /**
   * A supervisor called a visitor back about a bad review, or resolved it: logged, so that the
   * district centre sees what the hall did (centre.md) and the ticket's story has it.
   */
  | { type: 'follow-up.recorded'; at: number; ticketId: string; windowId: string; status: 'called-back' | 'resolved'; note: string; by: string };

export type LogEvent = EngineEvent | SystemEvent;

export interface Committed {
  seq: number;
  event: LogEvent;
  actor: string | null;
}

const ENGINE_TYPES = new Set<string>([
  'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.finished', 'ticket.no-show',
  'ticket.transferred', 'ticket.held', 'ticket.cancelled', 'ticket.expired', 'window.signed-in',
  'window.signed-out', 'window.paused', 'window.resumed', 'day.started', 'window.ready', 'window.auto-call', 'ticket.reinstated',
]);

export function isEngineEvent(e: LogEvent): e is EngineEvent {
  return ENGINE_TYPES.has(e.type);
}

/** The ticket and window a logged event is about, for the log's index columns. */
export function subjects(e: LogEvent): { ticketId: string | null; windowId: string | null } {
  const r = e as { ticketId?: string; windowId?: string; ticket?: { id: string } };
  return { ticketId: r.ticketId ?? r.ticket?.id ?? null, windowId: r.windowId ?? null };
}
