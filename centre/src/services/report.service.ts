import type { Catalogue, Heartbeat } from '@onewindow/protocol/centre';
import type { HallRecord } from '../repositories/hall.repository.ts';
import type { ReportRepository } from '../repositories/report.repository.ts';
import { AppError } from './app-error.ts';
import type { Clock } from './clock.ts';
import { group, type Cell, type DistrictRow } from './reports/figures.ts';
import { pct, toCsv } from './reports/csv.ts';
import type { Viewer } from './wall.service.ts';

export const MAX_RANGE_DAYS = 93;
export const DISTRICT_REPORT_FORMAT = 'onewindow-district-report/1';

export interface Naming {
  halls(): Promise<HallRecord[]>;
  catalogue(): Promise<Catalogue | null>;
  heartbeats(): Promise<Map<string, { body: Heartbeat }>>;
}

export interface DistrictReport {
  format: string; kind: 'day' | 'range'; from: string; to: string; generatedAt: string; hallId: string | null;
  totals: DistrictRow;
  byHall: (DistrictRow & { level: string; parentId: string | null })[];
  byService: DistrictRow[];
  byHallService: (DistrictRow & { hallId: string; serviceId: string })[];
  byDay: DistrictRow[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** The district's reports: by hall, service, day and range, with district totals; CSV for spreadsheets. */
export class ReportService {
  constructor(private readonly repo: ReportRepository, private readonly names: Naming, private readonly clock: Clock) {}

  async report(from: string, to: string, viewer: Viewer, hallId: string | null = null): Promise<DistrictReport> {
    checkRange(from, to);
    const scope = viewer.role === 'hall-viewer' ? viewer.hallId : hallId;
    if (viewer.role === 'hall-viewer' && hallId && hallId !== viewer.hallId) throw new AppError(403, 'FORBIDDEN', 'a hall viewer sees only their own hall');
    const [cells, halls, names] = await Promise.all([this.repo.cells(from, to, scope), this.names.halls(), this.serviceNames()]);
    const hallOf = new Map(halls.map((h) => [h.id, h]));
    const hallName = (id: string) => hallOf.get(id)?.name ?? id;
    const serviceName = (id: string) => names.get(id) ?? id;
    const all = group(cells, () => 'all', () => '全区合计')[0];
    const empty = { key: 'all', name: '全区合计', issued: 0, called: 0, served: 0, waitMeanSec: null, targetBase: 0, withinTarget: 0, withinTargetShare: null, ratings: [0, 0, 0, 0, 0], rated: 0, satisfaction: null, badReviews: 0 };
    const rank = { centre: 0, street: 1, community: 2 } as const;
    // The centre, then the streets, then the communities, as the district lists them.
    const withHalls = (scope ? halls.filter((h) => h.id === scope) : halls).sort((a, b) => rank[a.level] - rank[b.level] || (a.id < b.id ? -1 : 1));
    const byHall = new Map(group(cells, (c) => c.hallId, hallName).map((r) => [r.key, r.row()]));
    return {
      format: DISTRICT_REPORT_FORMAT, kind: from === to ? 'day' : 'range', from, to, generatedAt: new Date(this.clock()).toISOString(), hallId: scope,
      totals: all?.row() ?? empty,
      // Every registered hall has a row, a silent one too: a hall with nothing is worth seeing.
      byHall: withHalls.map((h) => ({ ...(byHall.get(h.id) ?? { ...empty, key: h.id, name: h.name }), level: h.level, parentId: h.parentId })),
      byService: group(cells, (c) => c.serviceId, serviceName).map((r) => r.row()),
      byHallService: group(cells, (c) => `${c.hallId}/${c.serviceId}`, (k) => `${hallName(k.split('/')[0])} · ${serviceName(k.split('/')[1])}`)
        .map((r) => ({ ...r.row(), hallId: r.key.split('/')[0], serviceId: r.key.split('/')[1] })),
      byDay: group(cells, (c: Cell) => c.day, (d) => d).map((r) => r.row()),
    };
  }

  csv(r: DistrictReport): string {
    const cols: Array<[string, (x: DistrictRow) => string | number | null]> = [
      ['代码', (x) => x.key], ['名称', (x) => x.name], ['取号量', (x) => x.issued], ['叫号量', (x) => x.called], ['办件量', (x) => x.served],
      ['平均等候(秒)', (x) => x.waitMeanSec], ['目标内叫号占比', (x) => pct(x.withinTargetShare)], ['评价数', (x) => x.rated],
      ['非常满意', (x) => x.ratings[4]], ['满意', (x) => x.ratings[3]], ['基本满意', (x) => x.ratings[2]], ['不满意', (x) => x.ratings[1]],
      ['非常不满意', (x) => x.ratings[0]], ['满意率', (x) => pct(x.satisfaction)], ['差评数', (x) => x.badReviews],
    ];
    const section = (label: string, rows: DistrictRow[]) => rows.map((x) => [label, ...cols.map(([, f]) => f(x))]);
    return toCsv(['类别', ...cols.map(([h]) => h)], [
      ...section('全区', [r.totals]), ...section('大厅', r.byHall), ...section('服务', r.byService),
      ...section('大厅×服务', r.byHallService), ...(r.kind === 'range' ? section('日期', r.byDay) : []),
    ]);
  }

  /** Service names: the district catalogue's, else the name a hall reports. */
  async serviceNames(): Promise<Map<string, string>> {
    const m = new Map<string, string>();
    for (const hb of (await this.names.heartbeats()).values()) for (const s of hb.body.services) if (!m.has(s.id)) m.set(s.id, s.name);
    for (const s of (await this.names.catalogue())?.services ?? []) m.set(s.id, s.name);
    return m;
  }
}

export function checkRange(from: string, to: string): void {
  if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new AppError(400, 'DATE_INVALID', 'dates are YYYY-MM-DD');
  if (from > to) throw new AppError(422, 'RANGE_INVALID', `the range starts (${from}) after it ends (${to})`);
  if (days(from, to) > MAX_RANGE_DAYS) throw new AppError(422, 'RANGE_TOO_LONG', `a report covers at most ${MAX_RANGE_DAYS} days`);
}

