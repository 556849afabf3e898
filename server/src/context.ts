import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { HallConfig } from '@onewindow/config';
import { getPolicy, DEFAULT_POLICY } from './engine/index.ts';
import { hallModel } from './services/hall-model.ts';

export { hallModel };
import { openDatabase, type Db } from './repositories/db.ts';
import { EventRepository } from './repositories/event.repository.ts';
import { HallRepository } from './repositories/hall.repository.ts';
import { IdempotencyRepository } from './repositories/idempotency.repository.ts';
import { AuthRepository } from './repositories/auth.repository.ts';
import { AuthService } from './services/auth.service.ts';
import { HallService, systemClock, type Clock } from './services/hall.service.ts';
import { QueueService } from './services/queue.service.ts';
import { AlertService } from './services/alert.service.ts';
import { AlertRepository } from './repositories/alert.repository.ts';
import { bookingServices } from './services/booking.ts';
import { BackupService } from './services/backup.service.ts';
import { EvaluationRepository } from './repositories/evaluation.repository.ts';
import { TicketLogRepository } from './repositories/ticket-log.repository.ts';
import { EvaluationService } from './services/evaluation.service.ts';
import { CounterService } from './services/counter.service.ts';
import { PrintingService } from './services/printing.service.ts';
import { reportingServices } from './services/reporting.ts';

export interface ContextOptions {
  config: HallConfig;
  dataDir: string;
  clock?: Clock;
  adminPassword?: string;
  ignoreHours?: boolean;
  policy?: string;
  /** Where phones reach this server when the hall file names no `publicUrl`: its LAN address. */
  publicUrl?: string;
  /** The hall file the configuration came from: the admin console writes changes back to it (absent: read-only). */
  configPath?: string;
}


/** The composition root: one database, its repositories and the services built on them. */
export function createContext(opts: ContextOptions) {
  const clock = opts.clock ?? systemClock;
  const db: Db = openDatabase(opts.dataDir);
  const events = new EventRepository(db);
  const hallRepo = new HallRepository(db);
  const authRepo = new AuthRepository(db);
  const policy = getPolicy(opts.policy ?? DEFAULT_POLICY);
  if (!policy) throw new Error(`unknown routing policy ${opts.policy}`);
  const hall = new HallService({
    db, model: hallModel(opts.config), timezone: opts.config.hall.timezone, dailyReset: opts.config.hall.dailyReset,
    hall: hallRepo, events, idempotency: new IdempotencyRepository(db), policy, clock,
    onListenerError: (err) => console.error('a listener of committed events failed:', err),
  });
  const auth = new AuthService(authRepo, clock);
  const queue = new QueueService(hall, opts.config, (id) => auth.userName(id), { ignoreHours: opts.ignoreHours });
  const alerts = new AlertService(new AlertRepository(db), hall, opts.config);
  const booking = bookingServices(db, hall, queue, opts.config); // appointments, the check-in hook, notifications
  const backups = new BackupService(db, join(opts.dataDir, 'backups'));
  const evaluations = new EvaluationService(new EvaluationRepository(db), hall, alerts, (id) => auth.userName(id));
  const counter = new CounterService(hall, new TicketLogRepository(db), (ids) => evaluations.scoresOf(ids), { user: (id) => auth.userName(id), device: (id) => auth.devices().find((d) => d.id === id)?.name ?? id });
  const printing = new PrintingService({ hall, alerts, config: opts.config, dataDir: opts.dataDir, views: () => queue.views(), publicUrl: opts.publicUrl });
  const reporting = reportingServices({ db, hall, queue, auth, authRepo, alerts, config: opts.config, configPath: opts.configPath }); // reports, followUps, staffing, admin
  return { db, clock, config: opts.config, events, hallRepo, authRepo, hall, auth, queue, alerts, backups, booking, printing, evaluations, counter, ...reporting, dataDir: opts.dataDir,
    /** The tracking page's base URL in QR codes: the hall file's, else this server's LAN address. */
    get publicUrl(): string | undefined { return opts.config.hall.publicUrl ?? opts.publicUrl; },
  };
}
export type AppContext = ReturnType<typeof createContext>;

/**
 * The first start creates `admin`: with ONEWINDOW_ADMIN_PASSWORD, or a random password written to
 * the data folder (mode 0600) and returned so the console can print it once.
 */
export async function ensureAdmin(ctx: AppContext, password?: string): Promise<{ created: boolean; password?: string; file?: string }> {
  if (ctx.auth.hasUsers()) return { created: false };
  const pw = password ?? randomBytes(12).toString('base64url');
  await ctx.auth.createUser({ username: 'admin', password: pw, name: '系统管理员', role: 'admin' });
  if (password) return { created: true };
  const file = join(ctx.dataDir, 'initial-admin-password');
  writeFileSync(file, pw + '\n', { mode: 0o600 });
  return { created: true, password: pw, file: existsSync(file) ? file : undefined };
}
