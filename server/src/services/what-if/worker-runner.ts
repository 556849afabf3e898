import { Worker } from 'node:worker_threads';
import type { WhatIfResult, WhatIfStaffing } from '@onewindow/protocol';
import type { HallModel } from '../../engine/index.ts';

/** What the replay thread needs (cli/what-if.worker.ts reads the same shape from its workerData). */
export interface WhatIfRunInput {
  dataDir: string;
  day: string;
  model: HallModel;
  timezone: string;
  staffing?: WhatIfStaffing;
  policy?: string;
  hallPolicy: string;
}
export type WhatIfPhase = 'reading' | 'replaying' | 'what-if';
export type WhatIfRunner = (input: WhatIfRunInput, progress: (phase: WhatIfPhase, fraction: number) => void) => { done: Promise<WhatIfResult>; stop(): void };

/** A replay failed in its thread: the stable code the job shows. */
export class WhatIfFailure extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

/** A day's replay may not take longer than this (a hall day takes seconds). */
const TIMEOUT_MS = 5 * 60_000;

/**
 * Runs a replay in a worker thread, off the event loop that serves kiosks and clerks. From the
 * TypeScript sources (tests, `npm run dev`) the thread loads tsx first; the compiled server starts
 * the compiled worker directly (and passes on its flags, `--conditions=onewindow-compiled` among them).
 */
export const workerRunner: WhatIfRunner = (input, progress) => {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`../../cli/what-if.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`, { eval: true, workerData: input, resourceLimits: { maxOldGenerationSizeMb: 256 } })
    : new Worker(file, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  let timer: NodeJS.Timeout | null = null;
  const done = new Promise<WhatIfResult>((resolve, reject) => {
    let settled = false;
    const end = (f: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      f();
      void worker.terminate();
    };
    timer = setTimeout(() => end(() => reject(new WhatIfFailure('WHAT_IF_TIMEOUT', `the replay took longer than ${TIMEOUT_MS / 60_000} minutes`))), TIMEOUT_MS);
    timer.unref();
    worker.on('message', (m: { type: 'progress'; phase: WhatIfPhase; fraction: number } | { type: 'result'; result: WhatIfResult } | { type: 'error'; code: string; message: string }) => {
      if (m.type === 'progress') progress(m.phase, m.fraction);
      else if (m.type === 'result') end(() => resolve(m.result));
      else end(() => reject(new WhatIfFailure(m.code, m.message)));
    });
    worker.on('error', (err) => end(() => reject(new WhatIfFailure('WHAT_IF_FAILED', err.message))));
    worker.on('exit', (code) => end(() => reject(new WhatIfFailure('WHAT_IF_FAILED', `the replay stopped (exit ${code})`))));
  });
  done.catch(() => undefined);
  return { done, stop: () => void worker.terminate() };
};
