import type { HallConfig } from '@onewindow/config';
import type { Db } from '../repositories/db.ts';
import type { AuthRepository } from '../repositories/auth.repository.ts';
import { FollowUpRepository } from '../repositories/follow-up.repository.ts';
import { ReportRepository } from '../repositories/report.repository.ts';
import { AdminService } from './admin.service.ts';
import type { AlertService } from './alert.service.ts';
import type { AuthService } from './auth.service.ts';
import { FollowUpService } from './follow-up.service.ts';
import type { HallService } from './hall.service.ts';
import type { QueueService } from './queue.service.ts';
import { ReportService } from './report.service.ts';
import { StaffingService } from './staffing.service.ts';

export interface ReportingDeps {
  db: Db;
  hall: HallService;
  queue: QueueService;
  auth: AuthService;
  authRepo: AuthRepository;
  alerts: AlertService;
  config: HallConfig;
  configPath?: string;
}

/**
 * Reports, follow-ups of bad reviews, staffing advice and the admin console's configuration
 * write-back, wired for the composition root. The finished day's report is archived at each reset.
 */
export function reportingServices(d: ReportingDeps) {
  const clerkName = (id: string) => d.auth.userName(id);
  const reportRepo = new ReportRepository(d.db);
  const reports = new ReportService(reportRepo, d.hall, d.config, clerkName);
  reports.archiveAtReset((err) => console.error('OneWindow: archiving the day report failed', err));
  return {
    reports,
    followUps: new FollowUpService(new FollowUpRepository(d.db), d.hall, d.alerts, d.config, clerkName),
    staffing: new StaffingService(reportRepo, d.hall, d.config),
    admin: new AdminService({ hall: d.hall, queue: d.queue, config: d.config }, d.configPath ?? null, (n) => d.authRepo.auditLog(n)),
  };
}
