/**
 * An independent reading of a day's event log for the report tests: written apart from
 * server/src/services/reports, with its own structure (tickets walked one by one, window time as
 * session length less busy and pause intervals) and plain arithmetic for Shanghai's fixed +08:00.
 */
import type { Db } from '../src/repositories/db.ts';

interface Ev { seq: number; at: number; type: string; ticket_id: string | null; window_id: string | null; data: any }

export interface Matter {
  ticket: string; step: number; service: string; issuedAt: number; from: number;
  called: number | null; window: string | null; clerk: string | null; started: number | null;
  ended: number | null; how: string | null; outcome: string | null; flagged: boolean;
}
export interface Rated { score: number; at: number; window: string; clerk: string | null; service: string }
export interface Interval { window: string; clerk: string; a: number; b: number }

export interface OracleDay {
  matters: Matter[];
  ratings: Rated[];
  sessions: Interval[];
  pauses: Interval[];
  busy: Interval[];
}

/** Local hour in Shanghai (UTC+8, no daylight saving). */
export const hourSh = (ms: number) => Math.floor((ms + 8 * 3_600_000) / 3_600_000) % 24;

export function readDay(db: Db, day: string, until: number): OracleDay {
  const rows = (db.prepare('SELECT seq, at, type, ticket_id, window_id, data FROM events WHERE day = ? ORDER BY seq').all(day) as any[])
    .map((r) => ({ ...r, data: JSON.parse(r.data) })) as Ev[];
  const byTicket = new Map<string, Ev[]>();
  for (const r of rows) if (r.ticket_id) byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r]);

  const matters: Matter[] = [];
  const ratings: Rated[] = [];
  const busy: Interval[] = [];
  for (const [id, evs] of byTicket) {
    const issued = evs.find((e) => e.type === 'ticket.issued');
    if (!issued) continue;
    const t = issued.data.ticket;
    const list: Matter[] = [{
      ticket: id, step: 0, service: t.steps[0].serviceId, issuedAt: issued.at,
      from: t.appointmentAt !== null ? Math.max(issued.at, t.appointmentAt) : issued.at,
      called: null, window: null, clerk: null, started: null, ended: null, how: null, outcome: null, flagged: false,
    }];
    let holding: { window: string; clerk: string; since: number } | null = null;
    const free = (at: number) => { if (holding) busy.push({ window: holding.window, clerk: holding.clerk, a: holding.since, b: at }); holding = null; };
    for (const e of evs) {
      const m = list[list.length - 1];
      const add = (service: string) => list.push({ ...m, step: m.step + 1, service, from: e.at, called: null, window: null, clerk: null, started: null, ended: null, how: null, outcome: null, flagged: false });
      if (e.type === 'ticket.called') {
        if (m.called === null) { m.called = e.at; m.window = e.window_id; m.clerk = e.data.clerkId; }
        holding = { window: e.window_id!, clerk: e.data.clerkId, since: e.at };
      } else if (e.type === 'ticket.started') { if (m.started === null) m.started = e.at; }
      else if (e.type === 'ticket.finished') { m.ended = e.at; m.how = 'done'; m.outcome = e.data.outcome; free(e.at); if (e.data.nextServiceId) add(e.data.nextServiceId); }
      else if (e.type === 'ticket.transferred') { m.ended = e.at; m.how = 'transferred'; free(e.at); add(e.data.toServiceId); }
      else if (e.type === 'ticket.no-show') { m.ended = e.at; m.how = 'no-show'; free(e.at); }
      else if (e.type === 'ticket.held') free(e.at);
      else if (e.type === 'ticket.cancelled' || e.type === 'ticket.expired') { m.ended = e.at; m.how = e.type.slice(7); free(e.at); }
      else if (e.type === 'ticket.flagged') list[e.data.stepIndex].flagged = true;
      else if (e.type === 'evaluation.recorded') {
        const done = [...list].reverse().find((x) => x.how === 'done' && x.window !== null)!;
        ratings.push({ score: e.data.score, at: e.at, window: e.window_id!, clerk: done.clerk, service: done.service });
      }
    }
    free(until);
    matters.push(...list);
  }

  const sessions: Interval[] = [];
  const pauses: Interval[] = [];
  const open = new Map<string, { clerk: string; since: number; pausedSince: number | null }>();
  for (const e of rows) {
    if (!e.type.startsWith('window.')) continue;
    const w = e.window_id!;
    const s = open.get(w);
    if (e.type === 'window.signed-in') open.set(w, { clerk: e.data.clerkId, since: e.at, pausedSince: null });
    else if (e.type === 'window.paused' && s) s.pausedSince = e.at;
    else if (e.type === 'window.resumed' && s && s.pausedSince !== null) { pauses.push({ window: w, clerk: s.clerk, a: s.pausedSince, b: e.at }); s.pausedSince = null; }
    else if (e.type === 'window.signed-out' && s) {
      if (s.pausedSince !== null) pauses.push({ window: w, clerk: s.clerk, a: s.pausedSince, b: e.at });
      sessions.push({ window: w, clerk: s.clerk, a: s.since, b: e.at });
      open.delete(w);
    }
  }
  for (const [w, s] of open) {
    if (s.pausedSince !== null) pauses.push({ window: w, clerk: s.clerk, a: s.pausedSince, b: until });
    sessions.push({ window: w, clerk: s.clerk, a: s.since, b: until });
  }
  const clip = (xs: Interval[]) => xs.map((x) => ({ ...x, b: Math.min(x.b, until) })).filter((x) => x.b > x.a);
  return { matters, ratings, sessions: clip(sessions), pauses: clip(pauses), busy: clip(busy) };
}

