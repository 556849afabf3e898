import type { HallState, RoutingReason } from '../types.ts';
import { meanServiceSec } from '../stats.ts';
import type { Candidate } from '../types.ts';
import { byJoining, isBookedStep, waitingFrom } from '../queue-order.ts';
import { fifoWaitSec } from '../fifo-wait.ts';
import { groupKey } from '../waiting.ts';

/**
 * How pressing each waiting ticket is. The order is the same whichever window asks, so windows
 * calling one after another at the same moment agree on who goes where. Tiers first:
 *
 *   0 transferred to the front;  1 green channel (oldest first; the streak cap is per window);
 *   2 rare matters (one or two open windows can do them, in a hall of at least three times as
 *     many, where the other matters have many more), by the share of their target used up;
 *   3 past due: waited PAST_DUE times the wait a shared queue would have given them when they
 *     came (Step.fifoSec, fifo-wait.ts), and at least PAST_DUE_MIN: the most overdue first;
 *   4 booked visitors whose slot is due (from the slot less the lead), by how far into the lead;
 *   5 everyone else, by the index below;
 *   6 booked visitors who came early: called only by a window that has nobody else to call.
 *
 * The index of tier 5 is the generalised cμ rule for a convex waiting cost (Mandelbaum & Stolyar):
 *
 *   index = (wait / target + RESCUE if within 30 % of missing the target) × (hall mean / matter mean)
 *
 * Quick matters (learned service times, never the ticket's own) go first at equal claim, since
 * serving them first delays long ones least: it lowers the mean wait. Alone it makes the longest
 * waits of a busy day much longer than a shared queue's (issue 18: a visitor waited 2 h 12 min on
 * a Monday where the shared queue's longest was 1 h 16 min), so tier 3 bounds it: a visitor who
 * has waited well past what the shared queue would have made them wait goes first, before the
 * bookings that would otherwise keep overtaking them in a busy hour.
 */
export type Tier = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** Tier 5: common work, ordered by the cμ index; the tiers before it are pressing. */
export const COMMON: Tier = 5;
export interface Scored extends Candidate {
  tier: Tier;
  index: number;
  waitSec: number;
  meanSec: number;
  /** Open windows able to serve it. */
  able: number;
  /** A rare matter: only a window able to do it can help it. */
  rare: boolean;
}

export interface HallView {
  /** Open (signed in, not paused) windows per service, busy or idle. */
  openBySkill: Map<string, number>;
  openTotal: number;
  meanSec: Map<string, number>;
  targetSec: Map<string, number>;
  hallMeanSec: number;
  /** Services that are rare matters right now. */
  rare: Set<string>;
  /** The wait a shared queue gives a visitor joining this queue (service, transfer target) now; null: no open window. */
  fifoNow(serviceId: string, targetWindowId: string | null): number | null;
}

/**
 * The rule's constants. PAST_DUE and PAST_DUE_MIN were chosen on the training days of
 * sim/generate/kinds.ts (TRAIN_SEEDS) among 1.0–1.5 and 120–300 s; docs/benchmarks.md reports the
 * held-out days. RARE_SHARE: a rare matter has at most this share of the median matter's windows.
 */
export const TUNING = { RESCUE_FROM: 0.7, RESCUE: 0.5, RARE_SHARE: 0.5, PAST_DUE: 1.2, PAST_DUE_MIN: 600 };

export function hallView(s: HallState): HallView {
  const openBySkill = new Map<string, number>();
  let openTotal = 0;
  for (const def of s.model.windows) {
    if (s.windows.get(def.id)?.status !== 'open') continue;
    openTotal++;
    for (const skill of def.skills) openBySkill.set(skill, (openBySkill.get(skill) ?? 0) + 1);
  }
  const meanSec = new Map(s.model.services.map((x) => [x.id, meanServiceSec(s, x.id)]));
  let count = 0, sum = 0;
  for (const st of s.stats.values()) (count += st.count), (sum += st.sumSec);
  const priors = [...meanSec.values()];
  const hallMeanSec = count > 0 ? sum / count : priors.reduce((a, b) => a + b, 0) / Math.max(1, priors.length);
  const targetSec = new Map(s.model.services.map((x) => [x.id, x.targetWaitSec]));
  const coverage = [...openBySkill.values()].sort((a, b) => a - b);
  const median = coverage.length ? coverage[Math.floor(coverage.length / 2)] : 0;
  const rare = new Set([...openBySkill].filter(([, n]) => isRare(n, openTotal) && n <= TUNING.RARE_SHARE * median).map(([id]) => id));
  const fifo = new Map<string, number | null>();
  const fifoNow = (serviceId: string, targetWindowId: string | null) => {
    const key = groupKey(serviceId, targetWindowId);
    let sec = fifo.get(key);
    if (sec === undefined) fifo.set(key, (sec = fifoWaitSec(s, serviceId, targetWindowId)));
    return sec;
  };
  return { openBySkill, openTotal, meanSec, targetSec, hallMeanSec, rare, fifoNow };
}

