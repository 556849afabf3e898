import { describe, expect, it } from 'vitest';
import { HallClock, type ClockEvent } from './clock.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in Shanghai

/** A machine whose wall clock can be set by hand, whose monotonic clock only runs, and which may sleep. */
function machine() {
  let elapsed = 0;
  let skew = 0;
  let asleep = 0;
  return {
    sources: { wall: () => T0 + elapsed + asleep + skew, monotonic: () => elapsed, sinceBoot: () => elapsed + asleep },
    run(ms: number) { elapsed += ms; },
    setDate(ms: number) { skew += ms; },
    sleep(ms: number) { asleep += ms; },
  };
}

function hallClock(m = machine(), opts = {}) {
  const events: ClockEvent[] = [];
  const clock = new HallClock(m.sources, opts, (e) => events.push(e));
  return { m, clock, events };
}

describe('the hall clock', () => {
  it('follows the system clock while it moves as a clock moves', () => {
    const { m, clock, events } = hallClock();
    expect(clock.now()).toBe(T0);
    m.run(90_000);
    expect(clock.now()).toBe(T0 + 90_000);
    expect(events).toEqual([]);
  });

  it('does not follow the system clock set back an hour, says so, and follows it again once it is put right', () => {
    const { m, clock, events } = hallClock();
    m.run(60_000);
    m.setDate(-HOUR);
    m.run(1000);
    expect(clock.now()).toBe(T0 + 61_000);
    expect(events).toEqual([{ kind: 'step', bySec: -3600, at: T0 + 61_000 }]);
    expect(clock.stepped).toBe(true);
    m.run(5 * 60_000);
    expect(clock.now()).toBe(T0 + 361_000);
    m.setDate(HOUR); // the operator puts it right
    m.run(1000);
    expect(clock.now()).toBe(T0 + 362_000);
    expect(events.at(-1)).toEqual({ kind: 'in-step', at: T0 + 362_000 });
    expect(clock.stepped).toBe(false);
  });

  it('does not follow a step a day ahead, nor the step back again', () => {
    const { m, clock, events } = hallClock();
    m.setDate(DAY);
    m.run(1000);
    expect(clock.now()).toBe(T0 + 1000);
    m.run(HOUR);
    expect(clock.now()).toBe(T0 + HOUR + 1000);
    m.setDate(-DAY);
    m.run(1000);
    expect(clock.now()).toBe(T0 + HOUR + 2000);
    expect(events.map((e) => e.kind)).toEqual(['step', 'in-step']);
  });

  it('never goes backwards, not even for a correction within the tolerance', () => {
    const { m, clock, events } = hallClock();
    m.run(10_000);
    const before = clock.now();
    m.setDate(-30_000);
    const readings = [clock.now()];
    for (let i = 0; i < 40; i++) {
      m.run(1000);
      readings.push(clock.now());
    }
    for (let i = 1; i < readings.length; i++) expect(readings[i]).toBeGreaterThanOrEqual(readings[i - 1]);
    expect(readings[0]).toBe(before);
    expect(readings.at(-1)).toBe(T0 + 10_000 + 40_000 - 30_000);
    expect(events).toEqual([]);
  });

  it('follows the wall clock after the machine slept (the time since boot says so); a jump while awake is a step', () => {
    const { m, clock, events } = hallClock();
    m.run(1000);
    clock.now();
    m.sleep(8 * HOUR);
    m.run(1000);
    expect(clock.now()).toBe(T0 + 8 * HOUR + 2000);
    expect(events).toEqual([]);
    m.setDate(8 * HOUR);
    m.run(1000);
    expect(clock.now()).toBe(T0 + 8 * HOUR + 3000);
    expect(events.map((e) => e.kind)).toEqual(['step']);
  });

  it('at start, waits for a system clock a little behind the log, and believes one far behind it', () => {
    const near = hallClock(machine(), { floor: T0 + 10 * 60_000 });
    expect(near.events).toEqual([{ kind: 'behind-log', bySec: -600, at: T0, held: true }]);
    expect(near.clock.now()).toBe(T0 + 10 * 60_000);
    near.m.run(11 * 60_000);
    expect(near.clock.now()).toBe(T0 + 11 * 60_000);

    const far = hallClock(machine(), { floor: T0 + DAY });
    expect(far.events).toEqual([{ kind: 'behind-log', bySec: -86_400, at: T0, held: false }]);
    expect(far.clock.now()).toBe(T0);
  });
});
