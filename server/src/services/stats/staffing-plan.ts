import { meanWaitSec, serversNeeded } from '../../queueing/erlang-c.ts';
import { hourLabel } from '../reports/report-row.ts';

export interface StaffingInput {
  /** Today, a day gone by, or a day to come. */
  phase: 'past' | 'today' | 'future';
  /** Hours of the day to plan (open hours and any hour with arrivals), ascending. */
  hours: readonly number[];
  /** Tickets issued per hour on the day (so far, today). */
  seen: ReadonlyMap<number, number>;
  /** Mean tickets per hour on the same weekday of earlier weeks; null without history. */
  expected: ReadonlyMap<number, number> | null;
  /** Today: the hour it is now. */
  currentHour: number | null;
  /** Pooled mean service seconds of one matter. */
  serviceSec: number;
  /** Matters per ticket (a pickup after the main matter, transfers). */
  mattersPerTicket: number;
  /** The mean wait to keep within: the arrival-weighted mean of the services' targets. */
  targetSec: number;
  /** Windows staffed now (open or on a short pause); today only. */
  openNow: number | null;
  totalWindows: number;
  /** Today: services no open window can serve now (engine/unservable.ts), and the fewest windows that would serve them all. */
  unservable?: { services: Array<{ name: string; nameEn: string; waiting: number }>; windowsToOpen: number };
}

export interface StaffingHour {
  hour: number;
  label: string;
  when: 'past' | 'now' | 'future';
  seen: number | null;
  expected: number | null;
  /** Tickets per hour planned for: seen for past hours, the expectation (scaled by today's trend) ahead. */
  forecast: number;
  windowsNeeded: number;
  /** Erlang C mean wait with that many windows. */
  meanWaitSec: number;
}

export interface Advice {
  kind: 'open-more' | 'enough' | 'short' | 'none';
  extra: number;
  /** The hour by which the extra windows are needed. */
  byHour: number | null;
  zh: string;
  en: string;
}

export interface StaffingPlan { trend: number; hours: StaffingHour[]; advice: Advice }

/**
 * Per hour, how many open windows keep the mean wait within target (Erlang C on the forecast
 * arrivals and learned service times, all windows pooled), and the advice for the wall.
 */
export function planStaffing(i: StaffingInput): StaffingPlan {
  const trend = trendOf(i);
  const pastMean = meanSeenBefore(i);
  const hours = i.hours.map((h): StaffingHour => {
    const when = i.phase === 'past' || (i.currentHour !== null && h < i.currentHour) ? 'past'
      : i.phase === 'today' && h === i.currentHour ? 'now' : 'future';
    const seen = i.phase === 'future' ? null : i.seen.get(h) ?? 0;
    const expected = i.expected ? i.expected.get(h) ?? 0 : null;
    const ahead = expected !== null ? expected * trend : pastMean;
    const forecast = when === 'past' ? seen ?? 0 : when === 'now' ? Math.max(seen ?? 0, ahead) : ahead;
    const rate = forecast * i.mattersPerTicket;
    const needed = Math.min(serversNeeded(rate, i.serviceSec, i.targetSec), Math.max(i.totalWindows, 1) * 4);
    return {
      hour: h, label: hourLabel(h), when, seen, expected: expected === null ? null : round1(expected), forecast: round1(forecast),
      windowsNeeded: needed, meanWaitSec: Math.round(Math.min(meanWaitSec(needed, rate, i.serviceSec), 86_400)),
    };
  });
  return { trend: Math.round(trend * 100) / 100, hours, advice: advise(i, hours) };
}

function advise(i: StaffingInput, hours: StaffingHour[]): Advice {
  if (i.phase !== 'today' || i.openNow === null) return { kind: 'none', extra: 0, byHour: null, zh: '', en: '' };
  return withUnservable(i, byCapacity(i, hours));
}

/**
 * A service nobody can be served for is never "enough": while somebody waits for it, a window able
 * to serve it must open now (as many as cover every such service, or the capacity advice's number
 * if larger). One nobody waits for is left to the view's `unservable` list: the wall stays short.
 */
function withUnservable(i: StaffingInput, a: Advice): Advice {
  const waiting = (i.unservable?.services ?? []).filter((x) => x.waiting > 0);
  if (waiting.length === 0) return a;
  const extra = Math.max(a.kind === 'open-more' ? a.extra : 0, i.unservable!.windowsToOpen, 1);
  const people = waiting.reduce((n, x) => n + x.waiting, 0);
  return {
    kind: 'open-more', extra, byHour: i.currentHour,
    zh: `现在再开 ${extra} 个窗口：${waiting.map((x) => x.name).join('、')}暂无窗口办理，${people} 人等候`,
    en: `Open ${extra} more window${extra > 1 ? 's' : ''} now: no open window serves ${waiting.map((x) => x.nameEn).join(', ')} (${people} waiting)`,
  };
}

function byCapacity(i: StaffingInput, hours: StaffingHour[]): Advice {
  if (i.openNow === null) return { kind: 'none', extra: 0, byHour: null, zh: '', en: '' };
  const ahead = hours.filter((h) => h.when !== 'past');
  const first = ahead.find((h) => h.windowsNeeded > i.openNow!);
  if (!first) return { kind: 'enough', extra: 0, byHour: null, zh: '当前开放窗口足够', en: 'Enough windows are open' };
  const extra = Math.min(first.windowsNeeded, i.totalWindows) - i.openNow;
  const now = first.when === 'now';
  if (extra <= 0) {
    return { kind: 'short', extra: 0, byHour: first.hour, zh: '所有窗口都已开放，等候时间仍将超过目标', en: 'All windows are open and waits will still exceed the target' };
  }
  return {
    kind: 'open-more', extra, byHour: first.hour,
    zh: now ? `现在再开 ${extra} 个窗口` : `${first.label} 前再开 ${extra} 个窗口`,
    en: now ? `Open ${extra} more window${extra > 1 ? 's' : ''} now` : `Open ${extra} more window${extra > 1 ? 's' : ''} by ${first.label}`,
  };
}

/** Today against history so far: 1.3 means 30 % busier than the same weekday usually is. */
function trendOf(i: StaffingInput): number {
  if (i.phase !== 'today' || !i.expected || i.currentHour === null) return 1;
  let seen = 0, expected = 0;
  for (const h of i.hours) if (h < i.currentHour) { seen += i.seen.get(h) ?? 0; expected += i.expected.get(h) ?? 0; }
  return expected >= 10 ? Math.min(2, Math.max(0.5, seen / expected)) : 1;
}

/** Without history: today's mean per hour so far stands in for the hours ahead. */
function meanSeenBefore(i: StaffingInput): number {
  if (i.currentHour === null) return 0;
  const past = i.hours.filter((h) => h < i.currentHour!);
  return past.length ? past.reduce((a, h) => a + (i.seen.get(h) ?? 0), 0) / past.length : i.seen.get(i.currentHour) ?? 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
