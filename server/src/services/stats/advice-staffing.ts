import type { WhatIfWindow } from '@onewindow/protocol';
import { hourLabel } from '../reports/report-row.ts';

interface WindowDef { id: string; skills: readonly string[] }

/**
 * The staffing advice as a staffing the simulator can replay: in each hour, the first
 * `windowsNeeded` windows of an order that covers every service as early as it can (the window
 * covering most services not yet covered first, round after round), so a replay asks of the advice
 * what a supervisor following it would have done. A window open in separate hours gets the gaps
 * as breaks.
 */
export function adviceWindows(hours: ReadonlyArray<{ hour: number; windowsNeeded: number }>, windows: readonly WindowDef[]): WhatIfWindow[] {
  const order = coverOrder(windows);
  const out: WhatIfWindow[] = [];
  for (const [i, w] of order.entries()) {
    const open = hours.filter((h) => Math.min(h.windowsNeeded, order.length) > i).map((h) => h.hour);
    if (open.length === 0) continue;
    const first = open[0], last = open[open.length - 1];
    const breaks: [string, string][] = [];
    for (let h = first; h < last; h++) {
      if (open.includes(h)) continue;
      const start = h;
      while (h < last && !open.includes(h + 1)) h++;
      breaks.push([hourLabel(start), hourLabel(h + 1)]);
    }
    out.push({ id: w.id, skills: [...w.skills], opens: hourLabel(first), closes: last >= 23 ? '23:59' : hourLabel(last + 1), ...(breaks.length ? { breaks } : {}) });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Windows in the order they should open: each covers the most services the earlier ones (this round) leave. */
export function coverOrder(windows: readonly WindowDef[]): WindowDef[] {
  const left = [...windows];
  const order: WindowDef[] = [];
  const all = new Set(windows.flatMap((w) => w.skills));
  let uncovered = new Set(all);
  while (left.length > 0) {
    if (uncovered.size === 0) uncovered = new Set(all);
    const gain = (w: WindowDef) => w.skills.filter((k) => uncovered.has(k)).length;
    left.sort((a, b) => gain(b) - gain(a) || b.skills.length - a.skills.length || (a.id < b.id ? -1 : 1));
    const next = left.shift()!;
    if (gain(next) === 0) uncovered = new Set(all);
    for (const k of next.skills) uncovered.delete(k);
    order.push(next);
  }
  return order;
}
