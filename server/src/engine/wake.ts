import type { HallState, WindowState } from './types.ts';
import { currentStep } from './state.ts';
import { isBookedStep } from './queue-order.ts';

/**
 * When auto-call (自动叫号) asks for a window's next visitor: its pause after the last visitor (or
 * after signing in, resuming, turning auto-call on) is over. Null while the window is not counting
 * down: auto-call off, the window closed, paused or busy, or it already asked and waits ready.
 */
export function autoCallAt(w: WindowState): number | null {
  if (w.autoCallSec === null || w.status !== 'open' || w.currentTicketId !== null || w.readySince !== null) return null;
  return w.freeSince + w.autoCallSec * 1000;
}

/** Auto-call asks for this window now, as its clerk would press "call next". */
export function autoCallDue(w: WindowState, now: number): boolean {
  const at = autoCallAt(w);
  return at !== null && now >= at;
}

/**
 * The next instant, after `now`, at which time alone (no request, no device) may let a ticket be
 * called: an auto-call pause ends, or a booked visitor's slot comes within the lead while a window
 * waits ready. The live hall sets a timer for it; the simulator wakes there too. Null: nothing is
 * due by time alone.
 */
export function nextWake(s: HallState, now: number): number | null {
  let next = Infinity;
  let anyReady = false;
  for (const w of s.windows.values()) {
    const at = autoCallAt(w);
    if (at !== null && at > now && at < next) next = at;
    if (w.readySince !== null || w.autoCallSec !== null) anyReady = true;
  }
  if (anyReady && s.waiting.size > 0) {
    const lead = s.model.appointmentLeadSec * 1000;
    for (const id of s.waiting) {
      const t = s.tickets.get(id)!;
      const step = currentStep(t);
      if (!isBookedStep({ ticket: t, step }) || step.targetWindowId !== null) continue;
      const due = t.appointmentAt! - lead;
      if (due > now && due < next) next = due;
    }
  }
  return next === Infinity ? null : next;
}
