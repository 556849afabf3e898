import { randomUUID } from 'node:crypto';
import type { HallConfig } from '@onewindow/config';
import type { AlertView } from '@onewindow/protocol';
import { isoLocal } from '@onewindow/protocol';
import type { AlertRepository, AlertRow } from '../../repositories/alert.repository.ts';
import { AppError } from '../app-error.ts';
import type { HallService } from '../hall/hall.service.ts';
import { currentStep, waitingFrom } from '../../engine/index.ts';


/**
 * Alerts for supervisors: raised once per open subject (a service over target, a printer out of
 * paper, a bad review), logged as events so the wall hears them live, acknowledged by a person.
 */
export class AlertService {
  constructor(private readonly repo: AlertRepository, private readonly hall: HallService, private readonly config: HallConfig) {}

  open(): AlertView[] {
    return this.repo.open().map((r) => this.view(r));
  }

  raise(kind: string, level: AlertView['level'], message: string, subject: string | null): AlertView | null {
    if (this.repo.isOpen(kind, subject)) return null;
    const now = this.hall.now();
    const row: AlertRow = { id: randomUUID(), kind, level, subject, message, raised_at: now, acknowledged_at: null, acknowledged_by: null };
    const alert = this.view(row);
    this.hall.commit([{ type: 'alert.raised', at: now, alert }], 'system', () => {
      this.repo.insert(row);
    });
    return alert;
  }

  acknowledge(id: string, by: string): AlertView {
    const r = this.repo.get(id);
    if (!r) throw new AppError(404, 'UNKNOWN_ALERT', `no alert ${id}`);
    if (r.acknowledged_at !== null) return this.view(r);
    const now = this.hall.now();
    const done = { ...r, acknowledged_at: now, acknowledged_by: by };
    this.hall.commit([{ type: 'alert.acknowledged', at: now, alert: this.view(done) }], by, () => {
      this.repo.acknowledge(id, now, by);
    });
    return this.view(done);
  }

  /** Periodic check: a service whose oldest waiting ticket has passed its target. */
  checkWaits(): void {
    const now = this.hall.now();
    const s = this.hall.state;
    for (const svc of s.model.services) {
      let oldest = Infinity;
      let number = '';
      for (const id of s.waiting) {
        const t = s.tickets.get(id)!;
        const step = currentStep(t);
        if (step.serviceId !== svc.id) continue;
        const from = waitingFrom({ ticket: t, step });
        if (from < oldest) { oldest = from; number = t.number; }
      }
      if (oldest !== Infinity && now - oldest > svc.targetWaitSec * 1000) {
        const min = Math.round((now - oldest) / 60_000);
        this.raise('wait-over-target', 'warning', `${svc.name}：${number} 已等候 ${min} 分钟，超过目标 ${Math.round(svc.targetWaitSec / 60)} 分钟`, `service:${svc.id}:${s.day}`);
      }
    }
  }

  private view(r: AlertRow): AlertView {
    const tz = this.config.hall.timezone;
    return {
      id: r.id, kind: r.kind, level: r.level as AlertView['level'], message: r.message, ...(r.subject ? { subject: r.subject } : {}),
      raisedAt: isoLocal(r.raised_at, tz), acknowledgedAt: r.acknowledged_at === null ? null : isoLocal(r.acknowledged_at, tz),
      acknowledgedBy: r.acknowledged_by,
    };
  }
}
