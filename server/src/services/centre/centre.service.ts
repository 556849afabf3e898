import { validateHallConfig, type HallConfig } from '@onewindow/config';
import type { CentreLinkStatus, NearbyAnswer, ShippedEvent } from '@onewindow/protocol/centre';
import type { CentreLinkRepository } from '../../repositories/centre-link.repository.ts';
import { applyConfig } from '../admin/admin.service.ts';
import { numberList } from '../admin/restore-notice.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { HallService } from '../hall/hall.service.ts';
import type { QueueService } from '../queue/queue.service.ts';
import { serviceViews } from '../queue/views.ts';
import { withCatalogue } from './catalogue.ts';
import { CentreClient } from './client.ts';
import { CentreLink } from './link.service.ts';
import { lostTickets } from './lost-tickets.ts';
import { centreSettings } from './settings.ts';

const CATALOGUE_REASON = 'district catalogue';

const UNCONFIGURED: Omit<CentreLinkStatus, 'localSeq'> = {
  configured: false, url: null, hallId: null, connected: false, shippedSeq: 0, pending: 0, lastError: null,
  lastShippedAt: null, lastContactAt: null, downSince: null, catalogue: { follows: false, published: null, applied: null, error: null },
};

export interface CentreServiceDeps {
  repo: CentreLinkRepository;
  /** Whether a group commit is open: its events may still roll back, so they wait. */
  inTransaction(): boolean;
  hall: HallService;
  queue: QueueService;
  alerts: Pick<AlertService, 'raise'>;
  /** The live configuration object (a reload replaces its contents in place). */
  config: HallConfig;
  log: (msg: string, err?: unknown) => void;
}

/**
 * The hall's side of the district centre (centre.md): when the hall file's `centre:` block or the
 * ONEWINDOW_CENTRE_* variables name one, a link ships the committed log and heartbeats and follows
 * the district catalogue; without them the hall runs alone and the status says so. Device glue: it
 * only listens to commits and never stands in a visitor's request.
 */
export class CentreService {
  private link: CentreLink | null = null;
  private committed: number;

  constructor(private readonly d: CentreServiceDeps) {
    this.committed = d.repo.lastSeq();
  }

  /** The last seq on disk. */
  private committedSeq(): number {
    if (!this.d.inTransaction()) this.committed = Math.max(this.committed, this.d.repo.lastSeq());
    return this.committed;
  }

  start(): void {
    if (this.link) return;
    const settings = centreSettings(this.d.config);
    if (!settings) return;
    const { hall, queue, config } = this.d;
    const link: CentreLink = new CentreLink({
      repo: this.d.repo, settings, client: new CentreClient(settings.url, settings.key, settings.ca, settings.timeoutMs), timezone: config.hall.timezone,
      now: () => hall.now(),
      committedSeq: () => this.committedSeq(),
      startSeq: hall.openedSeq,
      onCommit: (fn) => hall.onCommit((batch) => {
        this.committed = Math.max(this.committed, ...batch.map((c) => c.seq));
        fn(batch.map((c) => c.event.type));
        // The hall file reloaded (SIGHUP, the admin console): the catalogue goes back over it.
        if (batch.some((c) => c.event.type === 'config.reloaded' && !String((c.event as { reason?: string }).reason).startsWith(CATALOGUE_REASON))) {
          setImmediate(() => this.link?.reapply());
        }
      }),
      summary: () => {
        const v = queue.views();
        return {
          at: v.now, day: hall.state.day, open: queue.isOpen(v.now), timezone: config.hall.timezone,
          services: serviceViews(v).map((s) => ({ id: s.id, name: s.name, ...(s.nameEn ? { nameEn: s.nameEn } : {}), targetWaitSec: s.targetWaitSec, waiting: s.waiting,
            longestWaitSec: s.longestWaitSec, estimatedWaitSec: s.estimatedWaitSec, openWindows: s.openWindows })),
          windows: config.windows.map((w) => ({ id: w.id, name: w.name, skills: w.skills })),
        };
      },
      applyCatalogue: (c) => {
        const next = validateHallConfig(withCatalogue(config, c), `district catalogue v${c.version}`);
        applyConfig({ hall, queue, config }, next, `${CATALOGUE_REASON} v${c.version}`);
      },
      raiseAlert: (message, subject) => void this.d.alerts.raise('centre-link', 'warning', message, subject),
      onLost: (events, held) => this.lost(events, held),
      log: this.d.log,
    });
    this.link = link;
    link.start();
  }

  /**
   * The restored hall hears which of today's numbers only the centre knows: it numbers on above them
   * (no visitor's number is given twice), and the supervisors learn who may still be in the hall.
   */
  private lost(events: ShippedEvent[], held: number): void {
    const day = this.d.hall.state.day;
    const t = lostTickets(events, day);
    if (t.issued.length === 0) return;
    this.d.hall.raiseNumberFloor(day, t.counters);
    const open = t.open.length ? `其中仍在等候或在窗口的 ${t.open.length} 个：${numberList(t.open)}，请按票根叫号` : '都已办完或离开';
    this.d.alerts.raise('restored', t.open.length ? 'critical' : 'warning',
      `恢复备份后本厅没有今天取的 ${t.issued.length} 个号（${t.issued[0]} 至 ${t.issued[t.issued.length - 1]}，区中心有记录）：${open}。新号接在这些号之后，不会重号`, `centre-lost:${held}`);
  }

  stop(): void {
    this.link?.stop();
    this.link = null;
  }

  /** GET /api/centre/status: connected, how far behind, the last error, the catalogue version run. */
  status(): CentreLinkStatus {
    return this.link?.status() ?? { ...UNCONFIGURED, localSeq: this.committedSeq() };
  }

  /** Other halls that serve a service sooner, as the centre last said (never a call to the centre). */
  nearby(serviceId: string | null): NearbyAnswer {
    return this.link?.nearbyFor(serviceId) ?? { available: false, offers: [] };
  }
}
