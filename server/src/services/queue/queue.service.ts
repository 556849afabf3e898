import type { HallConfig } from '@onewindow/config';
import { announcementOf, isoLocal, type CallAnnouncement, type CheckInInfo, type HallInfo, type NoticeView, type ServiceView, type TicketView, type WindowView } from '@onewindow/protocol';
import {
  autoCallDue, commands, currentStep, EngineError, FINAL_STATUSES, getWindow, nextWake, type EngineEvent, type HallState, type Priority, type ReinstateRule, type Ticket,
  type TicketLang,
} from '../../engine/index.ts';
import type { Identity } from '../visitors/visitor.service.ts';
import { cleanItems } from '../notices/notice.service.ts';
import { AppError } from '../app-error.ts';
import type { Principal } from '../auth/auth.service.ts';
import type { HallService, Idempotency } from '../hall/hall.service.ts';
import { isOpen } from '../hall/hours.ts';
import type { LogEvent } from '../hall/log-events.ts';
import { openTickets, serviceViews, ticketView, windowView, windowViews, type ViewContext } from './views.ts';

export interface IssueRequest {
  serviceId: string;
  priority?: Priority;
  /** The language the visitor chose (the slip is printed in it). */
  language?: TicketLang;
  /** Extensions for staff at the guide desk: why the green channel, a phone for notices, the kiosk printer to print at. */
  greenReason?: string;
  phone?: string;
  printAt?: string;
  /** A real-name ticket: the token of a card just read, or (staff) the ID number typed. */
  idCard?: string;
  idNumber?: string;
  name?: string;
}

/** A real-name request's holder: kept with the ticket once issued; the read token is used up then. */
export interface Holder { identity: Identity; consume(): void }

/** What the front of the hall adds to issuing and finishing (wired in services/index.ts). */
export interface FrontDesk {
  identify(p: Principal, req: { idCard?: string; idNumber?: string; name?: string }): Holder;
  onePerPerson(): boolean;
  ticketsOfPerson(serviceId: string, idHash: string): string[];
  /** Today's booking code made with this ID number's hash, for a check-in by card. */
  bookingCodeOf(idHash: string): string | null;
  /** Inside the issuing transaction. */
  record(ticketId: string, serviceId: string, left: { phone?: string | null; identity?: Identity | null }, at: number): void;
  /** Inside the finishing transaction: the 一次性告知 list. */
  notice(ticketId: string, stepIndex: number, windowId: string, clerkId: string | null, items: string[], note: string | null, at: number): void;
  reinstateRule(): ReinstateRule | null;
  /** The 一次性告知 of a ticket as its visitor's phone shows it. */
  publicNotice(ticketId: string, number: string): NoticeView | null;
  setPhone(ticketId: string, serviceId: string, phone: string, at: number): void;
}
/** Check-in of a booking, supplied by the appointment service. */
export interface CheckInResult {
  serviceId: string; appointmentAt: number | null; appointmentId: string; priority?: Priority;
  /** Runs inside the ticket's transaction with the new ticket's id: marks the booking checked in (throw to roll back). */
  onIssued?: (ticketId: string) => void;
  /** Sent with the ticket as `checkIn`: what the visitor must be told (early, on time, late). */
  response?: CheckInInfo;
}
export type CheckIn = (code: string, now: number) => CheckInResult;

export type WindowAction =
  | { kind: 'sign-in' } | { kind: 'sign-out' } | { kind: 'call-next' } | { kind: 'call'; ticketId?: string; number?: string }
  | { kind: 'recall' } | { kind: 'start' } | { kind: 'finish'; outcome: 'done' | 'incomplete' | 'referred'; note?: string; nextServiceId?: string; missing?: string[] }
  | { kind: 'no-show' } | { kind: 'transfer'; serviceId?: string; windowId?: string; position?: 'front' | 'end'; note?: string }
  | { kind: 'pause'; reason: string } | { kind: 'resume' } | { kind: 'hold'; note?: string }
  | { kind: 'auto-call'; afterSec: number | null };

export interface WindowResult { ticket: TicketView | null; window: WindowView }

/** Auto-call's pause after a visitor when the hall file names none (hall.autoCallSec). */
export const DEFAULT_AUTO_CALL_SEC = 10;

/** How long a pad may rate a finished ticket. */
export const EVALUATION_WINDOW_MS = 3 * 60_000;

/** Queue commands as people and devices send them: who may do what, then the engine decides. */
export class QueueService {
  checkIn: CheckIn | null = null;
  front: FrontDesk | null = null;

