import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, manualClock, refused, startTestServer, type TestServer } from './helper.ts';
import { makeCrew, playDay, signInAgain, type Crew, type PlayResult } from './hall-day.ts';
import { expectedRow, readDay, type OracleDay, type RowFilter } from './report-oracle.ts';
import { parseCsv } from './csv-parse.ts';

const DAY = '2026-11-23';
const OPENING = Date.parse(`${DAY}T09:00:00+08:00`);
const MIDNIGHT = Date.parse(`${DAY}T00:00:00+08:00`);
const RESET = Date.parse('2026-11-24T04:00:00+08:00');
const hourOf = (ms: number) => Math.floor((ms - MIDNIGHT) / 3_600_000);
const all = () => true;

type Row = Record<string, any>;

/** Every figure of a report row against the oracle's, to the report's rounding. */
function same(actual: Row, expected: Row, what: string, opts: { issued: boolean; time: boolean }) {
  for (const [k, v] of Object.entries(expected)) {
    const got = actual[k];
    const label = `${what}.${k}`;
    if (k === 'issued' && !opts.issued) { expect(got, label).toBeNull(); continue; }
    if (/^(idle|serving|paused)Sec$/.test(k) && !opts.time) { expect(got, label).toBeNull(); continue; }
    if (v === null) expect(got, label).toBeNull();
    else if (typeof v === 'number' && /Share|satisfaction/.test(k)) expect(Math.abs(got - v), label).toBeLessThan(0.00006);
    else if (typeof v === 'number' && /Sec$/.test(k)) expect(Math.abs(got - v), `${label}: ${got} vs ${v}`).toBeLessThanOrEqual(0.05 + 1e-9);
    else expect(got, label).toEqual(v);
  }
}

/** The report against the oracle: totals and every row of every dimension. */
function checkReport(r: any, d: OracleDay, targets: Map<string, number>, clerk: string | null = null) {
  const mine = (c: string | null) => clerk === null || c === clerk;
  const scoped = (f: RowFilter): RowFilter => ({ matter: (m, at) => mine(m.clerk) && f.matter(m, at), time: (i) => mine(i.clerk) && f.time(i), rating: (x) => mine(x.clerk) && f.rating(x), span: f.span });
  const row = (f: RowFilter) => expectedRow(d, scoped(f), targets);
  const issued = clerk === null;
  same(r.totals, row({ matter: all, time: all, rating: all }), 'totals', { issued, time: true });

  const ids = <T>(xs: T[], key: (x: T) => string | null) => [...new Set(xs.map(key).filter((x): x is string => x !== null))];
  const ms = d.matters.filter((m) => mine(m.clerk));
  const svc = ids([...ms.map((m) => m.service), ...d.ratings.filter((x) => mine(x.clerk)).map((x) => x.service)], (x) => x);
  expect(r.byService.map((x: Row) => x.key).sort()).toEqual(svc.sort());
  for (const x of r.byService) same(x, row({ matter: (m) => m.service === x.key, time: () => false, rating: (q) => q.service === x.key }), `service ${x.key}`, { issued, time: false });

  const wins = ids([...ms.map((m) => m.window), ...d.sessions.filter((s) => mine(s.clerk)).map((s) => s.window), ...d.ratings.filter((x) => mine(x.clerk)).map((x) => x.window)], (x) => x);
  expect(r.byWindow.map((x: Row) => x.key).sort()).toEqual(wins.sort());
  for (const x of r.byWindow) same(x, row({ matter: (m) => m.window === x.key, time: (i) => i.window === x.key, rating: (q) => q.window === x.key }), `window ${x.key}`, { issued: false, time: true });

  const clerks = ids([...ms.map((m) => m.clerk), ...d.sessions.filter((s) => mine(s.clerk)).map((s) => s.clerk), ...d.ratings.filter((x) => mine(x.clerk)).map((x) => x.clerk)], (x) => x);
  expect(r.byClerk.map((x: Row) => x.key).sort()).toEqual(clerks.sort());
  for (const x of r.byClerk) same(x, row({ matter: (m) => m.clerk === x.key, time: (i) => i.clerk === x.key, rating: (q) => q.clerk === x.key }), `clerk ${x.key}`, { issued: false, time: true });

  for (const x of r.byHour) {
    const h = Number(x.key);
    const span: [number, number] = [MIDNIGHT + h * 3_600_000, MIDNIGHT + (h + 1) * 3_600_000];
    same(x, row({ matter: (_m, at) => hourOf(at) === h, time: all, span, rating: (q) => hourOf(q.at) === h }), `hour ${x.key}`, { issued, time: true });
  }
  const hoursWithFacts = new Set<number>();
  for (const m of ms) for (const t of [m.step === 0 && issued ? m.issuedAt : null, m.called, m.ended]) if (t !== null) hoursWithFacts.add(hourOf(t));
  for (const x of r.byHour) hoursWithFacts.delete(Number(x.key));
  expect([...hoursWithFacts], 'hours with facts but no row').toEqual([]);
}

