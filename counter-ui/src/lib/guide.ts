import type { HallInfo, ServiceView, TicketView, WindowView } from '@onewindow/protocol';
import { modified, typing, type KeyInput } from './shortcuts.ts';

/** The guide desk's keyboard: F-keys work anywhere, letters and digits only while no field is being typed in. */
export type GuideAction =
  | 'new' | 'find' | 'read-card' | 'green' | 'issue' | 'reinstate' | 'print' | 'check-in' | 'cancel' | 'phone'
  | 'up' | 'down' | 'escape';

export interface GuideShortcut { action: GuideAction; keys: string[]; fkeys: string[]; label: string }

/** In legend order. `keys` only outside fields; `fkeys` everywhere. */
export const GUIDE_SHORTCUTS: GuideShortcut[] = [
  { action: 'new', keys: ['n'], fkeys: ['F2'], label: 'F2' },
  { action: 'find', keys: ['/'], fkeys: ['F3'], label: 'F3' },
  { action: 'read-card', keys: ['i'], fkeys: ['F4'], label: 'F4' },
  { action: 'green', keys: ['g'], fkeys: ['F6'], label: 'F6' },
  { action: 'issue', keys: [], fkeys: ['F9'], label: 'F9' },
  { action: 'reinstate', keys: ['r'], fkeys: ['F7'], label: 'R' },
  { action: 'print', keys: ['p'], fkeys: ['F8'], label: 'P' },
  { action: 'check-in', keys: ['k'], fkeys: [], label: 'K' },
  { action: 'phone', keys: ['t'], fkeys: [], label: 'T' },
  { action: 'cancel', keys: ['x', 'Delete'], fkeys: [], label: 'X' },
];

/**
 * What a key means on the guide page: an action, a service by its number ("3" = the third), or
 * nothing (a modifier, a held key, typing in a field). Arrows move through the results even from
 * the search box; Escape always.
 */
export function guideKey(e: KeyInput): { action: GuideAction } | { service: number } | null {
  if (modified(e)) return null;
  if (e.key === 'Escape') return { action: 'escape' };
  const inField = typing(e);
  const byF = GUIDE_SHORTCUTS.find((s) => s.fkeys.includes(e.key));
  if (byF) return { action: byF.action };
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    return inField && (e.targetTag ?? '').toUpperCase() !== 'INPUT' ? null : { action: e.key === 'ArrowDown' ? 'down' : 'up' };
  }
  if (inField) return null;
  if (/^[1-9]$/.test(e.key)) return { service: Number(e.key) };
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const s = GUIDE_SHORTCUTS.find((x) => x.keys.includes(key));
  return s ? { action: s.action } : null;
}

/** What the guide typed: a ticket number, a mobile number, a booking code, or not enough. */
export function queryKind(q: string): 'number' | 'phone' | 'code' | 'none' {
  const s = q.trim().toUpperCase().replace(/[\s-]+/g, '');
  if (/^[A-Z]{1,2}\d{1,4}$/.test(s)) return 'number';
  if (/^1[3-9]\d{9}$/.test(s)) return 'phone';
  if (/^[A-Z0-9]{8}$/.test(s)) return 'code';
  return 'none';
}

export interface QueueRow {
  id: string;
  waiting: number;
  longestWaitSec: number;
  targetWaitSec: number;
  estimatedWaitSec: number;
  openWindows: number;
  over: boolean;
  realName: 'required' | 'optional' | null;
}

/** The queues as the desk shows them, in the hall file's order. */
export function queueRows(services: Record<string, ServiceView>): QueueRow[] {
  return Object.values(services).map((s) => ({
    id: s.id, waiting: s.waiting, longestWaitSec: s.longestWaitSec, targetWaitSec: s.targetWaitSec,
    estimatedWaitSec: s.noWindow ? -1 : s.estimatedWaitSec, openWindows: s.openWindows,
    over: s.waiting > 0 && s.longestWaitSec > s.targetWaitSec, realName: s.realName ?? null,
  }));
}

/** The windows grouped as the desk reads them: serving or calling first, then idle, paused, closed. */
export function windowOrder(windows: Record<string, WindowView>): WindowView[] {
  const rank: Record<string, number> = { calling: 0, serving: 1, idle: 2, paused: 3, closed: 4 };
  return Object.values(windows).sort((a, b) => (rank[a.phase] ?? 5) - (rank[b.phase] ?? 5) || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** When a no-show's visitor missed their call: the end of its last matter. */
export function missedAt(t: TicketView): number | null {
  const last = t.steps?.[t.steps.length - 1];
  return last?.status === 'no-show' && last.finishedAt ? Date.parse(last.finishedAt) : null;
}

/** Today's no-shows the desk may still put back (config noShow.reinstateWithinMin), the latest first. */
export function reinstatable(tickets: TicketView[], now: number, rule: HallInfo['noShow']): TicketView[] {
  const within = (rule?.reinstateWithinMin ?? 30) * 60_000;
  return tickets.filter((t) => t.status === 'no-show')
    .map((t) => ({ t, at: missedAt(t) }))
    .filter((x): x is { t: TicketView; at: number } => x.at !== null && now - x.at <= within)
    .sort((a, b) => b.at - a.at)
    .map((x) => x.t);
}

/** Minutes left to put a no-show back, rounded down; 0 when it is too late. */
export function minutesLeft(t: TicketView, now: number, rule: HallInfo['noShow']): number {
  const at = missedAt(t);
  if (at === null) return 0;
  return Math.max(0, Math.floor(((rule?.reinstateWithinMin ?? 30) * 60_000 - (now - at)) / 60_000));
}

/** A ticket's one action the desk offers first, for the Enter key on a selected row. */
export function canAct(t: TicketView): { reinstate: boolean; cancel: boolean; print: boolean; phone: boolean } {
  const open = ['waiting', 'called', 'serving', 'held'].includes(t.status);
  return { reinstate: t.status === 'no-show', cancel: t.status === 'waiting' || t.status === 'held', print: open, phone: open };
}

/** GB 11643: the weights of the first 17 characters and the check character for each sum mod 11. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * What is wrong with an ID number typed at the desk, before it is sent: null when it is a valid
 * citizen ID number (GB 11643: 17 digits, a birth date that exists, the check character); else
 * 'length' (not 18 characters of digits and a final X), 'date' or 'check'.
 */
export function idNumberProblem(typed: string): 'length' | 'date' | 'check' | null {
  const s = typed.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return 'length';
  const [y, m, d] = [Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'date';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === s[17] ? null : 'check';
}
