import { Worker } from 'node:worker_threads';
import type { Db } from './db.ts';

export interface Checkpoint { busy: number; log: number; checkpointed: number }

export interface Checkpointer {
  /** Asks for a checkpoint now (tests); the result comes to `onCheckpoint`. */
  now(): void;
  stop(): Promise<void>;
}

/**
 * Checkpoints the WAL from a worker thread. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses 1,000 pages, on the hall's only connection: under load one such COMMIT was measured
 * at 183 ms, an event loop stopped for every kiosk and screen. Here the hall's connection never
 * checkpoints, and a connection in a worker copies the WAL back every `intervalMs` without
 * blocking it (PASSIVE). Durability is the WAL's and does not change.
 */
export function startCheckpointer(db: Db, o: { intervalMs?: number; onCheckpoint?: (c: Checkpoint) => void; onError?: (message: string) => void } = {}): Checkpointer {
  if (db.memory) return { now: () => undefined, stop: async () => undefined };
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file: db.name, intervalMs: o.intervalMs ?? 1000 } });
  worker.unref();
  worker.on('message', (m: { type: string; message?: string } & Checkpoint) => {
    if (m.type === 'checkpoint') o.onCheckpoint?.(m);
    else if (m.type === 'error') o.onError?.(m.message ?? 'checkpoint failed');
  });
  worker.on('error', (err) => o.onError?.(err.message));
  let stopped: Promise<void> | null = null;
  return {
    now: () => worker.postMessage('now'),
    stop: () => (stopped ??= new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('stop');
      // A worker that does not end by itself is ended: closing the hall must not hang on it.
      setTimeout(() => void worker.terminate(), 2000).unref();
    })),
  };
}