  constructor(
    private readonly hall: HallService,
    private config: HallConfig,
    private readonly clerkName: (id: string) => string,
    private readonly options: {
      ignoreHours?: boolean; publicUrl?: () => string | undefined; voice?: (number: string, windowId: string) => CallAnnouncement;
      visitor?: ViewContext['visitor']; noShow?: () => HallInfo['noShow'];
    } = {},
  ) {}

  setConfig(config: HallConfig): void { this.config = config; }

  views(): ViewContext {
    return {
      state: this.hall.state, now: this.hall.now(), timezone: this.config.hall.timezone, clerkName: this.clerkName,
      announcement: announcementOf(this.config).template, voice: this.options.voice,
      ...(this.options.visitor ? { visitor: this.options.visitor } : {}),
    };
  }

  isOpen(now = this.hall.now()): boolean {
    return this.options.ignoreHours === true || isOpen(this.config, now);
  }

  /** The hall as every screen and API client sees it: names, day, whether it issues, the announcement. */
  hallInfo(): HallInfo {
    const c = this.config.hall;
    const publicUrl = this.options.publicUrl?.();
    return {
      name: c.name, ...(c.nameEn ? { nameEn: c.nameEn } : {}), timezone: c.timezone, day: this.hall.state.day,
      open: this.isOpen(), ...(c.notice ? { notice: c.notice } : {}), ...(c.noticeEn ? { noticeEn: c.noticeEn } : {}), ...(publicUrl ? { publicUrl } : {}),
      announcement: { ...announcementOf(this.config), audio: this.config.voice?.source !== 'browser' }, now: isoLocal(this.hall.now(), c.timezone),
      ...(this.options.noShow ? { noShow: this.options.noShow() } : {}),
      autoCallSec: c.autoCallSec ?? DEFAULT_AUTO_CALL_SEC,
    };
  }

  /** `GET /api/hall`: the hall, its queues, its windows, and what each kiosk offers. */
  overview(): { hall: HallInfo; services: ServiceView[]; windows: WindowView[]; kiosks: { id: string; name: string; services: string[] }[] } {
    const v = this.views();
    const all = this.config.services.map((s) => s.id);
    return {
      hall: this.hallInfo(), services: serviceViews(v), windows: windowViews(v),
      kiosks: (this.config.kiosks ?? []).map((k) => ({ id: k.id, name: k.name, services: k.services ?? all })),
    };
  }

  /** Today's tickets as staff see them: all, or only those not yet final. */
  tickets(openOnly: boolean): TicketView[] {
    const v = this.views();
    const list = openOnly ? openTickets(v) : [...v.state.tickets.values()];
    return list.map((t) => ticketView(v, t, true));
  }

