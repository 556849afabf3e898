import { RowAcc, type ReportRow } from './report-row.ts';
import { hourOf, offsetMin } from '@onewindow/protocol/time';
import { hourLabel } from './report-row.ts';
import type { DayFacts, TimeKind, Visit } from './types.ts';
import { serviceSec, waitSec } from './visits.ts';

export interface Naming {
  service(id: string): string;
  window(id: string): string;
  clerk(id: string): string;
  /** Configuration order, for rows; ids not listed follow, sorted. */
  serviceOrder: readonly string[];
  windowOrder: readonly string[];
}

export interface AggregateOptions {
  timezone: string;
  /** targetWaitSec per service. */
  targets: ReadonlyMap<string, number>;
  names: Naming;
  /** A clerk's own report: only the matters they handled, their window time and their ratings. */
  clerkId?: string | null;
}

export interface Figures {
  totals: ReportRow;
  byService: ReportRow[];
  byWindow: ReportRow[];
  byClerk: ReportRow[];
  /** Hours with any fact (local; 24+ after midnight); over a range, the same hour of every day together. */
  byHour: ReportRow[];
  byDay: ReportRow[];
}

type Dim = 'service' | 'window' | 'clerk' | 'hour' | 'day';

/**
 * Puts every fact in its rows. Which hour a fact belongs to: an issue by its issue time, a wait and
 * its service level by the call, an end (served, no-show, transfer, outcome, service time,
 * cancelled, expired) by the end, a rating by when it was given, window time split at the hour.
 */
export function aggregate(days: readonly DayFacts[], o: AggregateOptions): Figures {
  const total = new RowAcc('all', '合计');
  const groups: Record<Dim, Map<string, RowAcc>> = { service: new Map(), window: new Map(), clerk: new Map(), hour: new Map(), day: new Map() };
  const acc = (dim: Dim, key: string) => {
    let a = groups[dim].get(key);
    if (!a) groups[dim].set(key, (a = new RowAcc(key, nameOf(dim, key, o.names))));
    return a;
  };
  const mine = (clerkId: string | null) => !o.clerkId || clerkId === o.clerkId;

  for (const f of days) {
    const hour = (ms: number) => String(hourOf(ms, o.timezone, f.day));
    const rowsOf = (v: Visit, at: number) => [
      total, acc('service', v.serviceId), acc('hour', hour(at)), acc('day', f.day),
      ...(v.windowId ? [acc('window', v.windowId)] : []), ...(v.clerkId ? [acc('clerk', v.clerkId)] : []),
    ];
    acc('day', f.day);
    for (const v of f.visits) {
      if (!mine(v.clerkId)) continue;
      if (v.step === 0) for (const a of rowsOf(v, v.issuedAt)) a.issued++;
      const wait = waitSec(v);
      const target = o.targets.get(v.serviceId) ?? Infinity;
      if (wait !== null) {
        for (const a of rowsOf(v, v.calledAt!)) {
          a.called++;
          a.waits.push(wait);
          a.targetBase++;
          if (wait <= target) a.withinTarget++;
        }
      } else if ((v.end === 'expired' || v.end === 'cancelled') && (v.endedAt! - v.waitFrom) / 1000 > target) {
        for (const a of rowsOf(v, v.endedAt!)) a.targetBase++;
      }
      if (v.end === null) continue;
      const service = v.flagged ? null : serviceSec(v);
      for (const a of rowsOf(v, v.endedAt!)) {
        if (v.end === 'done') a.served++;
        if (v.end === 'no-show') a.noShows++;
        if (v.end === 'transferred') a.transfers++;
        if (v.end === 'cancelled') a.cancelled++;
        if (v.end === 'expired') a.expired++;
        if (v.outcome) a.outcomes[v.outcome]++;
        if (service !== null) { a.serviceSum += service; a.serviceN++; }
      }
    }
    for (const s of f.segments) {
      if (!mine(s.clerkId)) continue;
      const rows = [total, acc('window', s.windowId), acc('day', f.day), ...(s.clerkId ? [acc('clerk', s.clerkId)] : [])];
      for (const a of rows) a.time[s.kind] += s.to - s.from;
      for (const [h, ms] of splitByHour(s.from, s.to, o.timezone, f.day)) acc('hour', String(h)).time[s.kind as TimeKind] += ms;
    }
    for (const r of f.ratings) {
      if (!mine(r.clerkId) || r.score < 1 || r.score > 5) continue;
      const rows = [total, acc('service', r.serviceId), acc('window', r.windowId), acc('hour', hour(r.at)), acc('day', f.day),
        ...(r.clerkId ? [acc('clerk', r.clerkId)] : [])];
      for (const a of rows) a.ratings[r.score - 1]++;
    }
  }

  const issued = !o.clerkId;
  return {
    totals: total.row({ issued, time: true }),
    byService: ordered(groups.service, o.names.serviceOrder).map((a) => a.row({ issued, time: false })),
    byWindow: ordered(groups.window, o.names.windowOrder).map((a) => a.row({ issued: false, time: true })),
    byClerk: [...groups.clerk.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || cmp(a.key, b.key)).map((a) => a.row({ issued: false, time: true })),
    byHour: [...groups.hour.values()].sort((a, b) => Number(a.key) - Number(b.key)).map((a) => a.row({ issued, time: true })),
    byDay: [...groups.day.values()].sort((a, b) => cmp(a.key, b.key)).map((a) => a.row({ issued, time: true })),
  };
}

/** Pieces of [from, to) in each local hour of the business day: [hour, milliseconds]. */
export function splitByHour(from: number, to: number, timeZone: string, day: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let t = from;
  while (t < to) {
    const shift = offsetMin(t, timeZone) * 60_000;
    const next = Math.min(to, Math.floor((t + shift) / 3_600_000) * 3_600_000 + 3_600_000 - shift);
    const h = hourOf(t, timeZone, day);
    const last = out[out.length - 1];
    if (last && last[0] === h) last[1] += next - t;
    else out.push([h, next - t]);
    t = next;
  }
  return out;
}

function nameOf(dim: Dim, key: string, names: Naming): string {
  switch (dim) {
    case 'service': return names.service(key);
    case 'window': return names.window(key);
    case 'clerk': return names.clerk(key);
    case 'hour': return hourLabel(Number(key));
    case 'day': return key;
  }
}

function ordered(map: Map<string, RowAcc>, order: readonly string[]): RowAcc[] {
  const rank = (k: string) => { const i = order.indexOf(k); return i < 0 ? order.length : i; };
  return [...map.values()].sort((a, b) => rank(a.key) - rank(b.key) || cmp(a.key, b.key));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
