import { duration, hours, percent } from '../console/format.ts';
import type { Dimension, ReportRow } from './types.ts';

/** The report tables' columns: a label key (reports.col.*), how to show the figure, where it applies. */
export interface Column {
  key: string;
  get(r: ReportRow): string | number;
  /** Only for these dimensions (else all). */
  only?: Dimension[];
  /** Not for these. */
  not?: Dimension[];
  /** Right-aligned figure. */
  num?: boolean;
}

const n = (x: number | null) => (x === null ? '—' : x);

export const COLUMNS: Column[] = [
  { key: 'issued', get: (r) => n(r.issued), not: ['window', 'clerk'], num: true },
  { key: 'called', get: (r) => r.called, num: true },
  { key: 'served', get: (r) => r.served, num: true },
  { key: 'done', get: (r) => r.outcomes.done, num: true },
  { key: 'incomplete', get: (r) => r.outcomes.incomplete, num: true },
  { key: 'referred', get: (r) => r.outcomes.referred, num: true },
  { key: 'noShows', get: (r) => r.noShows, num: true },
  { key: 'transfers', get: (r) => r.transfers, num: true },
  { key: 'expired', get: (r) => r.expired, not: ['window', 'clerk'], num: true },
  { key: 'waitMean', get: (r) => duration(r.waitMeanSec), num: true },
  { key: 'waitP90', get: (r) => duration(r.waitP90Sec), num: true },
  { key: 'withinTarget', get: (r) => percent(r.withinTargetShare), num: true },
  { key: 'serviceMean', get: (r) => duration(r.serviceMeanSec), num: true },
  { key: 'serving', get: (r) => hours(r.servingSec), not: ['service'], num: true },
  { key: 'idle', get: (r) => hours(r.idleSec), not: ['service'], num: true },
  { key: 'paused', get: (r) => hours(r.pausedSec), not: ['service'], num: true },
  { key: 'rated', get: (r) => r.rated, num: true },
  { key: 'satisfaction', get: (r) => percent(r.satisfaction), num: true },
  { key: 'bad', get: (r) => r.badReviews, num: true },
];

export function columnsFor(d: Dimension): Column[] {
  return COLUMNS.filter((c) => (!c.only || c.only.includes(d)) && !(c.not ?? []).includes(d));
}
