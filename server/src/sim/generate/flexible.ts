import type { Scenario } from '../scenario.ts';
import { Random } from './random.ts';

/**
 * A fully flexible hall for checking the simulator against queueing theory: one service, `windows`
 * identical windows, Poisson arrivals for `durationSec`, exponential or lognormal service times.
 * The windows close when arrivals stop and serve everyone who came before (extended service).
 */
export interface FlexibleDay {
  seed: number;
  windows: number;
  arrivalRate: number;
  meanServiceSec: number;
  /** Coefficient of variation of a lognormal service time; omitted: exponential. */
  serviceCv?: number;
  durationSec: number;
}

export function flexibleDay(spec: FlexibleDay): Scenario {
  const rnd = new Random(spec.seed);
  const tickets: Scenario['tickets'] = [];
  for (let t = rnd.exponential(1 / spec.arrivalRate); t < spec.durationSec; t += rnd.exponential(1 / spec.arrivalRate)) {
    const serviceSec = spec.serviceCv === undefined ? rnd.exponential(spec.meanServiceSec) : rnd.lognormal(spec.meanServiceSec, spec.serviceCv);
    tickets.push({ id: `T${String(tickets.length + 1).padStart(6, '0')}`, arrival: t, service: 'svc', priority: 'normal', serviceSec });
  }
  return {
    format: 'onewindow-scenario/1',
    name: `flexible-${spec.windows}w-seed${spec.seed}`,
    services: [{ id: 'svc', name: '综合', prefix: 'A', targetWaitSec: 900 }],
    windows: Array.from({ length: spec.windows }, (_, i) => ({ id: `W${String(i + 1).padStart(2, '0')}`, skills: ['svc'], opensAt: 0, closesAt: spec.durationSec })),
    tickets,
  };
}
