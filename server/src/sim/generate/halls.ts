import type { Scenario, ScenarioWindow } from '../scenario.ts';
import { generateDay, peak, window, type MatterSpec } from './day.ts';

/**
 * The benchmark's hall days, drawn from fixed seeds. t = 0 is 09:00; halls close at 17:00 (28 800 s)
 * and stop issuing tickets at 16:30. Lunch is a rota: half the windows break 11:30–12:30, the other
 * half 12:30–13:30, so the hall never closes at noon.
 */
const H = 3600;
const CLOSE = 8 * H;
const LAST_ARRIVAL = 7.5 * H;
const LUNCH: Array<[number, number]>[] = [[[2.5 * H, 3.5 * H]], [[3.5 * H, 4.5 * H]]];
const twoPeaks = (morning: number, afternoon: number) => {
  const a = peak(1.25 * H, 0.8 * H, morning), b = peak(6 * H, 0.9 * H, afternoon);
  return (t: number) => 0.25 + a(t) + b(t);
};

const m = (id: string, name: string, prefix: string, targetWaitSec: number, share: number, meanSec: number, cv: number, more: Partial<MatterSpec> = {}): MatterSpec =>
  ({ id, name, prefix, targetWaitSec, share, meanSec, cv, ...more });
const PICKUP = { service: 'pickup', meanSec: 100, cv: 0.5 };

function rota(groups: Array<[number, string[]]>, firstId = 1): ScenarioWindow[] {
  const out: ScenarioWindow[] = [];
  for (const [count, skills] of groups) {
    for (let i = 0; i < count; i++) {
      const n = firstId + out.length;
      out.push(window(`W${String(n).padStart(2, '0')}`, skills, 0, CLOSE, LUNCH[n % 2]));
    }
  }
  return out;
}

/** A district centre: 30 windows, about 1 100 visitors, eight matters, a morning and an afternoon peak. */
export function districtCentre(seed = 11): Scenario {
  return generateDay({
    name: 'district-centre', seed, visitors: 1100, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.03, pickup: PICKUP,
    intensity: twoPeaks(1.6, 1.1),
    matters: [
      m('biz', '企业开办', 'A', 1200, 0.13, 780, 0.6, { bookedShare: 0.2, pickupShare: 0.4, greenShare: 0.02 }),
      m('tax', '税务办理', 'B', 900, 0.16, 540, 0.7, { bookedShare: 0.08, greenShare: 0.03 }),
      m('prop', '不动产登记', 'C', 1200, 0.13, 900, 0.6, { bookedShare: 0.25, pickupShare: 0.45, greenShare: 0.05 }),
      m('social', '社保医保', 'D', 900, 0.22, 330, 0.6, { greenShare: 0.08 }),
      m('fund', '公积金', 'E', 900, 0.08, 450, 0.5, { greenShare: 0.05 }),
      m('civil', '户政民政', 'F', 900, 0.08, 400, 0.5, { greenShare: 0.1 }),
      m('permit', '工程建设审批', 'G', 1800, 0.02, 1200, 0.5, { bookedShare: 0.5 }),
      m('pickup', '综合出件', 'H', 600, 0.15, 140, 0.5),
    ],
    windows: rota([
      [7, ['biz', 'tax', 'pickup']], [6, ['prop', 'tax', 'biz']], [8, ['social', 'fund', 'civil', 'pickup']],
      [2, ['permit', 'biz', 'prop']], [4, ['prop', 'social', 'fund', 'tax']],
      [3, ['tax', 'biz', 'prop', 'social', 'fund', 'civil', 'pickup']],
    ]),
  });
}

/** A street station: four windows, short social and civil matters, an older public (much green channel). */
export function streetStation(seed = 23): Scenario {
  return generateDay({
    name: 'street-station', seed, visitors: 210, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.04, pickup: PICKUP,
    intensity: twoPeaks(1.8, 0.9),
    matters: [
      m('social', '社保医保', 'A', 900, 0.4, 300, 0.6, { greenShare: 0.15 }),
      m('civil', '民政救助', 'B', 900, 0.22, 480, 0.6, { greenShare: 0.2, pickupShare: 0.3 }),
      m('elder', '老龄残联', 'C', 600, 0.14, 360, 0.5, { greenShare: 0.4 }),
      m('pickup', '证件领取', 'D', 600, 0.24, 110, 0.5),
    ],
    windows: rota([[1, ['social', 'civil', 'pickup']], [1, ['civil', 'social', 'elder']], [1, ['elder', 'social', 'pickup']], [1, ['pickup', 'civil', 'social']]]),
  });
}

