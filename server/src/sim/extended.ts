import { currentStep, WaitingQueue, type HallState } from '../engine/index.ts';
import type { ScenarioWindow } from './scenario.ts';

/**
 * After closing, a window still serves every step of the visitors who took their ticket before it
 * closed. The policy is asked on a view of the hall whose queue holds only those visitors, so the
 * window can never pick someone who came later. Null when nothing waits for it.
 */
export function extendedView(s: HallState, w: ScenarioWindow, closesAtMs: number): HallState | null {
  let waiting: WaitingQueue | null = null;
  for (const id of s.waiting) {
    const t = s.tickets.get(id)!;
    if (t.issuedAt >= closesAtMs) continue;
    const step = currentStep(t);
    if (step.status !== 'waiting') continue;
    if (step.targetWindowId ? step.targetWindowId !== w.id : !w.skills.includes(step.serviceId)) continue;
    (waiting ??= new WaitingQueue(s.tickets)).add(id);
  }
  return waiting ? { ...s, waiting } : null;
}
