import type { HallConfig } from '@onewindow/config';
import { isoLocal, type AlertView, type ServiceView, type TodayStats, type WindowView } from '@onewindow/protocol';
import type { EvaluationRepository } from '../../repositories/evaluation.repository.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import { openingHours } from '../hall/hours.ts';
import type { QueueService } from '../queue/queue.service.ts';
import { serviceViews, windowViews } from '../queue/views.ts';
import { BUCKET_MIN, dayTarget, satisfactionDistribution, todaySeries } from './today-series.ts';

/** The supervisors' live figures: the queues and windows now, and today's series for the charts. */
export class StatsService {
  constructor(
    private readonly hall: HallService,
    private readonly queue: QueueService,
    private readonly alerts: AlertService,
    private readonly evaluations: EvaluationRepository,
    private readonly config: HallConfig,
  ) {}

  /** Per service: waiting, longest and estimated wait; per window: state, current ticket, served today. */
  live(): { at: string; services: ServiceView[]; windows: WindowView[]; waitingTotal: number; alerts: AlertView[] } {
    const v = this.queue.views();
    const services = serviceViews(v);
    return { at: isoLocal(v.now, v.timezone), services, windows: windowViews(v), waitingTotal: services.reduce((n, s) => n + s.waiting, 0), alerts: this.alerts.open() };
  }

  /** Today per quarter-hour, the queue from memory, ratings from SQLite. */
  today(): TodayStats {
    const now = this.hall.now();
    const s = this.hall.state;
    const targets = new Map(s.model.services.map((x) => [x.id, x.targetWaitSec]));
    const hours = openingHours(this.config, now);
    const buckets = todaySeries(s.tickets.values(), targets, {
      timezone: this.config.hall.timezone, day: s.day, now, openMin: hours?.openMin ?? null,
    });
    return {
      day: s.day, now: isoLocal(now, this.config.hall.timezone), bucketMin: BUCKET_MIN,
      openMin: hours?.openMin ?? null, closeMin: hours?.closeMin ?? null,
      targetWaitSec: dayTarget(buckets, targets), buckets,
      satisfaction: satisfactionDistribution(this.evaluations.scoreCounts(s.day)),
    };
  }
}
