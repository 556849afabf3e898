import type { Scenario, ScenarioWindow } from '../scenario.ts';
import { generateDay, peak, window, type DaySpec, type MatterSpec } from './day.ts';
import { Random } from './random.ts';

/**
 * Days of the kinds issue 18 measures the policy on, drawn from a seed: the seed picks the day's
 * shape (how many windows, how busy, which matters weigh most, who knows what) as well as its
 * visitors, so no single day can be tuned to. t = 0 is 09:00; halls close at 17:00.
 *
 * The policy was tuned on TRAIN_SEEDS only; `npm run bench:routing` reports HELD_OUT_SEEDS.
 */
export const TRAIN_SEEDS = [1, 2, 3, 4];
export const HELD_OUT_SEEDS = [101, 102, 103, 104, 105, 106];

const H = 3600;
const CLOSE = 8 * H;
const LAST_ARRIVAL = 7.5 * H;
const m = (id: string, name: string, prefix: string, targetWaitSec: number, share: number, meanSec: number, cv: number, more: Partial<MatterSpec> = {}): MatterSpec =>
  ({ id, name, prefix, targetWaitSec, share, meanSec, cv, ...more });
const id = (n: number) => `W${String(n).padStart(2, '0')}`;
/** Lunch as a rota: odd windows 11:30–12:30, even ones 12:30–13:30. */
const lunch = (n: number): Array<[number, number]> => (n % 2 ? [[2.5 * H, 3.5 * H]] : [[3.5 * H, 4.5 * H]]);
const between = (r: Random, a: number, b: number) => a + r.uniform() * (b - a);

/**
 * How many visitors make the day's offered work `load` × the windows' open hours (the mean of a
 * visit's matters, pickup steps and no-shows counted as the generator draws them).
 */
function visitorsFor(load: number, windows: ScenarioWindow[], spec: Omit<DaySpec, 'visitors'>): number {
  const open = windows.reduce((a, w) => a + w.closesAt - w.opensAt - (w.breaks ?? []).reduce((x, [p, q]) => x + q - p, 0), 0);
  const total = spec.matters.reduce((a, x) => a + x.share, 0);
  let perVisitor = 0;
  for (const x of spec.matters) {
    const pickup = spec.pickup ? (x.pickupShare ?? 0) * spec.pickup.meanSec : 0;
    perVisitor += (x.share / total) * ((1 - spec.noShowShare) * (x.meanSec + pickup) + spec.noShowShare * 60);
  }
  return Math.round((load * open) / perVisitor);
}

/**
 * A day with `load`; where visitors book, each half-hour slot takes as many bookings as the windows
 * open in it can serve at the booked share of the work (a booking system offers what the hall can
 * do: fewer at lunch, none before a window opens).
 */
function day(spec: Omit<DaySpec, 'visitors'>, load: number): Scenario {
  const visitors = visitorsFor(load, spec.windows, spec);
  const total = spec.matters.reduce((a, x) => a + x.share, 0);
  const bookedShare = spec.matters.reduce((a, x) => a + (x.share / total) * (x.bookedShare ?? 0), 0);
  const meanSec = spec.matters.reduce((a, x) => a + (x.share / total) * x.meanSec, 0);
  const slot = spec.slotSec ?? 1800;
  const openIn = (from: number) => spec.windows.filter((w) => w.opensAt <= from && w.closesAt >= from + slot
    && !(w.breaks ?? []).some(([a, b]) => a < from + slot && b > from)).length;
  const slotQuota = bookedShare > 0 ? (from: number) => Math.round((bookedShare * openIn(from) * slot) / meanSec) : undefined;
  return generateDay({ ...spec, visitors, slotQuota });
}

/** (a) A community point: three windows, an older public, a third of visitors on the green channel. */
export function communityPoint(seed: number): Scenario {
  const r = new Random(seed * 7 + 1);
  const green = between(r, 0.28, 0.38);
  const matters = [
    m('social', '社保医保', 'A', 900, between(r, 0.3, 0.45), between(r, 240, 360), 0.6, { greenShare: green }),
    m('civil', '民政救助', 'B', 900, between(r, 0.15, 0.25), between(r, 360, 540), 0.6, { greenShare: green, pickupShare: 0.2 }),
    m('elder', '老龄残联', 'C', 900, between(r, 0.1, 0.2), between(r, 300, 420), 0.5, { greenShare: Math.min(0.9, green * 1.6) }),
    m('resident', '居住证明', 'D', 600, between(r, 0.1, 0.2), between(r, 150, 240), 0.5, { greenShare: green * 0.5 }),
    m('pickup', '证件领取', 'E', 600, between(r, 0.08, 0.15), 100, 0.5, { greenShare: green * 0.5 }),
  ];
  const windows = [
    window('W01', ['social', 'civil', 'resident', 'pickup'], 0, CLOSE, lunch(1)),
    window('W02', ['civil', 'elder', 'social', 'resident'], 0, CLOSE, lunch(2)),
    window('W03', ['elder', 'social', 'pickup', 'resident'], 0, CLOSE, r.chance(0.5) ? lunch(3) : undefined),
  ];
  return day({
    name: `community-point-${seed}`, seed, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.03, pickup: { service: 'pickup', meanSec: 100, cv: 0.5 },
    intensity: twoPeaks(between(r, 1.2, 2), between(r, 0.6, 1.1)), matters, windows,
  }, between(r, 0.55, 0.75));
}