/** Which facts a row takes: a matter (with the instant that decides its hour) and window time. */
export interface RowFilter {
  matter(m: Matter, at: number): boolean;
  time(i: { window: string; clerk: string }): boolean;
  /** Limits window time to an hour. */
  span?: [number, number];
  rating(r: Rated): boolean;
}

export function expectedRow(d: OracleDay, f: RowFilter, targets: Map<string, number>) {
  const ms = d.matters;
  const waits = ms.filter((m) => m.called !== null && f.matter(m, m.called)).map((m) => Math.max(0, (m.called! - m.from) / 1000)).sort((a, b) => a - b);
  const ended = (how: string) => ms.filter((m) => m.how === how && f.matter(m, m.ended!)).length;
  const served = ms.filter((m) => m.how === 'done' && f.matter(m, m.ended!));
  const timed = served.filter((m) => !m.flagged).map((m) => (m.ended! - (m.started ?? m.called!)) / 1000);
  const hits = ms.filter((m) => m.called !== null && f.matter(m, m.called) && (m.called - m.from) / 1000 <= targets.get(m.service)!).length;
  const lateMisses = ms.filter((m) => m.called === null && (m.how === 'expired' || m.how === 'cancelled') && f.matter(m, m.ended!) && (m.ended! - m.from) / 1000 > targets.get(m.service)!).length;
  const base = waits.length + lateMisses;
  // Window time: busy inside sessions is serving; pauses outside busy are paused; the rest idle.
  const span = f.span ?? [-Infinity, Infinity];
  const overlap = (a: number, b: number, c: number, e: number) => Math.max(0, Math.min(b, e, span[1]) - Math.max(a, c, span[0]));
  let sessionMs = 0, servingMs = 0, pausedMs = 0;
  for (const s of d.sessions.filter(f.time)) {
    sessionMs += overlap(s.a, s.b, -Infinity, Infinity);
    const busy = d.busy.filter((x) => x.window === s.window);
    for (const b of busy) servingMs += overlap(s.a, s.b, b.a, b.b);
    for (const p of d.pauses.filter((x) => x.window === s.window && x.a >= s.a && x.b <= s.b)) {
      pausedMs += overlap(p.a, p.b, -Infinity, Infinity);
      for (const b of busy) pausedMs -= Math.max(0, Math.min(p.b, b.b, span[1]) - Math.max(p.a, b.a, span[0]));
    }
  }
  const rs = d.ratings.filter(f.rating);
  const levels = [1, 2, 3, 4, 5].map((k) => rs.filter((r) => r.score === k).length);
  return {
    issued: ms.filter((m) => m.step === 0 && f.matter(m, m.issuedAt)).length,
    called: waits.length, served: served.length, noShows: ended('no-show'), transfers: ended('transferred'),
    cancelled: ended('cancelled'), expired: ended('expired'),
    outcomes: Object.fromEntries(['done', 'incomplete', 'referred'].map((o) => [o, served.filter((m) => m.outcome === o).length])),
    waitMeanSec: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
    waitP90Sec: waits.length ? waits[Math.ceil(waits.length * 0.9) - 1] : null,
    waitMaxSec: waits.length ? waits[waits.length - 1] : null,
    targetBase: base, withinTarget: hits, withinTargetShare: base ? hits / base : null,
    serviceMeanSec: timed.length ? timed.reduce((a, b) => a + b, 0) / timed.length : null,
    servingSec: servingMs / 1000, pausedSec: pausedMs / 1000, idleSec: (sessionMs - servingMs - pausedMs) / 1000,
    ratings: levels, rated: rs.length, satisfaction: rs.length ? (levels[3] + levels[4]) / rs.length : null, badReviews: levels[0] + levels[1],
  };
}
