import type { Ticket } from '../../engine/index.ts';
import { hourOf } from '@onewindow/protocol/time';

/** What one day's stored tickets tell about demand: arrivals per hour, matters per service, service times. */
export interface DayDemand {
  day: string;
  tickets: number;
  issuedByHour: Map<number, number>;
  mattersByService: Map<string, number>;
  service: Map<string, { n: number; sumSec: number }>;
}

export function demandOf(day: string, tickets: Iterable<Ticket>, timeZone: string): DayDemand {
  const d: DayDemand = { day, tickets: 0, issuedByHour: new Map(), mattersByService: new Map(), service: new Map() };
  for (const t of tickets) {
    d.tickets++;
    const h = hourOf(t.issuedAt, timeZone, day);
    d.issuedByHour.set(h, (d.issuedByHour.get(h) ?? 0) + 1);
    for (const s of t.steps) {
      d.mattersByService.set(s.serviceId, (d.mattersByService.get(s.serviceId) ?? 0) + 1);
      const begun = s.startedAt ?? s.calledAt;
      if (s.status !== 'done' || begun === null || s.finishedAt === null) continue;
      const st = d.service.get(s.serviceId) ?? { n: 0, sumSec: 0 };
      st.n++;
      st.sumSec += Math.max(0, (s.finishedAt - begun) / 1000);
      d.service.set(s.serviceId, st);
    }
  }
  return d;
}

/** Mean arrivals per hour over the given days. */
export function expectedByHour(days: readonly DayDemand[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of days) for (const [h, n] of d.issuedByHour) out.set(h, (out.get(h) ?? 0) + n / days.length);
  return out;
}

/** Mean service seconds per service over the given days (no entry for a service never finished). */
export function serviceMeans(days: readonly DayDemand[]): Map<string, number> {
  const acc = new Map<string, { n: number; sumSec: number }>();
  for (const d of days) for (const [id, s] of d.service) {
    const a = acc.get(id) ?? { n: 0, sumSec: 0 };
    a.n += s.n;
    a.sumSec += s.sumSec;
    acc.set(id, a);
  }
  return new Map([...acc].map(([id, a]) => [id, a.sumSec / a.n]));
}

/** Share of matters per service over the given days. */
export function serviceMix(days: readonly DayDemand[]): Map<string, number> {
  const acc = new Map<string, number>();
  let total = 0;
  for (const d of days) for (const [id, n] of d.mattersByService) { acc.set(id, (acc.get(id) ?? 0) + n); total += n; }
  return new Map([...acc].map(([id, n]) => [id, n / total]));
}

/** Matters per ticket (1 when nothing is known). */
export function mattersPerTicket(days: readonly DayDemand[]): number {
  let tickets = 0, matters = 0;
  for (const d of days) { tickets += d.tickets; for (const n of d.mattersByService.values()) matters += n; }
  return tickets > 0 ? matters / tickets : 1;
}
