import { Random } from './generate/random.ts';
import type { Scenario } from './scenario.ts';

/**
 * How the simulated clerks ask for their next visitor (an extension of scenario.md, see README).
 *
 * - instant (the contract's semantics, the default): every open window that is free asks at once.
 *   All free windows are ready, so a policy may hand a ticket to any of them.
 * - live: a clerk asks for the next visitor a while after the last one (writing up, filing), and
 *   after signing in or coming back from a break: a delay drawn uniformly from [minSec, maxSec]
 *   seconds, from a seeded stream per window (the same seed and day give the same delays for
 *   the same window's n-th ask). A clerk who asks and gets nobody waits ready: the hall hands
 *   them the next ticket routing gives them as soon as it does (`commands.dispatch`, as the
 *   server does after every change). Windows ask in the order of their ids at one instant.
 */
export type ClerkModel = { kind: 'instant' } | { kind: 'live'; minSec: number; maxSec: number; seed: number };

export const INSTANT_CLERKS: ClerkModel = { kind: 'instant' };
/** The benchmark's live clerks: 5 to 60 seconds, issue 18. */
export const LIVE_CLERKS: ClerkModel = { kind: 'live', minSec: 5, maxSec: 60, seed: 1 };

/** The scenario's own clerks (`clerks: { askDelaySec: [min, max], seed }`), or instant. */
export function scenarioClerks(sc: Scenario): ClerkModel {
  const c = sc.clerks;
  return c ? { kind: 'live', minSec: c.askDelaySec[0], maxSec: c.askDelaySec[1], seed: c.seed ?? 1 } : INSTANT_CLERKS;
}

/** The delay in milliseconds before each ask, per window, drawn in the order the window asks. */
export function askDelays(model: ClerkModel, windowIds: readonly string[]): (windowId: string) => number {
  if (model.kind === 'instant') return () => 0;
  const streams = new Map(windowIds.map((id, i) => [id, new Random(model.seed * 7919 + i * 104_729 + 17)]));
  return (windowId) => Math.round((model.minSec + streams.get(windowId)!.uniform() * (model.maxSec - model.minSec)) * 1000);
}
