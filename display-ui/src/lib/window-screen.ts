import type { WindowView } from '@onewindow/protocol';

/**
 * What the screen above a window says, from the window's live state. The LED screens on the
 * serial line (serial.md, `S` frames) show the same words: `led` is that one line.
 */
export type WindowScreenState = 'calling' | 'serving' | 'idle' | 'paused' | 'closed';

export interface WindowScreenContent {
  state: WindowScreenState;
  windowName: string;
  number: string | null;
  clerk: string | null;
  reason: string | null;
  /** When the current state began (ISO), for "since" lines. */
  since: string | null;
  /** One line for an LED screen, in Chinese: "A012 请到1号综合窗口". */
  led: string;
}

export function windowScreen(w: WindowView): WindowScreenContent {
  const t = w.currentTicket;
  const base = { windowName: w.name, clerk: w.clerk?.name ?? null, reason: null as string | null };
  if (w.phase === 'calling' && t) return { ...base, state: 'calling', number: t.number, since: t.calledAt, led: `${t.number} 请到${w.name}` };
  if (w.phase === 'serving' && t) return { ...base, state: 'serving', number: t.number, since: t.startedAt, led: `${t.number} 正在办理` };
  if (w.phase === 'paused') return { ...base, state: 'paused', number: null, reason: w.pauseReason, since: w.since, led: `${w.name} 暂停服务${w.pauseReason ? `（${w.pauseReason}）` : ''}` };
  if (w.phase === 'closed') return { ...base, state: 'closed', number: null, clerk: null, since: w.since, led: `${w.name} 暂停办理` };
  return { ...base, state: 'idle', number: null, since: w.freeSince, led: `${w.name} 欢迎办理` };
}