  ticket(id: string): TicketView {
    const v = this.views();
    const t = v.state.tickets.get(id);
    if (!t) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${id} today`);
    return ticketView(v, t, true);
  }

  /** A guide or supervisor cancels a waiting ticket (the visitor left). */
  cancel(p: Principal, ticketId: string, reason: string): TicketView {
    const r = this.hall.execute(actorOf(p), (s, c) => commands.cancel(s, ticketId, reason, c.now),
      () => ({ status: 200, body: ticketView(this.views(), this.hall.state.tickets.get(ticketId)!, true) }));
    return r.body;
  }

  /** The window a clerk is signed in at, if any. */
  windowOfClerk(userId: string): string | null {
    for (const w of this.hall.state.windows.values()) if (w.clerkId === userId) return w.id;
    return null;
  }

  /**
   * Issues a ticket: a service (green channel, language, a phone and a kiosk printer from the guide
   * desk, a card for a real-name ticket), a booking's code, or a booking checked in by card alone.
   */
  issue(p: Principal, req: IssueRequest & { appointmentCode?: string; checkInByCard?: boolean }, idem?: Idempotency) {
    const issuer = this.issuer(p);
    if (!issuer.person && (req.phone || req.greenReason || req.idNumber || req.printAt)) {
      throw new AppError(403, 'STAFF_ONLY', 'a phone, a green-channel reason, a typed ID number or a printer is given by staff at the guide desk');
    }
    let checkedIn: CheckInResult | null = null;
    let holder: Holder | null = null;
    return this.thenDispatch(this.hall.execute(actorOf(p), (s, ctx) => {
      let input: { serviceId: string; priority?: Priority; appointmentAt?: number | null; appointmentId?: string | null };
      if (req.idCard || req.idNumber) {
        if (!this.front) throw new AppError(404, 'REAL_NAME_OFF', 'this hall takes no real-name tickets');
        holder = this.front.identify(p, req);
      }
      const code = req.checkInByCard ? this.front?.bookingCodeOf(holder!.identity.idHash) : req.appointmentCode;
      if (req.checkInByCard && !code) throw new AppError(404, 'APPOINTMENT_NOT_FOUND', 'no booking today made with this ID card');
      if (code) {
        if (!this.checkIn) throw new AppError(404, 'APPOINTMENT_UNKNOWN', 'bookings are not enabled in this hall');
        checkedIn = this.checkIn(code, ctx.now);
        input = { serviceId: checkedIn.serviceId, priority: checkedIn.priority, appointmentAt: checkedIn.appointmentAt, appointmentId: checkedIn.appointmentId };
      } else {
        input = { serviceId: req.serviceId, priority: req.priority };
      }
      const svc = s.model.services.find((x) => x.id === input.serviceId);
      if (!svc) throw new EngineError('UNKNOWN_SERVICE', `no service ${input.serviceId}`);
      // A booking is checked in at any kiosk, whatever its menu offers.
      if (issuer.kiosk && !code && !issuer.kiosk.includes(input.serviceId)) {
        throw new AppError(403, 'SERVICE_NOT_AT_KIOSK', `this kiosk does not offer ${input.serviceId}`);
      }
      if (!issuer.staff && !this.isOpen(ctx.now)) throw new AppError(409, 'HALL_CLOSED', 'the hall is not issuing tickets now');
      const max = this.config.hall.maxTicketsPerDay;
      if (max !== undefined && s.tickets.size >= max) throw new AppError(409, 'DAY_FULL', 'today\'s tickets are all taken');
      if (svc.realName === 'required' && !code && !holder) {
        throw new AppError(422, 'REAL_NAME_REQUIRED', `${svc.name} is a real-name matter (实名取号): read the visitor's ID card, or go to the guide desk`);
      }
      if (holder) this.onePerPerson(s, input.serviceId, (holder as Holder).identity);
      const kioskId = req.printAt ? this.printer(req.printAt) : issuer.kioskId;
      return commands.issueTicket(s, {
        ...input, channel: code ? 'appointment' : issuer.channel, kioskId, ...(req.language ? { lang: req.language } : {}),
      }, ctx);
    }, (batch) => {
      const issued = batch.find((b) => b.event.type === 'ticket.issued')!.event as Extract<EngineEvent, { type: 'ticket.issued' }>;
      const done = checkedIn as CheckInResult | null;
      done?.onIssued?.(issued.ticket.id);
      const h = holder as Holder | null;
      h?.consume();
      if (req.phone || h) this.front?.record(issued.ticket.id, issued.ticket.steps[0].serviceId, { phone: req.phone ?? null, identity: h?.identity ?? null }, issued.at);
      const ticket = ticketView(this.views(), this.hall.state.tickets.get(issued.ticket.id)!, true);
      return { status: 201, body: done?.response ? { ticket, checkIn: done.response } : { ticket } };
    }, idem));
  }

  /** One ticket per person per matter per day (the hall's choice): an open or finished one refuses another. */
  private onePerPerson(s: HallState, serviceId: string, who: Identity): void {
    if (!this.front?.onePerPerson()) return;
    for (const id of this.front.ticketsOfPerson(serviceId, who.idHash)) {
      const t = s.tickets.get(id);
      if (!t) continue;
      const status = currentStep(t).status;
      if (status === 'cancelled' || status === 'expired' || status === 'no-show') continue;
      throw new AppError(409, 'ONE_TICKET_PER_PERSON', `this visitor already holds ${t.number} for this matter today`, { number: t.number, status });
    }
  }

  /** A phone left at the guide desk for a ticket already held: notices reach it from now on. */
  leavePhone(_p: Principal, ticketId: string, phone: string): TicketView {
    const t = this.hall.state.tickets.get(ticketId);
    if (!t) throw new AppError(404, 'UNKNOWN_TICKET', `no ticket ${ticketId} today`);
    const status = currentStep(t).status;
    if (FINAL_STATUSES.has(status)) throw new EngineError('TICKET_FINISHED', `${t.number} is already ${status}`);
    if (!this.front) throw new AppError(404, 'NOT_AVAILABLE', 'this hall keeps no phone numbers');
    this.front.setPhone(t.id, t.steps[0].serviceId, phone, this.hall.now());
    return ticketView(this.views(), t, true);
  }

  /** A kiosk whose printer prints a ticket issued at the guide desk. */
  private printer(kioskId: string): string {
    if (!(this.config.kiosks ?? []).some((k) => k.id === kioskId)) throw new AppError(404, 'UNKNOWN_PRINTER', `no kiosk ${kioskId} with a printer`);
    return kioskId;
  }

  /**
   * A visitor who missed their call (no-show) back at the guide desk: the matter joins the queue
   * again at the place the hall's rule gives (config noShow: within so many minutes, behind so many).
   */
  reinstate(p: Principal, ticketId: string): TicketView {
    const rule = this.front?.reinstateRule() ?? null;
    if (!rule) throw new AppError(409, 'REINSTATE_OFF', 'this hall does not put no-shows back in the queue: take a new ticket');
    return this.thenDispatch(this.hall.execute(actorOf(p), (s, c) => commands.reinstate(s, ticketId, rule, c.now),
      () => ({ status: 200, body: ticketView(this.views(), this.hall.state.tickets.get(ticketId)!, true) }))).body;
  }

  /**
   * A window whose clerk asked and got nobody waits ready: the engine hands it the next ticket
   * routing gives it (commands.dispatch), in the same turn as the change that let one be called.
   * Before that, auto-call (自动叫号) asks for each window whose pause after its last visitor is
   * over, as its clerk would press "call next".
   */
  private thenDispatch<T>(answer: T): T {
    const now = this.hall.now();
    for (const w of this.hall.state.windows.values()) {
      if (autoCallDue(w, now)) this.hall.commit(commands.callNext(this.hall.state, w.id, this.hall.policy, now), 'system');
    }
    for (let i = 0; i < this.hall.model.windows.length; i++) {
      const events = commands.dispatch(this.hall.state, this.hall.policy, now);
      if (events.length === 0) break;
      this.hall.commit(events, 'system');
    }
    return answer;
  }

  /**
   * What time alone makes due (an auto-call pause over, a booked slot within its lead), called by
   * the dispatch timer: no request or device triggers it.
   */
  dispatchDue(): void {
    if (this.hall.storageFailure) return;
    this.hall.ensureDay();
    this.thenDispatch(null);
  }

  /** The next instant time alone may let a ticket be called (engine/wake.ts); null: none. */
  nextWake(): number | null {
    return nextWake(this.hall.state, this.hall.now());
  }

  window(p: Principal, windowId: string, action: WindowAction, idem?: Idempotency): { status: number; body: WindowResult } {
    this.authorizeWindow(p, windowId, action.kind);
    const clerkId = p.kind === 'user' ? p.id : null;
    return this.thenDispatch(this.hall.execute(actorOf(p), (s, ctx) => this.decide(s, windowId, action, clerkId, ctx.now), (batch) => {
      if (action.kind === 'finish' && action.outcome === 'incomplete' && action.missing?.length) this.keepNotice(batch, windowId, clerkId, action.missing, action.note);
      const touched = [...batch].reverse().find((b) => 'ticketId' in b.event)?.event as { ticketId?: string } | undefined;
      const w = this.hall.state.windows.get(windowId)!;
      const id = touched?.ticketId ?? w.currentTicketId;
      const t = id ? this.hall.state.tickets.get(id) ?? null : null;
      const v = this.views();
      return { status: 200, body: { ticket: t ? ticketView(v, t, true) : null, window: windowView(v, w) } };
    }, idem));
  }

  /** The 一次性告知 list of the matter just finished, kept in the same transaction. */
  private keepNotice(batch: { event: LogEvent }[], windowId: string, clerkId: string | null, missing: string[], note?: string): void {
    const e = batch.find((b) => b.event.type === 'ticket.finished')?.event as Extract<EngineEvent, { type: 'ticket.finished' }> | undefined;
    const t = e ? this.hall.state.tickets.get(e.ticketId) : undefined;
    if (!e || !t) return;
    // The finished matter: the last one, or the one before when the finish queued a further matter.
    const stepIndex = t.steps.length - (e.nextServiceId ? 2 : 1);
    const items = cleanItems(missing);
    if (items.length) this.front?.notice(t.id, stepIndex, windowId, clerkId, items, note ?? null, e.at);
  }

  private decide(s: HallState, windowId: string, a: WindowAction, clerkId: string | null, now: number): LogEvent[] {
    switch (a.kind) {
      case 'sign-in':
        if (!clerkId) throw new AppError(403, 'NOT_A_PERSON', 'a person signs in at a window');
        return commands.signIn(s, windowId, clerkId, now);
      case 'sign-out': return commands.signOut(s, windowId, now);
      case 'call-next': return commands.callNext(s, windowId, this.hall.policy, now);
      case 'call': return commands.callTicket(s, windowId, this.findTicket(s, a), now);
      case 'recall': return commands.recall(s, windowId, now);
      case 'start': return commands.start(s, windowId, now);
      case 'finish': {
        const events: LogEvent[] = commands.finish(s, windowId, { outcome: a.outcome, note: a.note, nextServiceId: a.nextServiceId }, now);
        const t = s.tickets.get(getWindow(s, windowId).currentTicketId!)!;
        const w = getWindow(s, windowId);
        events.push({
          type: 'evaluation.requested', at: now, ticketId: t.id, windowId,
          request: {
            ticketId: t.id, number: t.number, windowId, clerkName: w.clerkId ? this.clerkName(w.clerkId) : null,
            expiresAt: new Date(now + EVALUATION_WINDOW_MS).toISOString(),
          },
        });
        return events;
      }
      case 'no-show': return commands.noShow(s, windowId, now);
      case 'transfer': return commands.transfer(s, windowId, a, now);
      case 'pause': return commands.pause(s, windowId, a.reason, now);
      case 'resume': return commands.resume(s, windowId, now);
      case 'hold': return commands.hold(s, windowId, a.note ?? null, now);
      case 'auto-call': return commands.setAutoCall(s, windowId, a.afterSec, now);
    }
  }

  private findTicket(s: HallState, a: { ticketId?: string; number?: string }): string {
    if (a.ticketId) return a.ticketId;
    const n = (a.number ?? '').toUpperCase();
    for (const t of s.tickets.values()) if (t.number === n) return t.id;
    throw new EngineError('UNKNOWN_TICKET', `no ticket ${a.number} today`);
  }

  /** Clerks act only at the window they signed in at; supervisors at any window. */
  private authorizeWindow(p: Principal, windowId: string, kind: WindowAction['kind']): void {
    const w = this.hall.state.windows.get(windowId);
    if (!w) throw new EngineError('UNKNOWN_WINDOW', `no window ${windowId}`);
    if (p.kind !== 'user') throw new AppError(403, 'FORBIDDEN', 'devices cannot act at a window');
    if (p.role === 'supervisor' || p.role === 'admin') return;
    if (p.role !== 'clerk') throw new AppError(403, 'FORBIDDEN', `a ${p.role} cannot act at a window`);
    if (kind === 'sign-in') {
      if (p.windows && !p.windows.includes(windowId)) throw new AppError(403, 'WINDOW_NOT_ALLOWED', `you may not staff ${windowId}`);
      return;
    }
    if (w.clerkId !== p.id) throw new AppError(403, 'NOT_AT_WINDOW', `you are not signed in at ${windowId}`);
  }

  private issuer(p: Principal): { channel: 'kiosk' | 'guide' | 'clerk'; kioskId: string | null; kiosk: string[] | null; staff: boolean; person: boolean } {
    if (p.kind === 'device') {
      if (p.deviceKind !== 'kiosk') throw new AppError(403, 'FORBIDDEN', 'only kiosks issue tickets');
      const k = this.config.kiosks?.find((x) => x.id === p.kioskId);
      return { channel: 'kiosk', kioskId: p.kioskId, kiosk: k?.services ?? null, staff: false, person: false };
    }
    const staff = p.role === 'supervisor' || p.role === 'admin';
    return { channel: p.role === 'clerk' ? 'clerk' : 'guide', kioskId: null, kiosk: null, staff, person: true };
  }

  /** A visitor's view of their ticket, by the token in the QR on the slip. */
  track(token: string): TicketView & { serviceName: string; windowName: string | null; hallName: string; notice?: NoticeView } {
    const t: Ticket | null = this.hall.ticketByTrackToken(token);
    if (!t) throw new AppError(404, 'TICKET_NOT_FOUND', 'no ticket for this code');
    const v = this.views();
    // A ticket of an earlier day is shown as it ended: not waiting, so no estimate is made for it.
    const view = ticketView(v, t, false);
    const step = currentStep(t);
    const windowId = step.windowId ?? step.targetWindowId;
    return {
      ...view,
      serviceName: this.hall.model.services.find((x) => x.id === step.serviceId)?.name ?? step.serviceId,
      windowName: windowId ? this.hall.model.windows.find((x) => x.id === windowId)?.name ?? windowId : null,
      hallName: this.config.hall.name,
      ...this.noticeOf(t),
    };
  }

  private noticeOf(t: Ticket): { notice?: NoticeView } {
    const n = this.front?.publicNotice(t.id, t.number);
    return n ? { notice: n } : {};
  }
}

export function actorOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.id}` : `device:${p.id}`;
}
