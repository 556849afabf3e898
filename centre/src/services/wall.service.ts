import type { DistrictSnapshot, HallCard, Heartbeat } from '@onewindow/protocol/centre';
import type { WallRepository } from '../repositories/wall.repository.ts';
import type { Clock } from './clock.ts';
import { AppError } from './app-error.ts';
import { byTrouble, hallCard } from './wall/card.ts';

/** Who may see which halls: the district sees all, a hall-viewer only its own. */
export interface Viewer { role: string; hallId: string | null }

const ALERT_HORIZON_MS = 12 * 3_600_000;

/** The district wall: every hall's card, trouble first; one hall in depth. */
export class WallService {
  constructor(
    private readonly repo: WallRepository,
    private readonly clock: Clock,
    private readonly catalogueVersion: () => Promise<number | null>,
    /** The newest heartbeat of each hall, kept in memory by ingest. */
    private readonly heartbeats: () => ReadonlyMap<string, { at: number; hb: Heartbeat }>,
  ) {}

  async snapshot(viewer: Viewer): Promise<DistrictSnapshot> {
    const now = this.clock();
    const facts = await this.repo.facts(viewer.role === 'hall-viewer' ? viewer.hallId : null, now - ALERT_HORIZON_MS, this.heartbeats());
    return { at: new Date(now).toISOString(), halls: facts.map((f) => hallCard(f, now)).sort(byTrouble), catalogueVersion: await this.catalogueVersion() };
  }

  async card(hallId: string): Promise<HallCard | null> {
    const now = this.clock();
    const [f] = await this.repo.facts(hallId, now - ALERT_HORIZON_MS, this.heartbeats());
    return f ? hallCard(f, now) : null;
  }

  /** One hall in depth: its card, every service with its queue and today's figures, every window. */
  async detail(hallId: string, viewer: Viewer) {
    if (viewer.role === 'hall-viewer' && viewer.hallId !== hallId) throw new AppError(403, 'FORBIDDEN', 'a hall viewer sees only their own hall');
    const now = this.clock();
    const [f] = await this.repo.facts(hallId, now - ALERT_HORIZON_MS, this.heartbeats());
    if (!f) throw new AppError(404, 'UNKNOWN_HALL', `no hall ${hallId}`);
    const card = hallCard(f, now);
    const today = f.day ? await this.repo.servicesToday(hallId, f.day) : [];
    const windows = await this.repo.windows(hallId);
    const hb = f.heartbeat;
    const serviceIds = [...new Set([...(hb?.services ?? []).map((s) => s.id), ...today.map((s) => s.serviceId), ...f.waiting.map((w) => w.serviceId)])];
    return {
      hall: card,
      services: serviceIds.map((id) => {
        const s = hb?.services.find((x) => x.id === id);
        const w = f.waiting.find((x) => x.serviceId === id);
        const t = today.find((x) => x.serviceId === id);
        const longest = w ? Math.max(0, Math.round((now - w.oldest) / 1000)) : 0;
        return {
          id, name: s?.name ?? id, nameEn: s?.nameEn ?? null, targetWaitSec: s?.targetWaitSec ?? null,
          waiting: w?.n ?? 0, longestWaitSec: longest, estimatedWaitSec: s?.estimatedWaitSec ?? null,
          overTarget: !!s && longest > s.targetWaitSec && (w?.n ?? 0) > 0,
          issuedToday: t?.issued ?? 0, servedToday: t?.served ?? 0, satisfaction: t?.rated ? Math.round((t.good / t.rated) * 10_000) / 10_000 : null,
        };
      }),
      windows: [...new Set([...(hb?.windows ?? []).map((w) => w.id), ...windows.map((w) => w.windowId)])].map((id) => {
        const def = hb?.windows.find((w) => w.id === id);
        const st = windows.find((w) => w.windowId === id);
        return {
          id, name: def?.name ?? id, skills: def?.skills ?? [], status: st?.status ?? 'closed', clerkId: st?.clerkId ?? null,
          pauseReason: st?.pauseReason ?? null, since: st ? new Date(st.since).toISOString() : null,
          currentNumber: st?.currentNumber ?? null, currentServiceId: st?.currentServiceId ?? null,
        };
      }),
      printers: f.printers,
      alerts: f.alerts,
    };
  }
}
