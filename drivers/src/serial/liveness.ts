import { realTimers, type TimerHandle, type Timers } from './timers.ts';

export type LivenessState = 'unknown' | 'online' | 'offline';

export interface LivenessOptions {
  /** How often the device sends H. */
  heartbeatIntervalMs?: number;
  /** Heartbeats missed in a row before the device counts as offline (serial.md: 3). */
  missedHeartbeats?: number;
  /** Slack on top of missed × interval, for a heartbeat that is a little late. Default: half an interval. */
  graceMs?: number;
  /**
   * Pads must send heartbeats, so one never heard from is reported offline after the same wait.
   * Keypads and screens may not send any: for them the clock only starts with the first one.
   */
  expectHeartbeats?: boolean;
  timers?: Timers;
}

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 5000;

/** Online/offline from heartbeats: online on the first (or first renewed) beat, offline after the missed ones. */
export class Liveness {
  state: LivenessState = 'unknown';
  private timer: TimerHandle | undefined;
  private stopped = false;
  private readonly timeoutMs: number;
  private readonly timers: Timers;

  constructor(
    private readonly options: LivenessOptions,
    private readonly onChange: (state: 'online' | 'offline') => void,
  ) {
    const interval = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.timeoutMs = (options.missedHeartbeats ?? 3) * interval + (options.graceMs ?? interval / 2);
    this.timers = options.timers ?? realTimers;
    if (options.expectHeartbeats) this.arm();
  }

  beat(): void {
    if (this.stopped) return;
    this.arm();
    if (this.state !== 'online') this.set('online');
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.state !== 'offline') this.set('offline');
    }, this.timeoutMs);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(state: 'online' | 'offline'): void {
    this.state = state;
    this.onChange(state);
  }
}
