import type { Scenario, ScenarioTicket, ScenarioWindow } from '../scenario.ts';
import { Random } from './random.ts';

/** A matter of the hall and how its visitors behave. Shares are of the day's visitors. */
export interface MatterSpec {
  id: string;
  name: string;
  prefix: string;
  targetWaitSec: number;
  share: number;
  meanSec: number;
  /** Coefficient of variation of the lognormal service time. */
  cv: number;
  greenShare?: number;
  bookedShare?: number;
  /** Share of visitors who come back for a pickup step when this matter is done. */
  pickupShare?: number;
}

export interface DaySpec {
  name: string;
  seed: number;
  matters: MatterSpec[];
  windows: ScenarioWindow[];
  visitors: number;
  /** Arrival intensity over the day (any scale), sampled on [0, lastArrivalSec]. */
  intensity(t: number): number;
  lastArrivalSec: number;
  noShowShare: number;
  /** The pickup step's service (must be one of the matters) and its service time. */
  pickup?: { service: string; meanSec: number; cv: number };
  slotSec?: number;
  /**
   * Bookings a slot takes at most (all matters together), as a booking system offers them: a
   * visitor whose slot is full books the next one with room, or walks in. Omitted: no limit.
   */
  slotQuota?: (slotStart: number) => number;
}

/** A peak: a bell around `at` seconds with the given spread and height. */
export function peak(at: number, spread: number, height: number): (t: number) => number {
  return (t) => height * Math.exp(-0.5 * ((t - at) / spread) ** 2);
}

/**
 * Draws one day: arrival times from the intensity (a Poisson day conditioned on its count), a
 * matter by share, lognormal service times, some green channel, booked slots (visitors come a little
 * early or late), no-shows, and pickup steps.
 */
export function generateDay(spec: DaySpec): Scenario {
  const rnd = new Random(spec.seed);
  const slot = spec.slotSec ?? 1800;
  const maxIntensity = sampleMax(spec);
  const arrivals: number[] = [];
  while (arrivals.length < spec.visitors) {
    const t = rnd.uniform() * spec.lastArrivalSec;
    if (rnd.uniform() * maxIntensity <= spec.intensity(t)) arrivals.push(t);
  }
  arrivals.sort((a, b) => a - b);
  const booked = new Map<number, number>();
  const lastSlot = Math.floor(spec.lastArrivalSec / slot) * slot;
  const bookSlot = (at: number): number | null => {
    let s = Math.max(0, Math.round(at / slot) * slot);
    if (spec.slotQuota === undefined) return s;
    while (s <= lastSlot && (booked.get(s) ?? 0) >= spec.slotQuota(s)) s += slot;
    if (s > lastSlot) return null;
    booked.set(s, (booked.get(s) ?? 0) + 1);
    return s;
  };
  const tickets: ScenarioTicket[] = arrivals.map((at, i) => {
    const m = spec.matters[rnd.pick(spec.matters.map((x) => x.share))];
    const t: ScenarioTicket = {
      id: `T${String(i + 1).padStart(5, '0')}`, arrival: round(at), service: m.id,
      priority: rnd.chance(m.greenShare ?? 0) ? 'green' : 'normal', serviceSec: round(rnd.lognormal(m.meanSec, m.cv)),
    };
    if (rnd.chance(m.bookedShare ?? 0)) {
      const slotAt = bookSlot(at);
      const early = rnd.normal(-180, 420);
      if (slotAt !== null) {
        t.appointmentAt = slotAt;
        t.arrival = round(Math.max(0, slotAt + early));
      }
    }
    if (rnd.chance(spec.noShowShare)) t.noShow = true;
    else if (spec.pickup && rnd.chance(m.pickupShare ?? 0)) {
      t.next = [{ service: spec.pickup.service, serviceSec: round(rnd.lognormal(spec.pickup.meanSec, spec.pickup.cv)) }];
    }
    return t;
  });
  tickets.sort((a, b) => a.arrival - b.arrival || (a.id < b.id ? -1 : 1));
  tickets.forEach((t, i) => (t.id = `T${String(i + 1).padStart(5, '0')}`));
  return {
    format: 'onewindow-scenario/1',
    name: spec.name,
    noShowTimeoutSec: 60,
    services: spec.matters.map((m) => ({ id: m.id, name: m.name, prefix: m.prefix, targetWaitSec: m.targetWaitSec })),
    windows: spec.windows,
    tickets,
  };
}

function sampleMax(spec: DaySpec): number {
  let max = 0;
  for (let t = 0; t <= spec.lastArrivalSec; t += 60) max = Math.max(max, spec.intensity(t));
  return max * 1.05;
}

export function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export function window(id: string, skills: string[], opensAt: number, closesAt: number, breaks?: Array<[number, number]>): ScenarioWindow {
  return breaks && breaks.length > 0 ? { id, skills, opensAt, closesAt, breaks } : { id, skills, opensAt, closesAt };
}