describe('the day report, checked figure by figure against the event log', () => {
  let srv: TestServer;
  let crew: Crew;
  let play: PlayResult;
  let targets: Map<string, number>;
  let live: { report: any; day: OracleDay } | null = null;

  beforeAll(async () => {
    srv = await startTestServer({ clock: manualClock(OPENING - 3_600_000) });
    targets = new Map(srv.config.services.map((s) => [s.id, s.targetWaitSec]));
    crew = await makeCrew(srv);
    play = await playDay(srv, crew, {
      opening: OPENING, seed: 7, visitors: 170,
      checkpoints: [{
        at: OPENING + 3.2 * 3_600_000,
        run: async () => {
          live = { report: await srv.api(`/api/reports/day?date=${DAY}`, { token: crew.supervisor }), day: readDay(srv.db, DAY, srv.clock.now()) };
        },
      }],
    });
  }, 120_000);
  afterAll(async () => { await srv?.close(); });

  it('played a realistic day: bookings, no-shows, transfers, cancellations, pauses, a handover, ratings, flags', () => {
    const kinds = new Map((srv.db.prepare('SELECT type, COUNT(*) AS n FROM events WHERE day = ? GROUP BY type').all(DAY) as { type: string; n: number }[]).map((r) => [r.type, r.n]));
    expect(play.issued).toBeGreaterThan(150);
    expect(play.bookings).toBeGreaterThan(3);
    expect(play.rated).toBeGreaterThan(40);
    expect(play.flagged).toBe(2);
    for (const k of ['ticket.no-show', 'ticket.transferred', 'ticket.cancelled', 'window.paused', 'evaluation.recorded', 'ticket.flagged']) expect(kinds.get(k), k).toBeGreaterThan(0);
    expect(kinds.get('window.signed-in')).toBe(7);
  });

  it('matches the log in the middle of the day, with open sessions and tickets in hand counted up to now', () => {
    expect(live).not.toBeNull();
    expect(live!.report).toMatchObject({ kind: 'day', from: DAY, complete: false, archived: false });
    checkReport(live!.report, live!.day, targets);
    expect(live!.report.totals.servingSec).toBeGreaterThan(0);
  });

  it('expires what was left at the daily reset with the reason, archives the day and serves it from the archive', async () => {
    srv.clock.set(RESET + 30_000);
    srv.ctx.hall.ensureDay();
    await signInAgain(srv, crew);
    const stored = srv.db.prepare('SELECT json FROM report_archive WHERE day = ?').get(DAY) as { json: string } | undefined;
    expect(stored).toBeDefined();
    const r = await srv.api(`/api/reports/day?date=${DAY}`, { token: crew.supervisor });
    expect(r).toMatchObject({ from: DAY, to: DAY, complete: true, archived: true });
    const d = readDay(srv.db, DAY, RESET + 30_000);
    checkReport(r, d, targets);
    const expired = d.matters.filter((m) => m.how === 'expired');
    expect(expired.length).toBeGreaterThan(0);
    expect(r.totals.expired).toBe(expired.length);
    expect(r.unserved.filter((u: Row) => u.end === 'expired')).toHaveLength(expired.length);
    expect(r.unserved.find((u: Row) => u.end === 'expired').reason).toBe(`unserved at the daily reset of ${DAY}`);
    expect(r.unserved.find((u: Row) => u.end === 'cancelled').reason).toBe('群众离开');
    expect(r.badReviews).toHaveLength(d.ratings.filter((x) => x.score <= 2).length);
    expect(JSON.parse(stored!.json).totals).toEqual(r.totals);
  });

  it('downloads as CSV that a spreadsheet opens: BOM, Chinese headers, one line per row, the same figures', async () => {
    const res = await fetch(`${srv.url}/api/reports/day?date=${DAY}&format=csv`, { headers: { authorization: `Bearer ${crew.supervisor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`onewindow-report-${DAY}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const r = await srv.api(`/api/reports/day?date=${DAY}`, { token: crew.supervisor });
    const [head, ...body] = rows;
    expect(head.slice(0, 6)).toEqual(['类别', '代码', '名称', '取号量', '叫号量', '办件量']);
    expect(head).toContain('满意率');
    // …then why bad reviews were bad: one 差评原因 row per reason code (or text as given)
    expect(body).toHaveLength(1 + r.byService.length + r.byWindow.length + r.byClerk.length + r.byHour.length + r.reviewReasons.length);
    expect(new Set(body.map((x) => x.length))).toEqual(new Set([head.length]));
    const col = (name: string) => head.indexOf(name);
    expect(r.reviewReasons.length).toBeGreaterThan(0);
    expect(body.filter((x) => x[0] === '差评原因').map((x) => [x[1], Number(x[col('差评数')])]))
      .toEqual(r.reviewReasons.map((x: { code: string | null; count: number }) => [x.code ?? '', x.count]));
    const total = body[0];
    expect(total[0]).toBe('合计');
    expect(Number(total[col('办件量')])).toBe(r.totals.served);
    expect(Number(total[col('平均等候(秒)')])).toBe(r.totals.waitMeanSec);
    expect(total[col('满意率')]).toBe(`${(r.totals.satisfaction * 100).toFixed(2)}%`);
    const w01 = body.find((x) => x[0] === '窗口' && x[1] === 'W01')!;
    expect(w01[2]).toBe('1号综合窗口');
    expect(Number(w01[col('空闲(秒)')])).toBe(r.byWindow.find((x: Row) => x.key === 'W01').idleSec);
  });

  it('shows a clerk their own figures only, and refuses anyone else\'s', async () => {
    const c = crew.clerks[3];
    const own = await srv.api(`/api/reports/day?date=${DAY}`, { token: c.token });
    expect(own.scope).toMatchObject({ clerkId: c.id });
    expect(own.byClerk.map((x: Row) => x.key)).toEqual([c.id]);
    expect(own.totals.issued).toBeNull();
    expect(own.unserved).toEqual([]);
    checkReport(own, readDay(srv.db, DAY, RESET + 30_000), targets, c.id);
    expect(await refused(srv.api(`/api/reports/day?date=${DAY}&clerkId=${crew.clerks[0].id}`, { token: c.token }))).toEqual({ status: 403, code: 'REPORT_NOT_YOURS' });
    const bySupervisor = await srv.api(`/api/reports/day?date=${DAY}&clerkId=${c.id}`, { token: crew.supervisor });
    expect(bySupervisor.totals).toEqual(own.totals);
    expect(await refused(srv.api(`/api/reports/day?date=${DAY}`, { token: crew.kiosks[0] }))).toMatchObject({ status: 403 });
  });

  it('adds days up in a range report, one row per day', async () => {
    const r = await srv.api(`/api/reports/range?from=2026-11-22&to=2026-11-24`, { token: crew.supervisor });
    const day = await srv.api(`/api/reports/day?date=${DAY}`, { token: crew.supervisor });
    expect(r).toMatchObject({ kind: 'range', from: '2026-11-22', to: '2026-11-24', complete: false });
    expect(r.byDay.map((x: Row) => [x.key, x.served])).toEqual([['2026-11-22', 0], [DAY, day.totals.served], ['2026-11-24', 0]]);
    expect(r.totals.served).toBe(day.totals.served);
    expect(r.totals.waitP90Sec).toBe(day.totals.waitP90Sec);
    const csv = await fetch(`${srv.url}/api/reports/range?from=2026-11-22&to=2026-11-24&format=csv`, { headers: { authorization: `Bearer ${crew.supervisor}` } });
    expect(parseCsv(await csv.text()).filter((x) => x[0] === '日期')).toHaveLength(3);
    expect(await refused(srv.api('/api/reports/range?from=2026-11-24&to=2026-11-22', { token: crew.supervisor }))).toEqual({ status: 422, code: 'RANGE_INVALID' });
    expect(await refused(srv.api('/api/reports/day?date=2026-12-30', { token: crew.supervisor }))).toEqual({ status: 422, code: 'DATE_IN_FUTURE' });
    void ADMIN_PASSWORD;
  });
});
