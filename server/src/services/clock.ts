import { readFileSync } from 'node:fs';

/** Where services read the time: the hall clock in the hall, a hand-moved one in tests. */
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };

/** A step of the system clock, as the hall clock saw it. */
export type ClockEvent =
  /** The system clock jumped by `bySec` (negative: back) while the server ran: the hall did not follow. */
  | { kind: 'step'; bySec: number; at: number }
  /** The system clock agrees with the hall again (it was put right): the hall follows it again. */
  | { kind: 'in-step'; at: number }
  /** At start the system clock was `bySec` behind the log's last event; `held`: the hall waits for it, else follows it. */
  | { kind: 'behind-log'; bySec: number; at: number; held: boolean };

/** What the hall clock reads: the wall clock, a monotonic one, and (Linux) time since boot including sleep. */
export interface TimeSources {
  wall(): number;
  monotonic(): number;
  /** Milliseconds since boot, counting suspended time (CLOCK_BOOTTIME); null where it cannot be read. */
  sinceBoot?(): number | null;
}

export interface HallClockOptions {
  /** A jump of the wall clock against the monotonic clock larger than this is a step, not drift. */
  toleranceMs?: number;
  /** The log's last moment: at start the hall never goes behind it by less than `maxHoldMs`. */
  floor?: number;
  /** A system clock further behind the log than this at start is believed (the operator put it right). */
  maxHoldMs?: number;
}

export const CLOCK_TOLERANCE_MS = 60_000;
export const CLOCK_MAX_HOLD_MS = 3600_000;

/**
 * The hall's time: the system clock, as long as it moves as a clock moves. Between two readings
 * the wall clock must advance as the monotonic clock does; when it jumps (someone sets the date,
 * a bad NTP server, a dead RTC battery corrected mid-morning) by more than the tolerance, the hall
 * does not follow: it goes on counting from where it was on the monotonic clock, and reports the
 * step (supervisors get an alert). When the system clock is put back right, it agrees with the
 * hall again and the hall follows it again. So a step never reorders the queue, never expires the
 * waiting or restarts the numbers (the business day changes only when the hall's own time crosses
 * the daily reset), and never files a ticket under the wrong day. The hall's time never goes
 * backwards, not even by the small corrections within the tolerance.
 *
 * A machine that sleeps (suspend) sees the wall clock jump ahead while the monotonic clock stood
 * still; where the time since boot can be read (Linux), that jump is recognised and followed.
 * Across a restart there is no monotonic clock to compare with: the hall never starts behind the
 * log's last moment by less than an hour (it waits for the system clock to catch up, reported);
 * further behind, the system clock is believed (someone put right a clock that had run ahead), and
 * that is reported too.
 */
export class HallClock implements Clock {
  private lastHall: number;
  private lastMono: number;
  /** Time since boot less the monotonic clock, when last accounted: it grows by the time the machine slept. */
  private bootGap: number | null;
  /** hall = wall + offset while a step is not followed. */
  private offset = 0;
  private floor: number;
  private readonly tolerance: number;

  constructor(private readonly sources: TimeSources, opts: HallClockOptions = {}, private readonly report: (e: ClockEvent) => void = () => {}) {
    this.tolerance = opts.toleranceMs ?? CLOCK_TOLERANCE_MS;
    const wall = sources.wall();
    this.lastHall = wall;
    this.lastMono = sources.monotonic();
    const boot = sources.sinceBoot?.() ?? null;
    this.bootGap = boot === null ? null : boot - this.lastMono;
    this.floor = opts.floor ?? -Infinity;
    const behind = this.floor - wall;
    if (behind > this.tolerance) {
      const held = behind <= (opts.maxHoldMs ?? CLOCK_MAX_HOLD_MS);
      if (!held) this.floor = -Infinity;
      this.report({ kind: 'behind-log', bySec: -Math.round(behind / 1000), at: wall, held });
    }
  }

  /** Whether the hall is not following the system clock now (a step is in force). */
  get stepped(): boolean { return this.offset !== 0; }

  now(): number {
    const wall = this.sources.wall();
    const mono = this.sources.monotonic();
    const expected = this.lastHall + (mono - this.lastMono);
    let hall = wall + this.offset;
    if (Math.abs(hall - expected) > this.tolerance) {
      if (this.offset !== 0 && Math.abs(wall - expected) <= this.tolerance) {
        // The system clock was put right: it agrees with the hall's count again.
        this.offset = 0;
        hall = wall;
        this.report({ kind: 'in-step', at: hall });
      } else if (hall > expected && this.slept(hall - expected)) {
        hall = wall + this.offset; // the machine slept: time did pass
      } else {
        this.report({ kind: 'step', bySec: Math.round((hall - expected) / 1000), at: expected });
        this.offset = expected - wall;
        hall = expected;
      }
    } else if (this.offset !== 0 && Math.abs(wall - expected) <= this.tolerance) {
      this.offset = 0;
      this.report({ kind: 'in-step', at: wall });
    }
    this.lastMono = mono;
    // Never backwards: not for a correction within the tolerance, not before the log's last moment.
    this.lastHall = Math.max(hall, this.lastHall);
    return Math.max(this.lastHall, this.floor);
  }

  /**
   * Whether the machine slept about `jumpMs` since the time since boot was last accounted (read
   * only here, when the wall clock has jumped ahead: never on the hot path).
   */
  private slept(jumpMs: number): boolean {
    if (this.bootGap === null || !this.sources.sinceBoot) return false;
    const boot = this.sources.sinceBoot();
    if (boot === null) return false;
    const gap = boot - this.sources.monotonic();
    const asleep = gap - this.bootGap;
    if (Math.abs(asleep - jumpMs) > this.tolerance) return false;
    this.bootGap = gap;
    return true;
  }
}

/** The machine's own clocks: Date.now, performance.now, and CLOCK_BOOTTIME from /proc/uptime (Linux). */
export function machineTime(wallOffset: () => number = () => 0): TimeSources {
  return {
    wall: () => Date.now() + wallOffset(),
    monotonic: () => performance.now(),
    sinceBoot: () => {
      try {
        return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
      } catch {
        return null;
      }
    },
  };
}
