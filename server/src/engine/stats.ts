import type { HallState, ServiceStats, Step } from './types.ts';

/** A prior for services nobody has finished yet today: a typical counter matter. */
export const DEFAULT_SERVICE_SEC = 300;

/** Learns a service time from a finished step: the engine only ever learns from the past. */
export function learn(s: HallState, step: Step): void {
  const begun = step.startedAt ?? step.calledAt;
  if (begun === null || step.finishedAt === null) return;
  const sec = Math.max(0, (step.finishedAt - begun) / 1000);
  const st = s.stats.get(step.serviceId) ?? { count: 0, sumSec: 0, sumSqSec: 0 };
  st.count++;
  st.sumSec += sec;
  st.sumSqSec += sec * sec;
  s.stats.set(step.serviceId, st);
}

/**
 * Mean service seconds, shrunk towards the prior while few samples exist so that the first quick
 * matter of the morning does not make the estimate wildly optimistic.
 */
export function meanServiceSec(s: HallState, serviceId: string, prior = DEFAULT_SERVICE_SEC): number {
  const st: ServiceStats | undefined = s.stats.get(serviceId);
  const k = 3;
  if (!st || st.count === 0) return prior;
  return (st.sumSec + k * prior) / (st.count + k);
}
