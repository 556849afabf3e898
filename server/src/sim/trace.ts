/**
 * What happened to every ticket of a simulated day (`onewindow-trace/1`, see scenario.md): one
 * visit per step. Times are seconds from the hall's opening, like the scenario's.
 *
 * Extension: the first visit of each ticket carries `estimatedWait`, the wait in seconds the
 * engine's estimate promised at issue (measured against `called − arrival`). Readers that do not
 * know it may ignore it.
 */
export type VisitOutcome = 'done' | 'no-show' | 'unserved';

export interface Visit {
  ticket: string;
  step: number;
  number: string;
  service: string;
  priority: 'normal' | 'green';
  arrival: number | null;
  called: number | null;
  window: string | null;
  finished: number | null;
  outcome: VisitOutcome;
  estimatedWait?: number;
  /** Extension: the range printed with the estimate where its spread is wide, [low, high] seconds. */
  estimatedWaitRange?: [number, number];
  /** Extension: the wait a shared queue would have given this step when it joined, as the engine reckoned it (seconds). */
  sharedQueueWait?: number;
}

export interface Trace {
  format: 'onewindow-trace/1';
  scenario: string;
  policy: string;
  visits: Visit[];
}

export const TRACE_FORMAT = 'onewindow-trace/1';

/** Milliseconds of the virtual clock → seconds in the trace. */
export function sec(ms: number): number {
  return ms / 1000;
}
/** Seconds of a scenario → milliseconds of the virtual clock (it ticks in whole milliseconds). */
export function ms(sec: number): number {
  return Math.round(sec * 1000);
}
