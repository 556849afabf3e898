import type { HallConfig } from '@onewindow/config';
import { DEFAULT_SERVICE_SEC, meanServiceSec, unservableServices, type HallState } from '../../engine/index.ts';
import type { ReportRepository } from '../../repositories/report.repository.ts';
import type { HallService } from '../hall/hall.service.ts';
import { demandOf, expectedByHour, mattersPerTicket, serviceMeans, serviceMix, type DayDemand } from './history.ts';
import { planStaffing, type StaffingPlan } from './staffing-plan.ts';
import { adviceWindows } from './advice-staffing.ts';
import type { WhatIfWindow } from '@onewindow/protocol';
import { addDays, hourOf, minutesOf, weekdayOf } from '@onewindow/protocol/time';

/** How many earlier same weekdays (with any ticket) make the expectation, looking back at most 8 weeks. */
export const HISTORY_DAYS = 4;
const LOOK_BACK_WEEKS = 8;

export interface StaffingView extends StaffingPlan {
  date: string;
  weekday: string;
  /** The same weekdays of earlier weeks the expectation comes from. */
  historyDays: string[];
  serviceSec: number;
  mattersPerTicket: number;
  targetSec: number;
  openNow: number | null;
  totalWindows: number;
  /** Today: services no open window can serve now, and how many wait for each. */
  unservable?: Array<{ serviceId: string; waiting: number }>;
}

/**
 * Staffing advice: arrivals seen today and expected from the same weekday's history, learned service
 * times (the engine's running means, with history as their prior), and Erlang C per hour.
 */
export class StaffingService {
  constructor(private readonly repo: ReportRepository, private readonly hall: HallService, private readonly config: HallConfig) {}

  plan(date: string = this.hall.state.day): StaffingView {
    const tz = this.config.hall.timezone;
    const today = this.hall.state.day;
    const phase = date === today ? 'today' : date < today ? 'past' : 'future';
    const history = this.history(date);
    const day: DayDemand = demandOf(date, phase === 'today' ? this.hall.state.tickets.values() : phase === 'past' ? this.repo.tickets(date) : [], tz);
    const known = [...history, day];

    const mix = serviceMix(known);
    const priors = serviceMeans(known);
    const model = this.hall.model;
    const services = mix.size > 0 ? [...mix] : model.services.map((s) => [s.id, 1 / model.services.length] as [string, number]);
    let serviceSec = 0, targetSec = 0;
    for (const [id, share] of services) {
      const prior = priors.get(id) ?? DEFAULT_SERVICE_SEC;
      serviceSec += share * (phase === 'today' ? meanServiceSec(this.hall.state, id, prior) : prior);
      targetSec += share * (model.services.find((s) => s.id === id)?.targetWaitSec ?? 900);
    }
    const expected = history.length > 0 ? expectedByHour(history) : null;
    const openNow = phase === 'today' ? [...this.hall.state.windows.values()].filter((w) => w.status !== 'closed').length : null;
    const perTicket = mattersPerTicket(known);
    const plan = planStaffing({
      phase, hours: this.hoursOf(date, day, expected), seen: day.issuedByHour, expected,
      currentHour: phase === 'today' ? hourOf(this.hall.now(), tz, date) : null,
      serviceSec, mattersPerTicket: perTicket, targetSec, openNow, totalWindows: model.windows.length,
      ...(phase === 'today' ? { unservable: unservableNow(this.hall.state) } : {}),
    });
    return {
      date, weekday: weekdayOf(date), historyDays: history.map((d) => d.day), serviceSec: Math.round(serviceSec),
      mattersPerTicket: Math.round(perTicket * 100) / 100, targetSec: Math.round(targetSec), openNow, totalWindows: model.windows.length, ...plan,
      ...(phase === 'today' ? { unservable: unservableServices(this.hall.state).map((u) => ({ serviceId: u.serviceId, waiting: u.waiting })) } : {}),
    };
  }

  /** The advice for a day as windows by the hour, for the simulator to replay ("what if" checks the advice). */
  adviceWindows(date: string): WhatIfWindow[] {
    return adviceWindows(this.plan(date).hours, this.hall.model.windows);
  }

  /** Up to HISTORY_DAYS earlier same weekdays that had tickets (holidays and closed days skipped). */
  private history(date: string): DayDemand[] {
    const out: DayDemand[] = [];
    for (let k = 1; k <= LOOK_BACK_WEEKS && out.length < HISTORY_DAYS; k++) {
      const d = addDays(date, -7 * k);
      const tickets = this.repo.tickets(d);
      if (tickets.length > 0) out.push(demandOf(d, tickets, this.config.hall.timezone));
    }
    return out;
  }

  /** The day's business hours, widened to any hour with arrivals seen or expected. */
  private hoursOf(date: string, day: DayDemand, expected: Map<number, number> | null): number[] {
    const hours = new Set<number>();
    const holiday = (this.config.hall.holidays ?? []).includes(date);
    if (!holiday) {
      for (const h of this.config.hall.hours) {
        if (!h.days.includes(weekdayOf(date) as never)) continue;
        for (let x = Math.floor(minutesOf(h.open) / 60); x < Math.ceil(minutesOf(h.close) / 60); x++) hours.add(x);
      }
    }
    for (const h of day.issuedByHour.keys()) hours.add(h);
    for (const [h, n] of expected ?? []) if (n > 0) hours.add(h);
    return [...hours].sort((a, b) => a - b);
  }
}

/**
 * The services no open window serves now, by name, and the fewest closed or paused windows that
 * would serve those somebody waits for (greedy: the window covering most of what is left first).
 */
function unservableNow(s: HallState): NonNullable<Parameters<typeof planStaffing>[0]['unservable']> {
  const list = unservableServices(s);
  const left = new Set(list.filter((u) => u.waiting > 0).map((u) => u.serviceId));
  let windowsToOpen = 0;
  while (left.size > 0) {
    let best = 0;
    for (const def of s.model.windows) best = Math.max(best, def.skills.filter((k) => left.has(k)).length);
    if (best === 0) break;
    const pick = s.model.windows.find((def) => def.skills.filter((k) => left.has(k)).length === best)!;
    for (const k of pick.skills) left.delete(k);
    windowsToOpen++;
  }
  return {
    windowsToOpen,
    services: list.map((u) => {
      const svc = s.model.services.find((x) => x.id === u.serviceId)!;
      return { name: svc.name, nameEn: svc.nameEn ?? svc.name, waiting: u.waiting };
    }),
  };
}
