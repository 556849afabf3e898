export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * Sends the kiosk back to its menu after a quiet spell. `arm(ms)` starts (or restarts) it, every
 * touch calls `touch()`, and `deadline` tells a screen how long it has left.
 */
export class IdleTimer {
  private handle: unknown = null;
  private ms = 0;
  deadline: number | null = null;

  constructor(private readonly onIdle: () => void, private readonly timers: Timers = realTimers) {}

  arm(ms: number): void {
    this.ms = ms;
    this.schedule();
  }

  /** A touch: the countdown starts again, if one is running. */
  touch(): void {
    if (this.deadline !== null) this.schedule();
  }

  stop(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
    this.deadline = null;
  }

  /** Whole seconds left, for a countdown on screen. */
  secondsLeft(): number {
    return this.deadline === null ? 0 : Math.max(0, Math.ceil((this.deadline - this.timers.now()) / 1000));
  }

  private schedule(): void {
    this.stop();
    this.deadline = this.timers.now() + this.ms;
    this.handle = this.timers.set(() => {
      this.handle = null;
      this.deadline = null;
      this.onIdle();
    }, this.ms);
  }
}
