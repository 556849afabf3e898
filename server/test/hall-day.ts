/**
 * Plays a realistic hall day against the real server's HTTP API on the manual clock: visitors drawn
 * with the simulator's day generator (scenario format), kiosks issuing and checking in bookings,
 * clerks signing in, pausing for lunch, handing over a window, calling, starting, finishing with
 * outcomes and follow-on matters, no-shows, transfers, cancellations, pads rating, flags.
 */
import { generateDay, type MatterSpec } from '../src/sim/generate/day.ts';
import { Random } from '../src/sim/generate/random.ts';
import type { ScenarioTicket } from '../src/sim/scenario.ts';
import type { TestServer } from './helper.ts';
import { ApiError } from '@onewindow/protocol';

const H = 3600;
const m = (id: string, prefix: string, targetWaitSec: number, share: number, meanSec: number, more: Partial<MatterSpec> = {}): MatterSpec =>
  ({ id, name: id, prefix, targetWaitSec, share, meanSec, cv: 0.6, ...more });
/** The default hall.yaml's services, as the generator knows them. */
const MATTERS = [
  m('biz', 'A', 1200, 0.18, 600, { bookedShare: 0.25, pickupShare: 0.3, greenShare: 0.03 }), m('tax', 'B', 900, 0.2, 450),
  m('prop', 'C', 1200, 0.14, 700, { bookedShare: 0.25, pickupShare: 0.3, greenShare: 0.05 }), m('social', 'D', 900, 0.22, 300, { greenShare: 0.08 }),
  m('fund', 'E', 900, 0.1, 400), m('permit', 'F', 1800, 0.04, 900), m('pickup', 'G', 600, 0.12, 120),
];

interface Shift { clerk: number; from: number }
interface WindowPlan { id: string; shifts: Shift[]; closesAt: number; breaks?: Array<[number, number]> }
/** Six windows of the default hall: lunch rota, a handover at W03, a permit window open 10:00–15:00. */
export const PLAN: WindowPlan[] = [
  { id: 'W01', shifts: [{ clerk: 0, from: 0 }], closesAt: 8 * H, breaks: [[2.5 * H, 3.5 * H]] },
  { id: 'W02', shifts: [{ clerk: 1, from: 0 }], closesAt: 8 * H, breaks: [[3.5 * H, 4.5 * H]] },
  { id: 'W03', shifts: [{ clerk: 2, from: 0 }, { clerk: 3, from: 4 * H }], closesAt: 8 * H },
  { id: 'W04', shifts: [{ clerk: 4, from: 0.5 * H }], closesAt: 8 * H, breaks: [[3 * H, 4 * H]] },
  { id: 'W06', shifts: [{ clerk: 5, from: 0 }], closesAt: 7.5 * H, breaks: [[3.25 * H, 4.25 * H]] },
  { id: 'W09', shifts: [{ clerk: 6, from: 1 * H }], closesAt: 6 * H },
];

const CLERK_NAMES = ['张敏', '李娜', '王强', '刘洋', '陈静', '杨帆', '赵磊'];

export interface Crew {
  supervisor: string;
  clerks: { id: string; token: string; username: string }[];
  kiosks: string[];
  pads: Map<string, string>;
}

export async function makeCrew(srv: TestServer): Promise<Crew> {
  const admin = await srv.login();
  const person = async (username: string, name: string, role: string) => {
    const u = await srv.api<{ id: string }>('/api/users', { token: admin, body: { username, password: 'password-123', name, role } });
    return { id: u.id, token: await srv.login(username, 'password-123'), username };
  };
  const clerks = [];
  for (const [i, name] of CLERK_NAMES.entries()) clerks.push(await person(`day-clerk-${i}`, name, 'clerk'));
  const kiosks = [];
  for (let i = 0; i < 10; i++) kiosks.push(await srv.device('kiosk', { kioskId: 'K1' }));
  const pads = new Map<string, string>();
  for (const w of PLAN) pads.set(w.id, await srv.device('pad', { windowId: w.id }));
  return { supervisor: (await person('day-supervisor', '值班主任', 'supervisor')).token, clerks, kiosks, pads };
}

/** Sessions last a working day: sign everyone in again (after the clock crossed into the next one). */
export async function signInAgain(srv: TestServer, crew: Crew): Promise<void> {
  crew.supervisor = await srv.login('day-supervisor', 'password-123');
  for (const c of crew.clerks) c.token = await srv.login(c.username, 'password-123');
}

interface Visitor { def: ScenarioTicket; steps: { service: string; serviceSec: number }[]; code?: string; ticketId?: string }
interface Win { plan: WindowPlan; emptyAt: number; clerk: number | null; paused: boolean; closing: boolean; handover: number | null; ticket: { v: Visitor; step: number; noShow: boolean } | null }
type Job = { at: number; order: number; run: () => Promise<void> };

