import type { StepView, TicketView } from '@onewindow/protocol';
import { secondsBetween, secondsSince } from './clock.ts';

/** The matter being served now: the ticket's last step. */
export function currentMatter(t: TicketView): StepView | null {
  return t.steps?.length ? t.steps[t.steps.length - 1] : null;
}

/** How long the visitor waited for this matter: from joining its queue to the call (or until now). */
export function waitedSec(step: StepView, now: number): number {
  return step.calledAt ? secondsBetween(step.queuedAt, step.calledAt) ?? 0 : secondsSince(step.queuedAt, now);
}

/** Seconds since the matter was started (or called, before it starts). */
export function servingSec(step: StepView, now: number): number {
  return secondsSince(step.startedAt ?? step.calledAt, now);
}

/** Earlier matters of the visit: finished ones and transfers, oldest first (一票到底 history). */
export function history(t: TicketView): { index: number; step: StepView }[] {
  return (t.steps ?? []).slice(0, -1).map((step, index) => ({ index, step }));
}

/** A booked visit shows its slot. */
export function isBooked(t: TicketView): boolean {
  return t.appointmentAt !== null || t.channel === 'appointment';
}
