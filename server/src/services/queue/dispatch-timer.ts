import type { Clock } from '../clock.ts';

/** Waits at most this long between looks, so a change no event announces (a clock step) is caught. */
const MAX_SLEEP_MS = 30_000;
const MIN_SLEEP_MS = 20;

export interface Wakeable {
  /** The next instant time alone may let a ticket be called; null: none. */
  nextWake(): number | null;
  /** Does what is due now (auto-call's asks, dispatch to ready windows). */
  dispatchDue(): void;
}

/**
 * What no request triggers: auto-call's pause ending, a booked slot coming within its lead. After
 * every durable change (and at start-up, so a restart finds the auto-calls that fell due while it
 * was down) the timer sleeps until the hall's next wake and then lets the queue do what is due.
 */
export class DispatchTimer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(private readonly queue: Wakeable, private readonly clock: Clock, private readonly onError: (err: unknown) => void) {}

  /** Begins (idempotent); `onDurable` tells it of each change stored. Returns the stop function. */
  start(onDurable: (fn: () => void) => () => void): () => void {
    if (!this.stopped) return () => this.stop();
    this.stopped = false;
    const off = onDurable(() => this.arm());
    this.fire();
    return () => {
      off();
      this.stop();
    };
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const wake = this.queue.nextWake();
    const sleep = wake === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, wake - this.clock.now()));
    this.timer = setTimeout(() => this.fire(), sleep);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    if (this.stopped) return;
    try {
      this.queue.dispatchDue();
    } catch (err) {
      this.onError(err);
    }
    this.arm();
  }
}