/** (b) A booking-heavy day: half of the visitors booked half-hour slots, the rest walk in. */
export function bookingHeavy(seed: number): Scenario {
  const r = new Random(seed * 7 + 2);
  const booked = between(r, 0.45, 0.55);
  const matters = [
    m('biz', '企业开办', 'A', 1200, between(r, 0.15, 0.25), between(r, 600, 900), 0.6, { bookedShare: booked, pickupShare: 0.3, greenShare: 0.02 }),
    m('tax', '税务办理', 'B', 900, between(r, 0.15, 0.25), between(r, 420, 600), 0.7, { bookedShare: booked, greenShare: 0.03 }),
    m('prop', '不动产登记', 'C', 1200, between(r, 0.15, 0.25), between(r, 600, 900), 0.6, { bookedShare: booked, pickupShare: 0.3, greenShare: 0.04 }),
    m('social', '社保医保', 'D', 900, between(r, 0.2, 0.3), between(r, 240, 400), 0.6, { bookedShare: booked, greenShare: 0.06 }),
    m('pickup', '综合出件', 'E', 600, between(r, 0.08, 0.15), 120, 0.5, { bookedShare: booked * 0.5 }),
  ];
  const n = 8 + Math.floor(r.uniform() * 6);
  const skillSets = [['biz', 'tax', 'pickup'], ['tax', 'biz', 'social'], ['prop', 'biz', 'pickup'], ['social', 'prop', 'tax'], ['biz', 'prop', 'social', 'tax', 'pickup']];
  const windows = Array.from({ length: n }, (_, i) => window(id(i + 1), skillSets[i % skillSets.length], 0, CLOSE, lunch(i + 1)));
  return day({
    name: `booking-heavy-${seed}`, seed, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.04, pickup: { service: 'pickup', meanSec: 110, cv: 0.5 },
    intensity: twoPeaks(between(r, 1, 1.6), between(r, 0.8, 1.3)), matters, windows, slotSec: 1800,
  }, between(r, 0.68, 0.86));
}

/** (c) A chain of overlapping skills: each window knows two or three neighbouring matters, none all. */
export function skillChain(seed: number): Scenario {
  const r = new Random(seed * 7 + 3);
  const names: Array<[string, string]> = [['biz', '企业开办'], ['tax', '税务办理'], ['prop', '不动产登记'], ['social', '社保医保'], ['fund', '公积金'], ['civil', '户政民政'], ['medic', '医保报销'], ['traffic', '交通违章']];
  const k = 6 + Math.floor(r.uniform() * 3);
  const n = k + Math.floor(r.uniform() * 4);
  const skillsOf = Array.from({ length: n }, (_, i) => Array.from({ length: r.chance(0.5) ? 2 : 3 }, (_, j) => (i + j) % k));
  // A matter's work follows how many windows know it (a hall staffs for its demand), give or take a quarter.
  const coverage = Array.from({ length: k }, (_, i) => skillsOf.reduce((a, s) => a + (s.includes(i) ? 1 / s.length : 0), 0));
  const means = Array.from({ length: k }, () => between(r, 240, 840));
  const matters = names.slice(0, k).map(([sid, name], i) =>
    m(sid, name, String.fromCharCode(65 + i), 900, (coverage[i] * between(r, 0.75, 1.25)) / means[i], means[i], between(r, 0.5, 0.7), { greenShare: 0.04, bookedShare: r.chance(0.3) ? 0.15 : 0 }));
  const windows = skillsOf.map((s, i) => window(id(i + 1), s.map((j) => matters[j].id), 0, CLOSE, lunch(i + 1)));
  return day({
    name: `skill-chain-${seed}`, seed, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.03,
    intensity: twoPeaks(between(r, 1, 1.8), between(r, 0.7, 1.2)), matters, windows,
  }, between(r, 0.62, 0.8));
}

