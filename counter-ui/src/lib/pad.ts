import type { EvaluationRequest, ServerMessage, WindowView } from '@onewindow/protocol';

/**
 * The pad's screens as a small machine: idle (window and clerk), rating (a request is open), thanks.
 * A rating screen closes by itself: at the request's expiry, or after a while with nobody touching it.
 */
export type PadPhase = 'idle' | 'rating' | 'thanks';
export interface PadState { phase: PadPhase; request: EvaluationRequest | null; deadline: number }

export const RATING_IDLE_MS = 60_000;
export const TOUCH_EXTEND_MS = 45_000;
export const THANKS_MS = 6_000;

export const idlePad = (): PadState => ({ phase: 'idle', request: null, deadline: 0 });

const expiry = (r: EvaluationRequest) => {
  const t = Date.parse(r.expiresAt);
  return Number.isFinite(t) ? t : 0;
};

/** A request from the window feed (live, or in a snapshot): shown unless it has expired. */
export function onRequest(s: PadState, r: EvaluationRequest | null, now: number): PadState {
  if (!r) return s.phase === 'rating' ? idlePad() : s;
  if (expiry(r) <= now) return s;
  if (s.phase === 'rating' && s.request?.ticketId === r.ticketId) return s;
  return { phase: 'rating', request: r, deadline: Math.min(expiry(r), now + RATING_IDLE_MS) };
}

/** The visitor touched the screen: keep it open a while longer, never past the expiry. */
export function onTouch(s: PadState, now: number): PadState {
  if (s.phase !== 'rating' || !s.request) return s;
  return { ...s, deadline: Math.min(expiry(s.request), Math.max(s.deadline, now + TOUCH_EXTEND_MS)) };
}

/** The rating was recorded (by this pad, or by a wired one at the same window). */
export function onRecorded(s: PadState, ticketId: string, now: number): PadState {
  if (s.phase !== 'rating' || s.request?.ticketId !== ticketId) return s;
  return { phase: 'thanks', request: s.request, deadline: now + THANKS_MS };
}

/** Time passing: a rating screen past its deadline times out; a thanks screen returns to idle. */
export function tick(s: PadState, now: number): { state: PadState; timedOut: boolean } {
  if (s.phase === 'idle' || now < s.deadline) return { state: s, timedOut: false };
  return { state: idlePad(), timedOut: s.phase === 'rating' };
}

/** This pad sent the rating: thank the visitor. */
export function thanked(s: PadState, now: number): PadState {
  return { phase: 'thanks', request: s.request, deadline: now + THANKS_MS };
}

/** What the pad shows: the window it faces (its clerk) and its screens. */
export interface PadView { window: WindowView | null; pad: PadState }

/** The window feed's one reducer, for the pad: one message (in order, past the seq protocol) applied. */
export function applyPadMessage(v: PadView, m: ServerMessage, now: number): PadView {
  switch (m.event) {
    case 'window:changed':
      return { ...v, window: m.payload.window };
    case 'ticket:issued': case 'ticket:called': case 'ticket:recalled': case 'ticket:updated': case 'ticket:finished':
      return m.payload.window ? { ...v, window: m.payload.window } : v;
    case 'evaluation:request':
      return { ...v, pad: onRequest(v.pad, m.payload.request, now) };
    case 'evaluation:recorded':
      return { ...v, pad: onRecorded(v.pad, m.payload.ticketId, now) };
    default:
      return v;
  }
}
