import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle.ts';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('IdleTimer', () => {
  it('fires after a quiet spell; touches start it again', () => {
    const idle = vi.fn();
    const t = new IdleTimer(idle);
    t.arm(10_000);
    vi.advanceTimersByTime(9_000);
    expect(t.secondsLeft()).toBe(1);
    t.touch();
    vi.advanceTimersByTime(9_000);
    expect(idle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(idle).toHaveBeenCalledTimes(1);
    expect(t.deadline).toBeNull();
  });

  it('ignores touches while stopped and can be re-armed with another length', () => {
    const idle = vi.fn();
    const t = new IdleTimer(idle);
    t.touch();
    vi.advanceTimersByTime(100_000);
    expect(idle).not.toHaveBeenCalled();
    t.arm(5_000);
    t.stop();
    vi.advanceTimersByTime(10_000);
    expect(idle).not.toHaveBeenCalled();
    t.arm(2_000);
    vi.advanceTimersByTime(2_000);
    expect(idle).toHaveBeenCalledTimes(1);
  });
});