/** (d) A Monday: a morning rush, half of the windows open an hour late, half of the visits come back for a pickup. */
export function monday(seed: number): Scenario {
  const r = new Random(seed * 7 + 4);
  const matters = [
    m('biz', '企业开办', 'A', 1200, between(r, 0.15, 0.25), between(r, 600, 840), 0.6, { pickupShare: 0.7, bookedShare: 0.1, greenShare: 0.03 }),
    m('prop', '不动产登记', 'B', 1200, between(r, 0.15, 0.25), between(r, 600, 840), 0.6, { pickupShare: 0.7, bookedShare: 0.1, greenShare: 0.05 }),
    m('social', '社保医保', 'C', 900, between(r, 0.2, 0.3), between(r, 240, 400), 0.6, { pickupShare: 0.4, greenShare: 0.08 }),
    m('tax', '税务办理', 'D', 900, between(r, 0.15, 0.25), between(r, 400, 600), 0.7, { pickupShare: 0.4, greenShare: 0.03 }),
    m('pickup', '综合出件', 'E', 600, between(r, 0.05, 0.1), 110, 0.5),
  ];
  const n = 8 + Math.floor(r.uniform() * 8);
  const skillSets = [['biz', 'tax', 'pickup'], ['prop', 'biz', 'pickup'], ['social', 'tax', 'pickup'], ['tax', 'social', 'biz'], ['pickup', 'social', 'prop'], ['biz', 'prop', 'social', 'tax', 'pickup']];
  const late = new Set(Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 1));
  const windows = Array.from({ length: n }, (_, i) => window(id(i + 1), skillSets[i % skillSets.length], late.has(i) ? H : 0, CLOSE, lunch(i + 1)));
  const rush = peak(between(r, 0.3, 0.8) * H, between(r, 0.5, 0.8) * H, between(r, 1.5, 2.5));
  const afternoon = peak(6 * H, 0.9 * H, between(r, 0.5, 0.9));
  return day({
    name: `monday-${seed}`, seed, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.03, pickup: { service: 'pickup', meanSec: 110, cv: 0.5 },
    intensity: (t) => 0.2 + rush(t) + afternoon(t), matters, windows,
  }, between(r, 0.55, 0.72));
}

/** (e) A deadline surge of one matter (declarations due), with bookings and green channel. */
export function deadlineDay(seed: number): Scenario {
  const r = new Random(seed * 7 + 5);
  const matters = [
    m('tax', '税费申报', 'A', 900, between(r, 0.4, 0.55), between(r, 420, 600), 0.7, { bookedShare: between(r, 0.2, 0.35), greenShare: 0.08 }),
    m('social', '社保缴费', 'B', 900, between(r, 0.15, 0.25), between(r, 300, 420), 0.6, { bookedShare: 0.15, greenShare: 0.1 }),
    m('biz', '企业变更', 'C', 1200, between(r, 0.1, 0.18), between(r, 600, 900), 0.6, { bookedShare: 0.3, pickupShare: 0.5, greenShare: 0.05 }),
    m('pickup', '综合出件', 'D', 600, between(r, 0.1, 0.2), 120, 0.5),
  ];
  const n = 10 + Math.floor(r.uniform() * 8);
  const skillSets = [['tax', 'social', 'biz'], ['social', 'tax', 'pickup'], ['biz', 'tax', 'pickup'], ['pickup', 'social'], ['tax', 'biz']];
  const windows = Array.from({ length: n }, (_, i) => window(id(i + 1), skillSets[i % skillSets.length], 0, CLOSE, lunch(i + 1)));
  return day({
    name: `deadline-${seed}`, seed, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.05, pickup: { service: 'pickup', meanSec: 120, cv: 0.5 },
    intensity: twoPeaks(between(r, 0.7, 1.1), between(r, 1.5, 2.2)), matters, windows,
  }, between(r, 0.72, 0.86));
}

export interface DayKind { kind: string; make: (seed: number) => Scenario }
export const KINDS: DayKind[] = [
  { kind: 'community-point', make: communityPoint },
  { kind: 'booking-heavy', make: bookingHeavy },
  { kind: 'skill-chain', make: skillChain },
  { kind: 'monday', make: monday },
  { kind: 'deadline', make: deadlineDay },
];

function twoPeaks(morning: number, afternoon: number) {
  const a = peak(1.25 * H, 0.8 * H, morning), b = peak(6 * H, 0.9 * H, afternoon);
  return (t: number) => 0.25 + a(t) + b(t);
}
