import type { WhatIfRequest, WhatIfResult, WhatIfWindow } from '@onewindow/protocol';

/**
 * The what-if page's draft (the staffing a supervisor tries) and what is read off a result, as plain
 * data: the request it becomes, the problems to fix before sending, the sentence that says what was
 * tried, whether the replayed advice keeps its promise. Pure, so it is tested without a browser.
 */

/** One window opened as well, from a time of day ("had W12 opened at 9:00 for 社保"); no skills = its configured ones. */
export interface ExtraWindow { windowId: string; at: string; skills: string[] }
/** One window of a whole day's staffing, as the editor shows it: open or not, hours, one break, skills. */
export interface Shift { id: string; on: boolean; opens: string; closes: string; breakFrom: string; breakTo: string; skills: string[] }

export type Mode = 'open' | 'windows';
export interface Draft { day: string; policy: string; mode: Mode; open: ExtraWindow[]; shifts: Shift[] }

/** A problem of the draft: an i18n key under `whatIf.problems`, and the window it concerns. */
export interface Problem { key: 'noDay' | 'noWindow' | 'time' | 'hours' | 'break' | 'noSkill' | 'twice'; windowId?: string }

const CLOCK = /^([01]?\d|2[0-3]):[0-5]\d$/;
const minutes = (t: string) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);

/** The day's staffing as editable shifts: every configured window, the ones that worked that day ticked with their hours. */
export function shiftsFrom(worked: readonly WhatIfWindow[], windows: readonly { id: string; skills: string[] }[], fallback: [string, string]): Shift[] {
  return windows.map((w) => {
    const day = worked.find((x) => x.id === w.id);
    const [breakFrom, breakTo] = day?.breaks?.[0] ?? ['', ''];
    return {
      id: w.id, on: Boolean(day), opens: day?.opens ?? fallback[0], closes: day?.closes ?? fallback[1], breakFrom, breakTo,
      skills: [...(day?.skills ?? w.skills)],
    };
  });
}

/** What the draft cannot be sent with (the server checks again and names the path). */
export function problems(d: Draft): Problem[] {
  const out: Problem[] = [];
  if (!d.day) out.push({ key: 'noDay' });
  if (d.mode === 'open') {
    const seen = new Set<string>();
    for (const o of d.open) {
      if (!CLOCK.test(o.at)) out.push({ key: 'time', windowId: o.windowId });
      if (seen.has(o.windowId)) out.push({ key: 'twice', windowId: o.windowId });
      seen.add(o.windowId);
    }
    return out;
  }
  const on = d.shifts.filter((s) => s.on);
  if (on.length === 0) out.push({ key: 'noWindow' });
  for (const s of on) {
    if (!CLOCK.test(s.opens) || !CLOCK.test(s.closes)) { out.push({ key: 'time', windowId: s.id }); continue; }
    if (minutes(s.closes) <= minutes(s.opens)) out.push({ key: 'hours', windowId: s.id });
    if (s.breakFrom || s.breakTo) {
      const ok = CLOCK.test(s.breakFrom) && CLOCK.test(s.breakTo) && minutes(s.breakFrom) < minutes(s.breakTo)
        && minutes(s.breakFrom) >= minutes(s.opens) && minutes(s.breakTo) <= minutes(s.closes);
      if (!ok) out.push({ key: 'break', windowId: s.id });
    }
    if (s.skills.length === 0) out.push({ key: 'noSkill', windowId: s.id });
  }
  return out;
}

/** The request the draft sends: extra windows (none = the day as staffed), or a whole day's windows; the policy when one is chosen. */
export function requestOf(d: Draft): WhatIfRequest {
  const policy = d.policy ? { policy: d.policy } : {};
  if (d.mode === 'open') {
    if (d.open.length === 0) return { day: d.day, ...policy };
    return { day: d.day, ...policy, staffing: { open: d.open.map((o) => ({ windowId: o.windowId, at: o.at, ...(o.skills.length ? { skills: [...o.skills] } : {}) })) } };
  }
  const windows = d.shifts.filter((s) => s.on).map((s): WhatIfWindow => ({
    id: s.id, opens: s.opens, closes: s.closes, skills: [...s.skills], ...(s.breakFrom && s.breakTo ? { breaks: [[s.breakFrom, s.breakTo]] as [string, string][] } : {}),
  }));
  return { day: d.day, ...policy, staffing: { windows } };
}

/** What was tried, as pieces the page puts into words: the advice, extra windows, a whole staffing, a policy. */
export type Tried =
  | { kind: 'advice' }
  | { kind: 'open'; windows: { windowId: string; at: string; skills: string[] }[] }
  | { kind: 'windows'; count: number }
  | { kind: 'as-staffed' };

export function triedOf(req: WhatIfRequest): Tried {
  if (req.preset === 'advice') return { kind: 'advice' };
  if (req.staffing?.windows) return { kind: 'windows', count: req.staffing.windows.length };
  if (req.staffing?.open?.length) return { kind: 'open', windows: req.staffing.open.map((o) => ({ windowId: o.windowId, at: o.at, skills: o.skills ?? [] })) };
  return { kind: 'as-staffed' };
}

/** Does the replay keep the promise of the advice: everybody served, the day's and every hour's mean wait within the target. */
export interface Verdict { meets: boolean; unserved: number; meanSec: number; worstHour: string | null; worstSec: number; targetSec: number }

export function verdictOf(r: WhatIfResult): Verdict {
  const worst = r.hours.reduce<WhatIfResult['hours'][number] | null>((w, h) => (w === null || h.whatIf.meanSec > w.whatIf.meanSec ? h : w), null);
  const worstSec = worst?.whatIf.meanSec ?? 0;
  return {
    meets: r.whatIf.unserved === 0 && r.whatIf.meanSec <= r.targetSec && worstSec <= r.targetSec,
    unserved: r.whatIf.unserved, meanSec: r.whatIf.meanSec, worstHour: worst?.hour ?? null, worstSec, targetSec: r.targetSec,
  };
}

/** Served on the day: the visits counted less those the replay left unserved. */
export const served = (t: { visits: number; unserved?: number }) => t.visits - (t.unserved ?? 0);
