import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/serial/manual-timers.ts';
import { Liveness } from './liveness.ts';

function track(expectHeartbeats: boolean) {
  const timers = new ManualTimers();
  const changes: string[] = [];
  const liveness = new Liveness({ heartbeatIntervalMs: 1000, expectHeartbeats, timers }, (s) => changes.push(`${timers.now}:${s}`));
  return { timers, changes, liveness };
}

describe('Liveness', () => {
  it('goes online on the first heartbeat and offline after 3 missed ones (plus half an interval)', () => {
    const { timers, changes, liveness } = track(true);
    liveness.beat();
    timers.advance(1000); liveness.beat();
    timers.advance(1000); liveness.beat(); // last heartbeat at t=2000
    timers.advance(3499);
    expect(changes).toEqual(['0:online']);
    timers.advance(1);
    expect(changes).toEqual(['0:online', '5500:offline']);
    expect(liveness.state).toBe('offline');
  });

  it('reports a renewed heartbeat as online again, once', () => {
    const { timers, changes, liveness } = track(true);
    liveness.beat();
    timers.advance(10_000);
    liveness.beat();
    liveness.beat();
    expect(changes).toEqual(['0:online', '3500:offline', '10000:online']);
  });

  it('reports a pad never heard from as offline', () => {
    const { timers, changes } = track(true);
    timers.advance(3500);
    expect(changes).toEqual(['3500:offline']);
  });

  it('says nothing about a device that never sends heartbeats when none are expected', () => {
    const { timers, changes, liveness } = track(false);
    timers.advance(60_000);
    expect(changes).toEqual([]);
    expect(liveness.state).toBe('unknown');
    liveness.beat();
    timers.advance(3500);
    expect(changes).toEqual(['60000:online', '63500:offline']);
  });

  it('is silent after stop()', () => {
    const { timers, changes, liveness } = track(true);
    liveness.beat();
    liveness.stop();
    timers.advance(10_000);
    liveness.beat();
    expect(changes).toEqual(['0:online']);
    expect(timers.delays).toEqual([]);
  });
});