/** A rare matter: one or two open windows can do it, in a hall at least three times that size. */
export function isRare(able: number, open: number): boolean {
  return able <= 2 && open >= 3 * able;
}

export function score(s: HallState, v: HallView, c: Candidate, now: number): Scored {
  const sinceSec = (now - waitingFrom(c)) / 1000;
  const waitSec = Math.max(0, sinceSec);
  const meanSec = v.meanSec.get(c.step.serviceId) ?? v.hallMeanSec;
  const able = c.step.targetWindowId ? 1 : Math.max(1, v.openBySkill.get(c.step.serviceId) ?? 0);
  const target = Math.max(60, v.targetSec.get(c.step.serviceId) ?? 0);
  const lead = Math.max(60, s.model.appointmentLeadSec);
  const rare = !c.step.targetWindowId && v.rare.has(c.step.serviceId);
  // Scored for every waiting ticket at every call: one plain object, no closure per ticket.
  let tier: Tier;
  let index: number;
  const late = isBookedStep(c) || c.ticket.priority === 'green' || rare ? null : pastDue(v, c, waitSec);
  if (c.step.front) (tier = 0), (index = sinceSec);
  else if (isBookedStep(c)) {
    if (sinceSec < -s.model.appointmentLeadSec) (tier = 6), (index = sinceSec);
    else if (c.ticket.priority === 'green') (tier = 1), (index = sinceSec);
    else (tier = 4), (index = (sinceSec + lead) / lead);
  } else if (c.ticket.priority === 'green') (tier = 1), (index = sinceSec);
  else if (rare) (tier = 2), (index = waitSec / target);
  else if (late !== null) (tier = 3), (index = late);
  else {
    const rescue = waitSec >= TUNING.RESCUE_FROM * target && waitSec < target ? TUNING.RESCUE : 0;
    (tier = 5), (index = (waitSec / target + rescue) * (v.hallMeanSec / meanSec));
  }
  return { ticket: c.ticket, step: c.step, tier, index, waitSec, meanSec, able, rare };
}

/**
 * How many seconds past due a visitor is, or null: due after PAST_DUE times the shared queue's
 * wait when they came (or, for a step that came while no window could serve it, the shared
 * queue's wait for their queue now).
 */
function pastDue(v: HallView, c: Candidate, waitSec: number): number | null {
  if (waitSec < TUNING.PAST_DUE_MIN) return null;
  const fifo = c.step.fifoSec ?? v.fifoNow(c.step.serviceId, c.step.targetWindowId);
  if (fifo === null) return null;
  const due = Math.max(TUNING.PAST_DUE_MIN, TUNING.PAST_DUE * fifo);
  return waitSec >= due ? waitSec - due : null;
}

/** Most pressing first: lower tier, higher index, then who joined first (queue-order.ts). */
export function byUrgency(a: Scored, b: Scored): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.index !== b.index) return b.index - a.index;
  return byJoining(a, b);
}

/** Why this ticket, as a stable code (protocol's ROUTING_REASONS). */
export function reasonFor(v: HallView, c: Scored): RoutingReason {
  switch (c.tier) {
    case 0: return 'front-transfer';
    case 1: return 'green-first';
    case 2: return 'rare-matter';
    case 3: return 'past-due';
    case 4: return 'booked-slot-due';
    case 6: return 'booked-early';
  }
  const target = v.targetSec.get(c.step.serviceId) ?? 0;
  if (c.waitSec >= TUNING.RESCUE_FROM * target && c.waitSec < target) return 'near-target';
  if (c.meanSec < 0.8 * v.hallMeanSec) return 'quick-matter';
  return 'longest-wait';
}
