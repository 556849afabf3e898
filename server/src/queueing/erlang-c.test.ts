import { describe, expect, it } from 'vitest';
import { erlangC, meanWaitSec, mmcMeanWaitSec, serversNeeded } from './erlang-c.ts';

/** Erlang C straight from its textbook formula, to check the recurrence against. */
function direct(c: number, a: number): number {
  let fact = 1, sum = 0;
  for (let k = 0; k < c; k++) { if (k > 0) fact *= k; sum += a ** k / fact; }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('gives the textbook probability of waiting', () => {
    // Given two servers and one Erlang of load, a third of arrivals wait
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    for (const [c, a] of [[3, 2.5], [7, 5], [11, 10], [30, 24.2]]) expect(erlangC(c, a)).toBeCloseTo(direct(c, a), 10);
  });

  it('is certain waiting when servers cannot keep up, and none without load', () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 7.5)).toBe(1);
    expect(erlangC(0, 0.5)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
    expect(erlangC(0, 0)).toBe(0);
    expect(meanWaitSec(5, 60, 300)).toBe(Infinity);
    expect(mmcMeanWaitSec(2, 0.01, 300)).toBe(Infinity);
    expect(mmcMeanWaitSec(0, 0, 300)).toBe(0);
    expect(meanWaitSec(3, 0, 300)).toBe(0);
  });

  it('refuses what is not a queue rather than answer with a number', () => {
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(-1, 0)).toThrow(RangeError);
    expect(() => erlangC(3, -1)).toThrow(RangeError);
    expect(() => erlangC(3, Number.NaN)).toThrow(RangeError);
    expect(() => mmcMeanWaitSec(3, 0.01, -5)).toThrow(RangeError);
  });

  it('gives the same mean wait per hour and per second', () => {
    // Given 2 windows, 1 Erlang (12 arrivals an hour of 300 s): Wq = C · s / (c − a) = (1/3) · 300 / 1
    expect(meanWaitSec(2, 12, 300)).toBeCloseTo(100, 9);
    expect(mmcMeanWaitSec(2, 12 / 3600, 300)).toBeCloseTo(100, 9);
  });

  it('finds the fewest servers whose mean wait is within target', () => {
    // Given 60 arrivals an hour of 300 s each (5 Erlangs)
    // When the target is 120 s, then six windows (≈176 s) are too few and seven (≈30 s) suffice
    expect(meanWaitSec(6, 60, 300)).toBeGreaterThan(120);
    expect(meanWaitSec(7, 60, 300)).toBeLessThanOrEqual(120);
    expect(serversNeeded(60, 300, 120)).toBe(7);
    expect(serversNeeded(0, 300, 120)).toBe(0);
    // A lax target still needs more servers than the load
    expect(serversNeeded(60, 300, 100_000)).toBe(6);
  });
});
