import { unservableServices } from '../../engine/index.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import type { AlertService } from './alert.service.ts';

const KIND = 'no-window';

/**
 * A service no open window can serve (every window with the skill closed or paused) while somebody
 * waits for it, in a hall where somebody is signed in, is an alert for supervisors at once, and
 * closes by itself as soon as a window that can serve it opens or nobody waits for it any more
 * (engine/unservable.ts). Looked at after every change
 * to tickets or windows: the engine's answer is cheap.
 */
export class NoWindowAlerts {
  /** Subjects raised and not yet closed by this watcher (a person may have acknowledged one meanwhile: it is not raised again until it clears). */
  private raised = new Set<string>();

  constructor(private readonly hall: HallService, private readonly alerts: AlertService) {}

  start(): () => void {
    this.raised = new Set(this.alerts.open().filter((a) => a.kind === KIND && a.subject).map((a) => a.subject!));
    this.check();
    return this.hall.onCommit((batch) => {
      if (batch.some((c) => relevant(c.event.type))) this.check();
    });
  }

  check(): void {
    const s = this.hall.state;
    // Before anybody has signed in (the morning, a closed hall) every service is unservable: that is
    // not news, and the waits over target say it if it lasts. Once the hall is staffed, it is.
    const staffed = [...s.windows.values()].some((w) => w.status !== 'closed');
    const stranded = new Map(staffed ? unservableServices(s).filter((u) => u.waiting > 0).map((u) => [subjectOf(u.serviceId), u]) : []);
    const cleared = [...this.raised].filter((subject) => !stranded.has(subject));
    if (cleared.length > 0) {
      for (const a of this.alerts.open()) if (a.kind === KIND && cleared.includes(a.subject ?? '')) this.alerts.acknowledge(a.id, 'system');
      for (const subject of cleared) this.raised.delete(subject);
    }
    for (const [subject, u] of stranded) {
      if (this.raised.has(subject)) continue;
      this.raised.add(subject);
      const svc = s.model.services.find((x) => x.id === u.serviceId)!;
      const all = s.model.windows.filter((w) => w.skills.includes(u.serviceId)).map((w) => w.name);
      const windows = all.length > 4 ? [`${all.slice(0, 3).join('、')}等 ${all.length} 个窗口`] : all;
      const min = u.oldestSince === null ? 0 : Math.max(0, Math.round((this.hall.now() - u.oldestSince) / 60_000));
      const where = windows.length ? `能办理的${windows.join('、')}都未开放或已暂停` : '没有窗口配置了这项业务';
      this.alerts.raise(KIND, 'critical', `${svc.name}：${u.waiting} 人等候${min > 0 ? `（最久 ${min} 分钟）` : ''}，${where}，请开放一个能办理的窗口`, subject);
    }
  }
}

const subjectOf = (serviceId: string) => `service:${serviceId}`;
const relevant = (type: string) => type.startsWith('ticket.') || type.startsWith('window.') || type === 'day.started' || type === 'config.reloaded';
