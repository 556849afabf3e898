import type { HallConfig } from '@onewindow/config';
import { currentStep, FINAL_STATUSES, type HallState } from '../../engine/index.ts';

export interface InUse { path: string; message: string }

/**
 * What a new configuration would take away from under today's queue: a service with tickets
 * waiting, called, in service or on hold, or a window that is staffed, busy, holds a visitor, or has
 * tickets transferred to it. Pure.
 */
export function removedInUse(s: HallState, next: HallConfig): InUse[] {
  const out: InUse[] = [];
  const services = new Set(next.services.map((x) => x.id));
  const windows = new Set(next.windows.map((x) => x.id));
  const live = [...s.tickets.values()].filter((t) => !FINAL_STATUSES.has(currentStep(t).status));
  for (const svc of s.model.services) {
    if (services.has(svc.id)) continue;
    const n = live.filter((t) => currentStep(t).serviceId === svc.id).length;
    if (n > 0) out.push({ path: `services[${svc.id}]`, message: `${n} ticket(s) of "${svc.id}" are still waiting or being served` });
  }
  for (const w of s.windows.values()) {
    if (windows.has(w.id)) continue;
    const targeted = live.filter((t) => currentStep(t).targetWindowId === w.id).length;
    if (w.status !== 'closed') out.push({ path: `windows[${w.id}]`, message: `window "${w.id}" is staffed: its clerk signs out first` });
    else if (w.currentTicketId || w.held.length > 0 || targeted > 0) {
      out.push({ path: `windows[${w.id}]`, message: `window "${w.id}" still has tickets (current, on hold or transferred to it)` });
    }
  }
  return out;
}
