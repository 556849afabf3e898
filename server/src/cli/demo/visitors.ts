import type { ServiceView } from '@onewindow/protocol';
import { generateDay, type MatterSpec } from '../../sim/generate/day.ts';
import { Random } from '../../sim/generate/random.ts';

export interface DemoVisitor {
  /** Seconds after the demo starts. */
  at: number;
  serviceId: string;
  priority: 'normal' | 'green';
  /** How long the clerk takes, in the demo's seconds. */
  serviceSec: number;
  noShow: boolean;
  /** 5 非常满意 … 1 非常不满意, given on the pad. */
  score: number;
}

export interface Pace {
  /** How many times faster than a real hall the demo runs: service times are divided by it. */
  speed: number;
  /** Mean seconds between visitors, in the demo's time. */
  everySec: number;
}

/** Scores as halls see them: most visitors content, a few not (a bad review opens a follow-up). */
const SCORES = [[5, 0.7], [4, 0.18], [3, 0.07], [2, 0.03], [1, 0.02]] as const;

/**
 * The demo's visitors, drawn by the simulator's day generator (services by share, lognormal service
 * times, green channel, no-shows) on this hall's services, the day compressed by `speed`. The first
 * few come at once, so that every screen has something to show within seconds.
 */
export function demoVisitors(services: ServiceView[], pace: Pace, count = 2000, seed = 2026): DemoVisitor[] {
  const matters: MatterSpec[] = services.map((s) => ({
    id: s.id, name: s.name, prefix: s.prefix, targetWaitSec: s.targetWaitSec, share: 1 / services.length,
    meanSec: 420, cv: 0.6, greenShare: 0.05,
  }));
  const hallEvery = pace.everySec * pace.speed;
  const day = generateDay({
    name: 'demo', seed, matters, windows: [], visitors: count, intensity: () => 1,
    lastArrivalSec: count * hallEvery, noShowShare: 0.04,
  });
  const rnd = new Random(seed + 1);
  const FIRST = 6;
  // The rest of the day follows on from the first few without the gap their own arrival times had.
  const shift = (day.tickets[FIRST]?.arrival ?? 0) / pace.speed - FIRST * 0.5 - pace.everySec / 2;
  return day.tickets.map((t, i) => ({
    at: i < FIRST ? i * 0.5 : t.arrival / pace.speed - shift,
    serviceId: t.service,
    priority: t.priority === 'green' ? 'green' : 'normal',
    // Short enough to watch, long enough to see a window serving.
    serviceSec: Math.min(120, Math.max(6, t.serviceSec / pace.speed)),
    noShow: t.noShow === true,
    score: SCORES[rnd.pick(SCORES.map((s) => s[1]))][0],
  }));
}
