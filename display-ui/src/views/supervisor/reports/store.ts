import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '@onewindow/protocol';
import { staffApi as api } from '../console/use-api.ts';
import { useSessionStore } from '../../../stores/session.ts';
import { consoleError } from '../console/i18n.ts';
import type { Report } from './types.ts';

export type ReportQuery = { kind: 'day'; date?: string } | { kind: 'range'; from: string; to: string };

export function reportPath(q: ReportQuery, format?: 'csv'): string {
  const p = new URLSearchParams();
  if (q.kind === 'day') { if (q.date) p.set('date', q.date); } else { p.set('from', q.from); p.set('to', q.to); }
  if (format) p.set('format', format);
  const qs = p.toString();
  return `/api/reports/${q.kind}${qs ? `?${qs}` : ''}`;
}

/** The report on screen: the query, the answer, progress and errors; the CSV download. */
export const useReportStore = defineStore('console-report', () => {
  const session = useSessionStore();
  const report = ref<Report | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const query = ref<ReportQuery>({ kind: 'day' });

  async function load(q: ReportQuery = query.value): Promise<void> {
    query.value = q;
    loading.value = true;
    error.value = null;
    try {
      report.value = q.kind === 'day' ? await api.call('GET /api/reports/day', { query: q.date ? { date: q.date } : {} })
        : await api.call('GET /api/reports/range', { query: { from: q.from, to: q.to } });
    } catch (e) {
      error.value = consoleError(e);
    } finally {
      loading.value = false;
    }
  }

  /** The same report as CSV (UTF-8 with BOM), saved under the server's file name. */
  async function downloadCsv(): Promise<void> {
    error.value = null;
    try {
      const res = await fetch(reportPath(query.value, 'csv'), { headers: { authorization: `Bearer ${session.token}` } });
      if (!res.ok) {
        const body = await res.json().catch(() => null) as { error?: { code?: string; message?: string } } | null;
        throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'onewindow-report.csv';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      error.value = consoleError(e);
    }
  }

  return { report, loading, error, query, load, downloadCsv };
});