export interface PlayOptions {
  /** 09:00 of the day, epoch ms. */
  opening: number;
  seed: number;
  visitors: number;
  /** Extra moments to act at (a mid-day look at the live report). */
  checkpoints?: { at: number; run: () => Promise<void> }[];
}

export interface PlayResult { issued: number; rated: number; flagged: number; bookings: number }

export async function playDay(srv: TestServer, crew: Crew, o: PlayOptions): Promise<PlayResult> {
  const sc = generateDay({
    name: 'report-day', seed: o.seed, matters: MATTERS, windows: [], visitors: o.visitors, lastArrivalSec: 7.75 * H,
    intensity: (t) => 0.4 + Math.exp(-0.5 * ((t - 1.5 * H) / (0.9 * H)) ** 2) + 0.7 * Math.exp(-0.5 * ((t - 6 * H) / H) ** 2),
    noShowShare: 0.05, pickup: { service: 'pickup', meanSec: 110, cv: 0.5 },
  });
  const rnd = new Random(o.seed + 1);
  const api = (path: string, token: string, body?: unknown) => srv.api<any>(path, { token, body: body ?? {} });
  const at = (sec: number) => o.opening + Math.round(sec * 1000);
  const result: PlayResult = { issued: 0, rated: 0, flagged: 0, bookings: 0 };
  const jobs: Job[] = [];
  const later = (when: number, order: number, run: () => Promise<void>) => jobs.push({ at: when, order, run });
  const visitors: Visitor[] = sc.tickets.map((def) => ({ def, steps: [{ service: def.service, serviceSec: def.serviceSec }, ...(def.next ?? [])] }));
  const byTicket = new Map<string, Visitor>();
  const done: string[] = [];

  // Bookings are made the evening before; booked visitors check in with their code.
  srv.clock.set(o.opening - 12 * H * 1000);
  for (const v of visitors) {
    if (v.def.appointmentAt === undefined) continue;
    try {
      const r = await api('/api/appointments', crew.supervisor, { serviceId: v.def.service, slotStart: new Date(at(v.def.appointmentAt)).toISOString() });
      v.code = r.appointment.code;
      result.bookings++;
    } catch { /* a full slot: this visitor walks in */ }
  }

  const wins: Win[] = PLAN.map((plan) => ({ plan, emptyAt: -1, clerk: null, paused: false, closing: false, handover: null, ticket: null }));
  const act = (w: Win, action: string, body?: unknown) => api(`/api/windows/${w.plan.id}/${action}`, crew.clerks[w.clerk!].token, body);
  let kiosk = 0;
  /** Bumped whenever a ticket may have become callable: a window that found nothing asks again only then. */
  let queueVersion = 0;

  for (const v of visitors) {
    const arrival = Math.max(0, v.code ? Math.max(v.def.arrival, v.def.appointmentAt! - 50 * 60) : v.def.arrival);
    later(at(arrival), 2, async () => {
      try {
        const body = v.code ? { appointmentCode: v.code } : { serviceId: v.def.service, priority: v.def.priority };
        const r = await api('/api/tickets', crew.kiosks[kiosk++ % crew.kiosks.length], body);
        v.ticketId = r.ticket.id;
        queueVersion++;
        byTicket.set(r.ticket.id, v);
        result.issued++;
      } catch { /* the hall refused (closed): the visitor goes home */ }
    });
    if (v.code) for (const wake of [v.def.appointmentAt! - 300, v.def.appointmentAt!]) later(at(wake), 2, async () => undefined);
    if (rnd.chance(0.05)) {
      later(at(arrival + 3 * 60), 3, async () => {
        if (v.ticketId) await api(`/api/tickets/${v.ticketId}/cancel`, crew.supervisor, { reason: '群众离开' }).catch(() => undefined);
      });
    }
  }
  for (const w of wins) {
    for (const s of w.plan.shifts) later(at(s.from), 4, async () => {
      if (w.clerk === null) { w.clerk = s.clerk; await act(w, 'sign-in'); } else w.handover = s.clerk;
      w.emptyAt = -1;
      await idle(w);
    });
    for (const [a, b] of w.plan.breaks ?? []) {
      later(at(a), 4, async () => { w.paused = true; await act(w, 'pause', { reason: '午休' }); });
      later(at(b), 4, async () => { w.paused = false; w.emptyAt = -1; await act(w, 'resume'); });
    }
    later(at(w.plan.closesAt), 4, async () => { w.closing = true; await idle(w); });
  }
  // Two service times marked as wrong after the day (a clerk forgot to finish).
  later(at(8 * H + 300), 5, async () => {
    for (const id of [...new Set(done)].slice(3, 5)) { await api(`/api/tickets/${id}/flag`, crew.supervisor, { note: '忘记结束办理', stepIndex: 0 }); result.flagged++; }
  });
  for (const c of o.checkpoints ?? []) later(c.at, 6, c.run);

  /** A window with nothing in hand: hand over, close, or wait for the next call. */
  async function idle(w: Win): Promise<void> {
    if (w.ticket || w.clerk === null) return;
    try {
      if (w.handover !== null) { await act(w, 'sign-out'); w.clerk = w.handover; w.handover = null; await act(w, 'sign-in'); }
      if (w.closing) { await act(w, 'sign-out'); w.clerk = null; }
    } catch (e) {
      await adopt(w, e);
    }
  }

  /**
   * A clerk who asked and got nobody waits ready: the hall calls the next visitor routing gives
   * the window by itself (commands.dispatch). The clerk finds them at the window (WINDOW_BUSY).
   */
  async function adopt(w: Win, e: unknown): Promise<void> {
    const busy = e instanceof ApiError && e.code === 'WINDOW_BUSY' ? (e.details as { ticketId?: string } | undefined)?.ticketId : undefined;
    if (!busy) throw e;
    const r = await srv.api<any>(`/api/tickets/${busy}`, { token: crew.supervisor });
    await begin(w, r.ticket);
  }

  async function finish(w: Win): Promise<void> {
    const { v, step, noShow } = w.ticket!;
    const now = srv.clock.now();
    if (noShow) await act(w, 'no-show');
    else if (step === 0 && rnd.chance(0.07)) {
      const to = v.steps[0].service === 'social' ? 'fund' : 'social';
      await act(w, 'transfer', { serviceId: to, position: rnd.chance(0.5) ? 'front' : 'end' });
      v.steps = [v.steps[0], { service: to, serviceSec: 150 + rnd.uniform() * 200 }];
      queueVersion++;
    } else {
      const r = rnd.uniform();
      const outcome = r < 0.8 ? 'done' : r < 0.92 ? 'incomplete' : 'referred';
      const next = v.steps[step + 1];
      await act(w, 'finish', next ? { outcome, nextServiceId: next.service } : { outcome });
      if (next) queueVersion++;
      done.push(v.ticketId!);
      if (rnd.chance(0.7)) {
        const u = rnd.uniform();
        const score = u < 0.05 ? 1 : u < 0.12 ? 2 : u < 0.22 ? 3 : u < 0.5 ? 4 : 5;
        const pad = crew.pads.get(w.plan.id)!;
        later(now + 15_000, 1, async () => {
          const extra = score <= 2 ? { reasons: ['slow'], ...(rnd.chance(0.5) ? { contact: '13812345678' } : {}) } : {};
          await api('/api/evaluations', pad, { ticketId: v.ticketId, score, ...extra }).then(() => { result.rated++; }, () => undefined);
        });
      }
    }
    w.ticket = null;
    await idle(w);
  }

  async function callNext(w: Win): Promise<void> {
    if (w.emptyAt === queueVersion) return;
    const r = await act(w, 'call-next').catch((e) => adopt(w, e).then(() => null));
    if (r === null) return;
    if (!r.ticket) { w.emptyAt = queueVersion; return; }
    await begin(w, r.ticket);
  }

  async function begin(w: Win, ticket: { id: string; steps: unknown[] }): Promise<void> {
    const r = { ticket };
    const v = byTicket.get(r.ticket.id)!;
    const step = r.ticket.steps.length - 1;
    const noShow = step === 0 && v.def.noShow === true;
    w.ticket = { v, step, noShow };
    w.emptyAt = -1;
    const now = srv.clock.now();
    // A no-show only after a real call: the hall's default rule lets it three minutes after the call.
    if (noShow) later(now + 180_000, 0, () => finish(w));
    else {
      if (rnd.chance(0.9)) await act(w, 'start');
      later(now + Math.round((v.steps[step]?.serviceSec ?? 120) * 1000), 0, () => finish(w));
    }
  }

  while (jobs.length > 0) {
    jobs.sort((a, b) => a.at - b.at || a.order - b.order);
    const t = jobs[0].at;
    srv.clock.set(t);
    while (jobs.length > 0 && jobs[0].at === t) {
      const job = jobs.shift()!;
      // Any change but a rating may change what routing gives a window (booked tickets become callable with time).
      if (job.order !== 1) queueVersion++;
      await job.run();
    }
    for (const w of wins) if (w.clerk !== null && !w.paused && !w.closing && !w.ticket) await callNext(w);
  }
  return result;
}
