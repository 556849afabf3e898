import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api.ts';

export interface Row { key: string; name: string; issued: number; served: number; called: number; waitMeanSec: number | null; withinTargetShare: number | null; rated: number; satisfaction: number | null; badReviews: number; ratings: number[] }
export interface DistrictReport { kind: string; from: string; to: string; totals: Row; byHall: (Row & { level: string })[]; byService: Row[] }
export interface Indicators { hallId: string; hallName: string; served: number; rated: number; ratedShare: number | null; goodShare: number | null; badShare: number | null; bad: number; callBackOnTimeShare: number | null; resolvedShare: number | null; resolvedOnTimeShare: number | null }
export interface FollowUpAction { status: string; note: string; by: string; at: string; source: 'district' | 'hall' }
export interface FollowUp { id: string; hallId: string; hallName: string; number: string; serviceId: string; score: number; reasons: string[]; ratedAt: string; status: string; callBackDue: string | null; resolveDue: string | null; overdue: string[]; actions: FollowUpAction[] }
export interface Exported { hallName: string; regionCode: string | null; windowName: string; clerkName: string | null; serviceName: string; catalogueCode: string | null; levelName: string; reasons: string[]; ratedAt: string; channelName: string }

/** The reports page: one report, the rating indicators, follow-ups and the export, each loaded on demand. */
export const useReports = defineStore('district-reports', () => {
  const loading = ref(false);
  const error = ref<string | null>(null);
  const report = ref<DistrictReport | null>(null);
  const indicators = ref<Indicators[]>([]);
  const followUps = ref<FollowUp[]>([]);
  const rules = ref<{ callBackWorkingDays: number; resolveWorkingDays: number } | null>(null);
  const exported = ref<Exported[]>([]);

  async function run<T>(f: () => Promise<T>): Promise<T | null> {
    loading.value = true;
    error.value = null;
    try {
      return await f();
    } catch (e) {
      error.value = (e as Error).message;
      return null;
    } finally {
      loading.value = false;
    }
  }
  const q = (from: string, to: string) => (from === to ? `day?date=${from}` : `range?from=${from}&to=${to}`);
  return {
    loading, error, report, indicators, followUps, rules, exported,
    loadReport: (from: string, to: string) => run(async () => { report.value = await api<DistrictReport>(`/api/district/reports/${q(from, to)}`); }),
    reportPath: (from: string, to: string) => `/api/district/reports/${q(from, to)}`,
    loadIndicators: (from: string, to: string) => run(async () => { indicators.value = (await api<{ halls: Indicators[] }>(`/api/district/ratings?from=${from}&to=${to}`)).halls; }),
    loadFollowUps: () => run(async () => {
      followUps.value = (await api<{ followUps: FollowUp[] }>('/api/district/follow-ups')).followUps;
      rules.value = await api('/api/district/settings/follow-up');
    }),
    record: (id: string, status: 'called-back' | 'resolved', note: string) => run(async () => {
      await api(`/api/district/follow-ups/${id}`, { body: { status, note } });
      followUps.value = (await api<{ followUps: FollowUp[] }>('/api/district/follow-ups')).followUps;
    }),
    loadExport: (from: string, to: string) => run(async () => { exported.value = (await api<{ evaluations: Exported[] }>(`/api/district/evaluations?from=${from}&to=${to}`)).evaluations; }),
  };
});
