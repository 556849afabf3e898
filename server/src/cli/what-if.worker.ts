/**
 * The console's "what if" off the request path: a worker thread (services/what-if/worker-runner.ts
 * starts it) reads the day's events from the hall's SQLite file read-only, replays them twice through
 * the simulator (as staffed, and "what if") and posts its progress and the comparison back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HallModel } from '../engine/index.ts';
import { localClock } from '../engine/day.ts';
import { compareDay } from '../sim/what-if-day.ts';
import type { StaffingOverride } from '../sim/what-if.ts';
import { dayEvents } from './from-log.ts';

export interface WhatIfWorkerInput {
  dataDir: string;
  day: string;
  model: HallModel;
  timezone: string;
  staffing?: StaffingOverride;
  policy?: string;
  hallPolicy: string;
}

export type WhatIfWorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'replaying' | 'what-if'; fraction: number }
  | { type: 'result'; result: ReturnType<typeof compareDay> }
  | { type: 'error'; code: string; message: string };

const port = parentPort!;
const post = (m: WhatIfWorkerMessage) => port.postMessage(m);
const input = workerData as WhatIfWorkerInput;
try {
  post({ type: 'progress', phase: 'reading', fraction: 0 });
  const events = dayEvents(input.dataDir, input.day);
  if (!events.some((e) => e.type === 'ticket.issued')) {
    post({ type: 'error', code: 'DAY_WITHOUT_TICKETS', message: `no tickets on ${input.day} in the hall's log` });
  } else {
    const result = compareDay({
      day: input.day, events, model: input.model, clock: (ms) => localClock(ms, input.timezone),
      staffing: input.staffing, policy: input.policy, hallPolicy: input.hallPolicy,
    }, (phase, fraction) => post({ type: 'progress', phase, fraction }));
    post({ type: 'result', result });
  }
} catch (err) {
  post({ type: 'error', code: 'WHAT_IF_FAILED', message: (err as Error).message });
}
