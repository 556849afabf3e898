import type { HallState, RoutingReason } from '../types.ts';
import { meanServiceSec } from '../stats.ts';
import type { Candidate } from '../types.ts';
import { isBookedStep, waitingFrom } from '../queue-order.ts';

/**
 * How pressing each waiting ticket is. The order is the same whichever window asks, so windows
 * calling one after another at the same moment agree on who goes where. Tiers first:
 *
 *   0 transferred to the front;  1 green channel (oldest first; the streak cap is per window);
 *   2 booked visitors whose slot is due, and rare matters (at most two open windows can do them,
 *     in a hall of at least three times as many), by the share of their allowance used up:
 *     a booked visitor's lead before the slot, a rare matter's target;
 *   3 everyone else, by the index below;
 *   4 booked visitors who came early: called only by a window that has nobody else to call.
 *
 * The index is the generalised cμ rule for a convex waiting cost (Mandelbaum & Stolyar 2004):
 *
 *   index = (wait / target + 0.5 if within 30 % of missing the target) × (hall mean / matter mean)
 *
 * Waiting against the target grows everyone's claim, so nobody starves and pools of windows that
 * fall behind draw the flexible windows to them; quick matters (learned service times, never the
 * ticket's own) go first at equal claim, since serving them first delays long ones least; the
 * step before the target rescues those who can still make it (the service level).
 */
export type Tier = 0 | 1 | 2 | 3 | 4;
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
}

const RESCUE_FROM = 0.7;
const RESCUE_BOOST = 0.5;

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
  const rare = new Set([...openBySkill].filter(([, n]) => isRare(n, openTotal)).map(([id]) => id));
  return { openBySkill, openTotal, meanSec, targetSec, hallMeanSec, rare };
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
  const rare = isRare(able, v.openTotal);
  // Scored for every waiting ticket at every call: one plain object, no closure per ticket.
  let tier: Tier;
  let index: number;
  if (c.step.front) (tier = 0), (index = sinceSec);
  else if (isBookedStep(c)) {
    if (sinceSec < -s.model.appointmentLeadSec) (tier = 4), (index = sinceSec);
    else if (c.ticket.priority === 'green') (tier = 1), (index = sinceSec);
    else (tier = 2), (index = (sinceSec + lead) / lead);
  } else if (c.ticket.priority === 'green') (tier = 1), (index = sinceSec);
  else if (rare) (tier = 2), (index = waitSec / target);
  else {
    const rescue = waitSec >= RESCUE_FROM * target && waitSec < target ? RESCUE_BOOST : 0;
    (tier = 3), (index = (waitSec / target + rescue) * (v.hallMeanSec / meanSec));
  }
  return { ticket: c.ticket, step: c.step, tier, index, waitSec, meanSec, able, rare };
}

/** Most pressing first: lower tier, higher index, then queue order (time joined, ticket id). */
export function byUrgency(a: Scored, b: Scored): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.index !== b.index) return b.index - a.index;
  if (a.step.queuedAt !== b.step.queuedAt) return a.step.queuedAt - b.step.queuedAt;
  return a.ticket.id < b.ticket.id ? -1 : a.ticket.id > b.ticket.id ? 1 : 0;
}

/** Why this ticket, as a stable code (protocol's ROUTING_REASONS). */
export function reasonFor(v: HallView, c: Scored): RoutingReason {
  switch (c.tier) {
    case 0: return 'front-transfer';
    case 1: return 'green-first';
    case 2: return isBookedStep(c) ? 'booked-slot-due' : 'rare-matter';
    case 4: return 'booked-early';
  }
  const target = v.targetSec.get(c.step.serviceId) ?? 0;
  if (c.waitSec >= RESCUE_FROM * target && c.waitSec < target) return 'near-target';
  if (c.meanSec < 0.8 * v.hallMeanSec) return 'quick-matter';
  return 'longest-wait';
}
