import { isoLocal, SCORE_LABELS } from '@onewindow/protocol';
import type { ReportRepository } from '../repositories/report.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { toCsv, pct } from './reports/csv.ts';
import { reasonNames } from './reports/reasons.ts';
import { checkRange, type Naming } from './report.service.ts';
import type { FollowUpService } from './follow-up.service.ts';
import type { Viewer } from './wall.service.ts';

/** How the provincial platform names where a rating came from. */
const CHANNELS: Record<string, { code: string; zh: string }> = {
  'pad-web': { code: '1', zh: '窗口评价器（平板）' },
  'pad-serial': { code: '1', zh: '窗口评价器' },
};

export interface ExportedRating {
  hallId: string; hallName: string; regionCode: string | null; windowId: string; windowName: string; clerkId: string | null; clerkName: string | null;
  serviceId: string; serviceName: string; catalogueCode: string | null; ticketNumber: string; level: number; levelName: string;
  reasons: string[]; ratedAt: string; channel: string; channelName: string;
}

/**
 * 好差评 across the district: every rating as the provincial platform takes it, and the national
 * indicators per hall (评价率, 好评率 and 差评率, 差评按期回访率 and 整改率).
 */
export class EvaluationService {
  constructor(private readonly repo: ReportRepository, private readonly names: Naming, private readonly followUps: FollowUpService, private readonly audit: AuditRepository) {}

  async export(from: string, to: string, viewer: Viewer, actor: string): Promise<ExportedRating[]> {
    checkRange(from, to);
    const scope = viewer.role === 'hall-viewer' ? viewer.hallId : null;
    const [rows, halls, cat, hbs] = await Promise.all([this.repo.ratings(from, to, scope), this.names.halls(), this.names.catalogue(), this.names.heartbeats()]);
    await this.audit.add({ actor, action: 'evaluations.export', detail: { from, to, rows: rows.length } });
    const hall = new Map(halls.map((h) => [h.id, h]));
    const code = new Map((cat?.services ?? []).map((s) => [s.id, s]));
    const tz = (await this.followUps.settings()).timezone;
    return rows.map((r) => {
      const hb = hbs.get(r.hallId)?.body;
      const channel = CHANNELS[r.channel] ?? { code: '9', zh: r.channel };
      return {
        hallId: r.hallId, hallName: hall.get(r.hallId)?.name ?? r.hallId, regionCode: hall.get(r.hallId)?.regionCode ?? null,
        windowId: r.windowId, windowName: hb?.windows.find((w) => w.id === r.windowId)?.name ?? r.windowId,
        clerkId: r.clerkId, clerkName: r.clerkName, serviceId: r.serviceId,
        serviceName: code.get(r.serviceId)?.name ?? hb?.services.find((s) => s.id === r.serviceId)?.name ?? r.serviceId,
        catalogueCode: code.get(r.serviceId)?.code ?? null, ticketNumber: r.number, level: r.score, levelName: SCORE_LABELS[r.score]?.zh ?? String(r.score),
        reasons: reasonNames(r.reasons), ratedAt: isoLocal(r.at, tz), channel: channel.code, channelName: channel.zh,
      };
    });
  }

  csv(rows: ExportedRating[]): string {
    return toCsv(['大厅编码', '大厅名称', '行政区划代码', '窗口编码', '窗口名称', '工作人员编码', '工作人员', '事项编码', '事项名称', '本地事项', '取号', '评价等级', '评价等级名称', '差评原因', '评价时间', '评价渠道', '评价渠道名称'],
      rows.map((r) => [r.hallId, r.hallName, r.regionCode, r.windowId, r.windowName, r.clerkId, r.clerkName, r.catalogueCode, r.serviceName, r.serviceId,
        r.ticketNumber, r.level, r.levelName, r.reasons.join('；'), r.ratedAt, r.channel, r.channelName]));
  }

  /** The national 好差评 indicators per hall over a range. */
  async indicators(from: string, to: string, viewer: Viewer) {
    checkRange(from, to);
    const scope = viewer.role === 'hall-viewer' ? viewer.hallId : null;
    const [cells, halls, follow] = await Promise.all([this.repo.cells(from, to, scope), this.names.halls(), this.followUps.list(viewer, { all: true, from, to })]);
    return (scope ? halls.filter((h) => h.id === scope) : halls).map((h) => {
      const mine = cells.filter((c) => c.hallId === h.id);
      const served = mine.reduce((s, c) => s + c.served, 0);
      const ratings = [0, 1, 2, 3, 4].map((i) => mine.reduce((s, c) => s + c.ratings[i], 0));
      const rated = ratings.reduce((a, b) => a + b, 0);
      const bad = follow.filter((f) => f.hallId === h.id);
      const due = (d: string | null) => d !== null && Date.parse(d) <= Date.now();
      const calledOnTime = bad.filter((f) => f.calledBackAt && f.callBackDue && f.calledBackAt <= f.callBackDue).length;
      const fixedOnTime = bad.filter((f) => f.resolvedAt && f.resolveDue && f.resolvedAt <= f.resolveDue).length;
      const share = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
      return {
        hallId: h.id, hallName: h.name, level: h.level, regionCode: h.regionCode, served, rated, ratings,
        ratedShare: share(rated, served), goodShare: share(ratings[3] + ratings[4], rated), badShare: share(ratings[0] + ratings[1], rated),
        bad: bad.length, callBackOnTimeShare: share(calledOnTime, bad.filter((f) => f.calledBackAt || due(f.callBackDue)).length),
        resolvedShare: share(bad.filter((f) => f.resolvedAt).length, bad.length),
        resolvedOnTimeShare: share(fixedOnTime, bad.filter((f) => f.resolvedAt || due(f.resolveDue)).length),
      };
    });
  }

  indicatorsCsv(rows: Awaited<ReturnType<EvaluationService['indicators']>>): string {
    return toCsv(['大厅编码', '大厅名称', '行政区划代码', '办件量', '评价数', '评价率', '非常满意', '满意', '基本满意', '不满意', '非常不满意', '好评率', '差评率', '差评数', '按期回访率', '整改率', '按期整改率'],
      rows.map((r) => [r.hallId, r.hallName, r.regionCode, r.served, r.rated, pct(r.ratedShare), r.ratings[4], r.ratings[3], r.ratings[2], r.ratings[1], r.ratings[0],
        pct(r.goodShare), pct(r.badShare), r.bad, pct(r.callBackOnTimeShare), pct(r.resolvedShare), pct(r.resolvedOnTimeShare)]));
  }
}
