import { routingReasonText, type WindowView } from '@onewindow/protocol';

/** The pauses a clerk may choose for auto-call (自动叫号), seconds after each visitor. */
export const AUTO_CALL_CHOICES = [5, 10, 15, 30, 60] as const;

/** Whole seconds left before auto-call asks for the next visitor; null while it is not counting down. */
export function countdownSec(w: Pick<WindowView, 'autoCallAt'> | null | undefined, now: number): number | null {
  const at = w?.autoCallAt ? Date.parse(w.autoCallAt) : NaN;
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** The choices offered, the hall's default and the window's own setting among them, in order. */
export function autoCallChoices(hallDefault: number | undefined, current: number | null | undefined): number[] {
  const all = new Set<number>([...AUTO_CALL_CHOICES, ...(hallDefault !== undefined ? [hallDefault] : []), ...(current != null ? [current] : [])]);
  return [...all].sort((a, b) => a - b);
}

/**
 * Why a window that asked has nobody, in the clerk's words: the server's code (protocol's
 * ROUTING_REASONS) in the reader's language. `held` marks the policy keeping the window for a rare
 * matter, which the terminal shows apart: the clerk did nothing wrong and will be called.
 */
export function idleWords(w: Pick<WindowView, 'ready' | 'currentTicket'> | null | undefined, locale: string): { code: string; text: string; held: boolean } | null {
  if (!w?.ready || w.currentTicket) return null;
  const code = w.ready.reason;
  return { code, text: routingReasonText(code, locale), held: code === 'kept-for-rare' };
}
