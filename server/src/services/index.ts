import { join } from 'node:path';
import type { HallConfig } from '@onewindow/config';
import type { RoutingPolicy } from '../engine/index.ts';
import type { Db } from '../repositories/db.ts';
import { AlertRepository } from '../repositories/alert.repository.ts';
import { AppointmentRepository } from '../repositories/appointment.repository.ts';
import { AuditRepository } from '../repositories/audit.repository.ts';
import { AuthRepository } from '../repositories/auth.repository.ts';
import { DeviceStatusRepository } from '../repositories/device-status.repository.ts';
import { BackupRepository } from '../repositories/backup.repository.ts';
import { CentreLinkRepository } from '../repositories/centre-link.repository.ts';
import { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import { EventRepository } from '../repositories/event.repository.ts';
import { FollowUpRepository } from '../repositories/follow-up.repository.ts';
import { HallRepository } from '../repositories/hall.repository.ts';
import { IdempotencyRepository } from '../repositories/idempotency.repository.ts';
import { PrintJobRepository } from '../repositories/print-job.repository.ts';
import { NoticeRepository } from '../repositories/notice.repository.ts';
import { OutboxRepository } from '../repositories/outbox.repository.ts';
import { TicketContactRepository } from '../repositories/ticket-contact.repository.ts';
import { ReportRepository } from '../repositories/report.repository.ts';
import { RetentionRepository } from '../repositories/retention.repository.ts';
import { TicketLogRepository } from '../repositories/ticket-log.repository.ts';
import { UnitOfWork } from '../repositories/unit-of-work.ts';
import { AdminService } from './admin/admin.service.ts';
import { AuditService } from './admin/audit.service.ts';
import { BackupService } from './admin/backup.service.ts';
import type { HallFiles } from './admin/hall-file.ts';
import { RetentionService } from './admin/retention.service.ts';
import { announceRestore } from './admin/restore-notice.ts';
import { AgentService } from './agents/agent.service.ts';
import { AlertService } from './alerts/alert.service.ts';
import { NoWindowAlerts } from './alerts/no-window-alerts.ts';
import { AppointmentService } from './appointments/appointment.service.ts';
import { NotificationService } from './notifications/notification.service.ts';
import { LoggingNotifier, type Notifier } from './notifications/notifier.ts';
import { WebhookNotifier, webhookSettings } from './notifications/webhook.notifier.ts';
import { NoticeService } from './notices/notice.service.ts';
import { IdCardService } from './identity/idcard.service.ts';
import { loadIdKey } from './identity/id-key.ts';
import { VisitorService } from './visitors/visitor.service.ts';
import { GuideService } from './guide/guide.service.ts';
import { NO_SHOW_DEFAULTS } from './hall/hall-model.ts';
import { trackUrl } from './printing/ticket-slip.ts';
import { AuthService } from './auth/auth.service.ts';
import { forgetInitialPassword } from './auth/initial-admin.ts';
import { CentreService } from './centre/centre.service.ts';
import { Revocations } from './auth/revocations.ts';
import { HallClock, machineTime, type Clock, type ClockEvent, type TimeSources } from './clock.ts';
import { CounterService } from './counter/counter.service.ts';
import { DeviceService } from './devices/device.service.ts';
import { DevicePresence } from './devices/presence.ts';
import { EvaluationService } from './evaluations/evaluation.service.ts';
import { FollowUpService } from './evaluations/follow-up.service.ts';
import { HallService } from './hall/hall.service.ts';
import { hallModel } from './hall/hall-model.ts';
import { AgentJobs, jobTtlMs } from './printing/agent-jobs.ts';
import { AgentPrinters } from './printing/agent-printers.ts';
import { PrintingService } from './printing/printing.service.ts';
import { QueueService } from './queue/queue.service.ts';
import { DispatchTimer } from './queue/dispatch-timer.ts';
import { ReportService } from './reports/report.service.ts';
import { StaffingService } from './stats/staffing.service.ts';
import { StatsService } from './stats/stats.service.ts';
import { WhatIfService } from './what-if/what-if.service.ts';
import { workerRunner } from './what-if/worker-runner.ts';
import { DayLogRepository } from '../repositories/day-log.repository.ts';
import { VoiceService } from './voice/voice.service.ts';

export interface ServicesOptions {
  db: Db;
  config: HallConfig;
  dataDir: string;
  policy: RoutingPolicy;
  /** A clock of the test's own; by default the hall clock (clock.ts) over `time`. */
  clock?: Clock;
  /** What the hall clock reads: the machine's clocks by default (a test hook may move the wall clock). */
  time?: TimeSources;
  ignoreHours?: boolean;
  /** Where phones reach this server when the hall file names no `publicUrl`: an address it listens on (server.ts, services/hall/phone-address.ts). */
  publicUrl?: string;
  /** Which hall file is read and which the console writes (admin/hall-file.ts); null: read-only. */
  hallFiles?: HallFiles | null;
  /** The installation folder (a relative voice pack folder is found from there). */
  root?: string;
  /** ID-card readers' serial ports (tests: ptys; default the real ones). */
  portFactory?: import('@onewindow/drivers/serial').PortFactory;
  /** The webhook notifier's retry timing (tests shorten it). */
  webhook?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Where the background listeners report a failure (the server's log). */
  log?: { error(obj: object, msg: string): void; info(obj: object, msg: string): void; warn?(obj: object, msg: string): void };
}

/**
 * The composition root: one database, the repositories over it, and the services built on them,
 * each given only the repositories it uses. `start()` begins the listeners of committed events
 * (printing, phone notifications, the report archive); `stop()` ends every one of them and commits
 * what is still open.
 */
export function createServices(o: ServicesOptions) {
  const { db, config } = o;
  const log = o.log ?? { error: (obj: object, msg: string) => console.error(msg, obj), info: () => {} };
  const events = new EventRepository(db);
  // Steps of the system clock are not followed (clock.ts); supervisors are told, after the command
  // that noticed it (the clock is read inside commits).
  let alertsLater: AlertService | null = null;
  const clockStep = (e: ClockEvent) => {
    log.error({ clock: e }, `hall clock: ${clockText(e)}`);
    setImmediate(() => {
      try {
        alertsLater?.raise('clock-step', e.kind === 'in-step' ? 'info' : 'critical', clockText(e), `clock:${e.kind}:${e.at}`);
      } catch (err) {
        log.error({ err }, 'raising the clock alert failed');
      }
    });
  };
  const clock = o.clock ?? new HallClock(o.time ?? machineTime(), { floor: events.lastAt() ?? undefined }, clockStep);
  const hallRepo = new HallRepository(db);
  const authRepo = new AuthRepository(db);
  const evaluationRepo = new EvaluationRepository(db);
  const appointmentRepo = new AppointmentRepository(db);
  const reportRepo = new ReportRepository(db);
  const publicUrl = () => config.hall.publicUrl ?? o.publicUrl;

  const uow = new UnitOfWork(db);
  const hall = new HallService({
    uow, model: hallModel(config), timezone: config.hall.timezone, dailyReset: config.hall.dailyReset,
    hall: hallRepo, events, idempotency: new IdempotencyRepository(db), policy: o.policy, clock,
    onListenerError: (err) => log.error({ err }, 'a listener of committed events failed'),
  });
  const revocations = new Revocations();
  let queue: QueueService;
  const windows = { exists: (id: string) => hall.state.windows.has(id), ofClerk: (id: string) => queue.windowOfClerk(id) };
  const auth = new AuthService(authRepo, clock, windows, revocations, { initialPasswordReplaced: () => forgetInitialPassword(o.dataDir) });
  const clerkName = (id: string) => auth.userName(id);
  let devices: DeviceService;
  const voice = new VoiceService({
    hall, config, dataDir: o.dataDir, root: o.root ?? process.cwd(), log,
    screens: () => devices.anyPaired('display'),
  });
  const visitors = new VisitorService(new TicketContactRepository(db), hall);
  const noShow = () => ({ ...NO_SHOW_DEFAULTS, ...config.noShow });
  queue = new QueueService(hall, config, clerkName, {
    ignoreHours: o.ignoreHours, publicUrl, voice: (n, w) => voice.announcement(n, w), visitor: (id) => visitors.view(id), noShow,
  });
  const deviceStatus = new DeviceStatusRepository(db);
  const presence = new DevicePresence(deviceStatus, clock, (err) => log.error({ err }, 'recording a device\'s last sight failed'));
  devices = new DeviceService(authRepo, clock, windows, config, revocations, deviceStatus, presence);
  const audit = new AuditService(new AuditRepository(db), clock, () => config.hall.timezone);
  const alerts = new AlertService(new AlertRepository(db), hall, config);
  const idKey = loadIdKey(o.dataDir);
  const hashId = (id: string) => idCards.hash(id);
  alertsLater = alerts;
  const outbox = new OutboxRepository(db);
  const hook = webhookSettings(config);
  const notifier: Notifier = hook
    ? new WebhookNotifier({ repo: outbox, settings: hook, clock, config, alerts, ...o.webhook, log: (msg, err) => log.error({ err }, msg) })
    : new LoggingNotifier(log);
  const appointments = new AppointmentService(appointmentRepo, config, clock, () => hall.model.appointmentLeadSec, hashId, notifier);
  queue.checkIn = appointments.checkIn;
  const agents = new AgentService({ repo: authRepo, alerts, hall, config, log: (m) => log.info({}, m) });
  const idCards: IdCardService = new IdCardService({
    config, key: idKey, hall, visitors, portFactory: o.portFactory, agents, bookingOf: (h) => appointments.bookingOfCard(h),
    log: (msg, err) => log.info({ err }, msg),
  });
  const track = (token: string) => trackUrl(config.hall.publicUrl ?? o.publicUrl ?? 'http://localhost:8080', token);
  const notices = new NoticeService(new NoticeRepository(db), hall, config, { clerk: clerkName, trackUrl: track });
  queue.front = {
    identify: (p, req) => {
      if (req.idCard) {
        const identity = idCards.take(p, req.idCard, false);
        return { identity, consume: () => idCards.take(p, req.idCard!, true) };
      }
      return { identity: idCards.typed(req.idNumber!, req.name), consume: () => {} };
    },
    onePerPerson: () => config.idCard?.onePerPersonPerService !== false,
    ticketsOfPerson: (serviceId, h) => visitors.ticketsOfPerson(serviceId, h),
    bookingCodeOf: (h) => appointments.codeOfCard(h),
    record: (ticketId, serviceId, left, at) => visitors.record(ticketId, serviceId, left, at),
    notice: (ticketId, stepIndex, windowId, clerkId, items, note, at) => notices.record(ticketId, stepIndex, windowId, clerkId, items, note, at),
    reinstateRule: () => {
      const n = noShow();
      return n.reinstateWithinMin > 0 ? { withinMs: n.reinstateWithinMin * 60_000, behind: n.reinstateBehind } : null;
    },
    publicNotice: (ticketId, number) => notices.latest(ticketId, false, number),
    setPhone: (ticketId, serviceId, phone, at) => visitors.setPhone(ticketId, serviceId, phone, at),
  };
  const notifications = new NotificationService(hall, appointmentRepo, visitors, notices, notifier, config, () => queue.views(), track,
    (err) => log.error({ err }, 'notification failed'));
  const evaluations = new EvaluationService(evaluationRepo, hall, alerts, clerkName);
  const counter = new CounterService(hall, new TicketLogRepository(db), (ids) => evaluations.scoresOf(ids), {
    user: clerkName, device: (id) => devices.name(id) ?? id,
  });
  const agentJobs = new AgentJobs({
    repo: new PrintJobRepository(db), agents, now: () => hall.now(), ttlFor: (kioskId) => jobTtlMs(config, kioskId), log: (m) => log.info({}, m),
  });
  const printing: PrintingService = new PrintingService({
    hall, alerts, config, dataDir: o.dataDir, views: () => queue.views(), publicUrl: o.publicUrl,
    agentPrinters: (p) => new AgentPrinters({
      hall, config, views: () => queue.views(), publicUrl: () => config.hall.publicUrl ?? o.publicUrl ?? 'http://localhost:8080', agents, jobs: agentJobs,
      layoutOf: (k) => p.agentLayout(k), statusOf: (k) => p.statusOf(k), report: (k, state, detail) => p.reportStatus(k, state, detail),
      log: (m, err) => log.error({ err }, `printing through an agent: ${m}`),
    }),
  });
  const reports = new ReportService(reportRepo, hall, config, clerkName);
  const staffing = new StaffingService(reportRepo, hall, config);
  const whatIf = new WhatIfService({ hall, days: new DayLogRepository(db), staffing, config, dataDir: o.dataDir, run: workerRunner });
  const centre = new CentreService({
    repo: new CentreLinkRepository(db), inTransaction: () => uow.open, hall, queue, alerts, config,
    log: (msg, err) => log.error({ err }, msg),
  });

  const services = {
    config, clock, revocations, hall, auth, devices, presence, audit, queue, voice, alerts, appointments, notifier, notifications, evaluations, counter, printing, reports, centre, agents,
    visitors, idCards, notices, outbox, guide: new GuideService(queue, appointments, visitors),
    followUps: new FollowUpService(new FollowUpRepository(db), hall, alerts, config, clerkName),
    staffing, whatIf,
    stats: new StatsService(hall, queue, alerts, evaluationRepo, config),
    backups: new BackupService(new BackupRepository(db), join(o.dataDir, 'backups'), () => hall.state.day),
    retention: new RetentionService(new RetentionRepository(db), config, () => hall.state.day),
    admin: new AdminService({ hall, queue, config, alerts }, o.hallFiles ?? null, clock),
    dataDir: o.dataDir,
    /** The tracking page's base URL in QR codes: the hall file's, else this server's LAN address. */
    get publicUrl(): string | undefined { return publicUrl(); },
  };

  const dispatchTimer = new DispatchTimer(queue, clock, (err) => log.error({ err }, 'auto-call or dispatch to ready windows failed'));

  const stops: (() => void)[] = [];
  return {
    ...services,
    /** Begins listening to committed events: printers, auto-call and dispatch's timer, phone notifications, the daily report archive, the district centre's link. */
    start(): void {
      if (stops.length > 0) return;
      printing.start();
      voice.start();
      agents.start();
      stops.push(() => agents.stop());
      stops.push(dispatchTimer.start((fn) => hall.onDurable(fn)));
      stops.push(new NoWindowAlerts(hall, alerts).start());
      stops.push(notifications.start());
      if (notifier instanceof WebhookNotifier) {
        notifier.start();
        stops.push(() => void notifier.stop());
      }
      stops.push(hall.onCommit((batch) => {
        if (batch.some((c) => c.event.type === 'config.reloaded')) setImmediate(() => idCards.reconcile());
      }));
      stops.push(reports.archiveAtReset((err) => log.error({ err }, 'archiving the day report failed')));
      centre.start();
      stops.push(() => centre.stop());
      if (announceRestore(hallRepo, (level, message, subject) => alerts.raise('restored', level, message, subject))) log.info({}, 'restored from a backup: the supervisors are told by an alert');
    },
    /** Ends every listener `start()` began, closes the printers, and commits what is still open. */
    async stop(): Promise<void> {
      for (const s of stops.splice(0)) s();
      if (notifier instanceof WebhookNotifier) await notifier.stop();
      whatIf.stop();
      await Promise.all([printing.close(), voice.close(), idCards.close()]);
      hall.flush();
    },
  };
}
export type Services = ReturnType<typeof createServices>;

/** A clock step in the supervisors' words (Chinese first, as the wall shows alerts). */
function clockText(e: ClockEvent): string {
  const size = (sec: number) => {
    const a = Math.abs(sec);
    const v = a >= 3600 ? `${(a / 3600).toFixed(1)} 小时 h` : a >= 60 ? `${Math.round(a / 60)} 分钟 min` : `${a} 秒 s`;
    return `${sec < 0 ? '向后 back' : '向前 ahead'} ${v}`;
  };
  switch (e.kind) {
    case 'step': return `系统时钟跳变${size(e.bySec)}：大厅未跟随，排队顺序、编号和营业日不变；请校准服务器时间（校准后自动恢复）。The system clock jumped ${size(e.bySec)}: the hall did not follow; fix the server's clock.`;
    case 'in-step': return '系统时钟已恢复正常，大厅重新按系统时间运行。The system clock is right again; the hall follows it again.';
    case 'behind-log': return e.held
      ? `启动时系统时钟比最后记录早${size(e.bySec)}：大厅从最后记录的时间继续，等待系统时钟追上；请校准服务器时间。At start the system clock was ${size(e.bySec)} behind the log: the hall waits for it.`
      : `启动时系统时钟比最后记录早${size(e.bySec)}（超过 1 小时）：按系统时间运行，营业日不会倒退；请确认服务器时间正确。At start the system clock was ${size(e.bySec)} behind the log: the hall follows it (the business day never goes back); check the server's clock.`;
  }
}