/** A hall where one rare matter (公积金贷款, loans) can be done at only two windows. */
export function rareMatterHall(seed = 37): Scenario {
  return generateDay({
    name: 'rare-matter-hall', seed, visitors: 470, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.03, pickup: PICKUP,
    intensity: twoPeaks(1.5, 1.2),
    matters: [
      m('social', '社保医保', 'A', 900, 0.34, 360, 0.6, { greenShare: 0.06 }),
      m('tax', '税务办理', 'B', 900, 0.24, 540, 0.7, { greenShare: 0.02 }),
      m('prop', '不动产登记', 'C', 1200, 0.2, 800, 0.6, { bookedShare: 0.2, pickupShare: 0.4 }),
      m('loan', '公积金贷款', 'D', 900, 0.06, 720, 0.5, { bookedShare: 0.1 }),
      m('pickup', '综合出件', 'E', 600, 0.16, 140, 0.5),
    ],
    windows: rota([
      [2, ['tax', 'loan', 'social', 'prop', 'pickup']], [4, ['social', 'tax', 'pickup']],
      [4, ['prop', 'tax', 'social']], [2, ['pickup', 'social', 'prop']],
    ]),
  });
}

/** A deadline day: declarations due at five, a heavy afternoon, many appointments and green channel. */
export function deadlineSurge(seed = 41): Scenario {
  return generateDay({
    name: 'deadline-surge', seed, visitors: 760, lastArrivalSec: LAST_ARRIVAL, noShowShare: 0.05, pickup: PICKUP,
    intensity: twoPeaks(1.0, 1.8),
    matters: [
      m('tax', '税费申报', 'A', 900, 0.36, 540, 0.7, { bookedShare: 0.3, greenShare: 0.08 }),
      m('social', '社保缴费', 'B', 900, 0.28, 400, 0.6, { bookedShare: 0.15, greenShare: 0.1 }),
      m('biz', '企业变更', 'C', 1200, 0.14, 840, 0.6, { bookedShare: 0.35, pickupShare: 0.5, greenShare: 0.05 }),
      m('pickup', '综合出件', 'D', 600, 0.22, 130, 0.5),
    ],
    windows: rota([
      [6, ['tax', 'social', 'biz']], [4, ['social', 'tax', 'pickup']], [3, ['biz', 'tax', 'pickup']], [3, ['pickup', 'social']],
    ]),
  });
}

/**
 * The project's sample day (`server/bench/scenarios/sample-day.json`, committed): ten windows, eight
 * of them able to do everything with their home service in turn, two for social matters and pickups;
 * half of the eight lunch 12:00–12:30; about 360 visitors of four matters, some booked, some green.
 * Tests and the benchmark read the committed file, and a test checks it is this generator's output.
 */
export function sampleDay(seed = 5): Scenario {
  const all = ['biz', 'prop', 'social', 'pickup'];
  const home = (first: string) => [first, ...all.filter((x) => x !== first && x !== 'pickup'), 'pickup'];
  const windows: ScenarioWindow[] = [];
  for (let i = 1; i <= 8; i++) {
    const lunch: Array<[number, number]> | undefined = i % 2 === 1 ? [[3 * H, 3.5 * H]] : undefined;
    windows.push(window(`W${String(i).padStart(2, '0')}`, home(['biz', 'prop', 'social'][(i - 1) % 3]), 0, CLOSE, lunch));
  }
  windows.push(window('W09', ['social', 'pickup'], 0, CLOSE), window('W10', ['pickup', 'social'], 0, CLOSE));
  return generateDay({
    name: 'sample-day', seed, visitors: 360, lastArrivalSec: 7.9 * H, noShowShare: 0.02, pickup: { service: 'pickup', meanSec: 200, cv: 0.5 },
    intensity: twoPeaks(1.3, 1.0),
    matters: [
      m('biz', '企业开办', 'A', 1200, 0.24, 850, 0.6, { bookedShare: 0.15, pickupShare: 0.35, greenShare: 0.03 }),
      m('prop', '不动产登记', 'B', 1200, 0.27, 720, 0.6, { bookedShare: 0.2, pickupShare: 0.35, greenShare: 0.05 }),
      m('social', '社保医保', 'C', 900, 0.38, 360, 0.6, { greenShare: 0.08 }),
      m('pickup', '综合出件', 'D', 600, 0.11, 200, 0.5),
    ],
    windows,
  });
}

/** Every generated benchmark day, in the order the report lists them. */
export function benchmarkDays(): Scenario[] {
  return [districtCentre(), streetStation(), rareMatterHall(), deadlineSurge()];
}
