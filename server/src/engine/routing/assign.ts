import type { HallState, WindowDef, WindowState } from '../types.ts';
import { currentStep, isReady, windowServes } from '../state.ts';
import { COMMON, type HallView, type Scored } from './urgency.ts';
import type { Guard } from './rare-guard.ts';

/**
 * Who takes what among the windows of a hand-out: the window asking and the windows that wait
 * ready (their clerk asked and got nobody, or auto-call is on). A free window whose clerk has not
 * asked is no home for a ticket: its clerk may be writing up the last visit, or away.
 * Windows that can do a rare matter are kept for it: the others take tickets first (most pressing
 * ticket first, each to the window busy least today, then free longest), and a rare-matter window
 * takes green, booked and rare tickets first, else the normal ticket that is quickest at equal
 * claim, so it is soon free again. A quick matter (learned mean under 0.8 × the hall's) may also go
 * to a rare-matter window with no green, booked or rare ticket waiting for it, least busy today
 * first (at equal busy time the other window first), so these windows keep their share of the
 * load; long common work they start only as rare-guard.ts allows.
 */
const QUICK = 0.8;
export interface HandOutWindow {
  def: WindowDef;
  state: WindowState;
  /** Seconds spent serving today (only counted when two or more windows are in the hand-out). */
  busySec: number;
  rareSkill: boolean;
  /** Served its green streak cap in a row: the next must be normal if one waits for it. */
  capped: boolean;
}

/** The windows of a hand-out: `asking` (if open and free) and every window waiting ready. */
export function handOutWindows(s: HallState, v: HallView, asking: string, now: number): HandOutWindow[] {
  const out: HandOutWindow[] = [];
  for (const def of s.model.windows) {
    const state = s.windows.get(def.id)!;
    if (state.status !== 'open' || state.currentTicketId !== null) continue;
    if (def.id !== asking && !isReady(state, now)) continue;
    const rareSkill = v.rare.size > 0 && def.skills.some((k) => v.rare.has(k));
    out.push({ def, state, busySec: 0, rareSkill, capped: state.greenStreak >= s.model.greenStreakCap });
  }
  if (out.length > 1) {
    const busy = busyToday(s, now);
    for (const w of out) w.busySec = busy.get(w.def.id) ?? 0;
  }
  return out.sort((a, b) => Number(a.rareSkill) - Number(b.rareSkill) || a.busySec - b.busySec
    || a.state.freeSince - b.state.freeSince || (a.def.id < b.def.id ? -1 : 1));
}

/** Time each window has spent busy today: ended steps (kept by the reducer) plus what is still open. */
function busyToday(s: HallState, now: number): Map<string, number> {
  const busy = new Map(s.busySec);
  for (const w of s.windows.values()) {
    for (const id of w.currentTicketId ? [w.currentTicketId, ...w.held] : w.held) {
      const t = s.tickets.get(id);
      const st = t ? currentStep(t) : null;
      if (!st || st.windowId === null || st.calledAt === null || st.finishedAt !== null) continue;
      busy.set(st.windowId, (busy.get(st.windowId) ?? 0) + (now - st.calledAt) / 1000);
    }
  }
  return busy;
}

function canServe(w: HandOutWindow, c: Scored): boolean {
  return windowServes(w.def, c.step);
}

export type Assigned =
  | { ticket: Scored; afterCap: boolean }
  /** Nothing for this window: `kept` when it holds back long common work for a rare matter. */
  | { ticket: null; kept: boolean };

/**
 * What `windowId` gets from the hand-out. The hand-out depends only on the hall, not on who asks,
 * so windows asking one after another at the same moment agree, and whatever a window of the
 * hand-out could take goes to some window of it.
 */
export function assign(windows: HandOutWindow[], ranked: Scored[], windowId: string, hallMeanSec: number,
  guard: Guard = () => true): Assigned {
  const left = [...ranked];
  const take = (w: HandOutWindow, pick: (ok: Scored[]) => Scored | undefined): { ticket: Scored; afterCap: boolean } | null => {
    const normalWaits = left.some((c) => c.ticket.priority !== 'green' && canServe(w, c));
    const mayGreen = !(w.capped && normalWaits);
    const ok = left.filter((c) => canServe(w, c) && (mayGreen || c.ticket.priority !== 'green'));
    const c = pick(ok);
    if (!c) return null;
    left.splice(left.indexOf(c), 1);
    const skippedGreen = !mayGreen && left.some((g) => g.ticket.priority === 'green' && canServe(w, g));
    return { ticket: c, afterCap: skippedGreen && c.ticket.priority !== 'green' };
  };
  const byBusy = [...windows].sort((a, b) => a.busySec - b.busySec || Number(a.rareSkill) - Number(b.rareSkill)
    || a.state.freeSince - b.state.freeSince || (a.def.id < b.def.id ? -1 : 1));
  const mayTake = (w: HandOutWindow, c: Scored) => !w.rareSkill
    || (c.tier === COMMON && c.meanSec < QUICK * hallMeanSec && !left.some((d) => d.tier < COMMON && canServe(w, d)));
  // Phase 1: tickets, most pressing first, each to its best window (a rare-matter window: quick ones only).
  const out = new Set<string>();
  for (const c of ranked) {
    if (out.size === byBusy.length) break;
    const home = byBusy.find((w) => !out.has(w.def.id) && mayTake(w, c) && canServe(w, c) && !(c.ticket.priority === 'green' && w.capped
      && left.some((d) => d.ticket.priority !== 'green' && canServe(w, d))));
    if (!home) continue;
    const got = take(home, () => c);
    if (home.def.id === windowId) return got!;
    out.add(home.def.id);
  }
  if (!windows.some((w) => w.def.id === windowId && w.rareSkill)) return { ticket: null, kept: false };
  // Phase 2: windows that can do a rare matter, each picking for itself. One holds back long common
  // work only while a window of the hand-out after it could still take that work.
  const rareWindows = windows.filter((x) => x.rareSkill && !out.has(x.def.id));
  const takenByRare: Scored[] = [];
  for (const [i, w] of rareWindows.entries()) {
    const later = rareWindows.slice(i + 1);
    let held = false;
    const got = take(w, (ok) => {
      const free = ok.filter((c) => c.tier !== COMMON || guard(w.def.id, w.def.skills, c, out) || !later.some((x) => canServe(x, c)));
      held = free.length < ok.length;
      return ok.find((c) => c.rare) ?? ok.find((c) => c.tier < COMMON) ?? quickest(free, hallMeanSec) ?? free[0];
    });
    // Nothing for this window while another rare-matter window took what it could do: kept ready.
    if (w.def.id === windowId) return got ?? { ticket: null, kept: held || takenByRare.some((c) => canServe(w, c)) };
    if (got) takenByRare.push(got.ticket);
    out.add(w.def.id);
  }
  return { ticket: null, kept: false };
}

function quickest(ok: Scored[], hallMeanSec: number): Scored | undefined {
  let best: Scored | undefined;
  let bestValue = -Infinity;
  for (const c of ok) {
    if (c.tier !== COMMON) continue;
    const value = c.index * (hallMeanSec / c.meanSec);
    if (value > bestValue) (best = c), (bestValue = value);
  }
  return best;
}
