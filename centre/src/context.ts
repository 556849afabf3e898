import type { Pool } from './store/pool.ts';
import { AuditRepository } from './repositories/audit.repository.ts';
import { CatalogueRepository } from './repositories/catalogue.repository.ts';
import { EventRepository } from './repositories/event.repository.ts';
import { HallRepository } from './repositories/hall.repository.ts';
import { ProjectionRepository } from './repositories/projection.repository.ts';
import { ReportRepository } from './repositories/report.repository.ts';
import { RetentionRepository } from './repositories/retention.repository.ts';
import { UserRepository } from './repositories/user.repository.ts';
import { WallRepository } from './repositories/wall.repository.ts';
import { AuthService } from './services/auth.service.ts';
import { CatalogueService } from './services/catalogue.service.ts';
import { systemClock, type Clock } from './services/clock.ts';
import { EvaluationService } from './services/evaluation.service.ts';
import { FollowUpService } from './services/follow-up.service.ts';
import { HallDirectory } from './services/hall-directory.service.ts';
import { IngestService } from './services/ingest.service.ts';
import { RebuildService } from './services/rebuild.service.ts';
import { ReportService, type Naming } from './services/report.service.ts';
import { DEFAULT_CENTRE_RETENTION_DAYS, RetentionService } from './services/retention.service.ts';
import { WallService } from './services/wall.service.ts';

/** The composition root: one pool, its repositories and the services built on them. */
export function createContext(pool: Pool, clock: Clock = systemClock, opts: { retentionDays?: number } = {}) {
  const audit = new AuditRepository(pool);
  const hallRepo = new HallRepository(pool);
  const events = new EventRepository(pool);
  const projections = new ProjectionRepository();
  const store = new CatalogueRepository(pool);
  const reportRepo = new ReportRepository(pool);
  const catalogue = new CatalogueService(store, audit);
  const version = () => catalogue.version();
  const ingest = new IngestService(pool, events, projections, hallRepo, clock, version);
  const halls = new HallDirectory(hallRepo, audit, (id, name) => ingest.rename(id, name));
  const naming: Naming = { halls: () => hallRepo.list(), catalogue: () => catalogue.current(), heartbeats: () => hallRepo.heartbeats() };
  const followUps = new FollowUpService(reportRepo, store, audit, clock);
  return {
    pool, clock, audit, events, catalogue, ingest, halls, followUps,
    auth: new AuthService(new UserRepository(pool), hallRepo, audit),
    wall: new WallService(new WallRepository(pool), clock, version, () => ingest.live),
    reports: new ReportService(reportRepo, naming, clock),
    evaluations: new EvaluationService(reportRepo, naming, followUps, audit),
    rebuild: new RebuildService(pool, events, projections),
    retention: new RetentionService(new RetentionRepository(pool), audit, clock, async () => (await followUps.settings()).timezone, opts.retentionDays ?? DEFAULT_CENTRE_RETENTION_DAYS),
    /** Loads what services keep in memory (heartbeats for nearby offers). */
    async warm(): Promise<void> {
      await ingest.warm(new Map((await hallRepo.list()).map((h) => [h.id, h.name])));
    },
  };
}
export type CentreContext = ReturnType<typeof createContext>;
