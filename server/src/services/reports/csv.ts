import type { ReportRow } from './report-row.ts';

/** A report's rows grouped by dimension, in the order the CSV lists them. */
export type CsvSection = { label: string; rows: readonly ReportRow[] };

type Cell = string | number | null;
const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(2)}%`);

const COLUMNS: Array<[string, (r: ReportRow) => Cell]> = [
  ['代码', (r) => r.key],
  ['名称', (r) => r.name],
  ['取号量', (r) => r.issued],
  ['叫号量', (r) => r.called],
  ['办件量', (r) => r.served],
  ['办结', (r) => r.outcomes.done],
  ['一次性告知', (r) => r.outcomes.incomplete],
  ['转介他处', (r) => r.outcomes.referred],
  ['过号', (r) => r.noShows],
  ['转窗/转办', (r) => r.transfers],
  ['取消', (r) => r.cancelled],
  ['日终作废', (r) => r.expired],
  ['平均等候(秒)', (r) => r.waitMeanSec],
  ['P90等候(秒)', (r) => r.waitP90Sec],
  ['最长等候(秒)', (r) => r.waitMaxSec],
  ['目标内叫号占比', (r) => pct(r.withinTargetShare)],
  ['平均办理(秒)', (r) => r.serviceMeanSec],
  ['空闲(秒)', (r) => r.idleSec],
  ['办理中(秒)', (r) => r.servingSec],
  ['暂停(秒)', (r) => r.pausedSec],
  ['评价数', (r) => r.rated],
  ['非常满意', (r) => r.ratings[4]],
  ['满意', (r) => r.ratings[3]],
  ['基本满意', (r) => r.ratings[2]],
  ['不满意', (r) => r.ratings[1]],
  ['非常不满意', (r) => r.ratings[0]],
  ['满意率', (r) => pct(r.satisfaction)],
  ['差评数', (r) => r.badReviews],
];

export const CSV_HEADERS = ['类别', ...COLUMNS.map(([h]) => h)];

/**
 * One rectangular table that spreadsheets open cleanly: UTF-8 with a BOM (Excel then reads the
 * Chinese right), CRLF line ends, RFC 4180 quoting, and text cells that could be taken for a
 * formula (=, +, -, @) prefixed with an apostrophe.
 */
export function reportCsv(sections: readonly CsvSection[], reasons: readonly ReasonCount[] = []): string {
  const lines = [CSV_HEADERS.map(cell).join(',')];
  for (const s of sections) {
    for (const r of s.rows) lines.push([s.label, ...COLUMNS.map(([, get]) => get(r))].map(cell).join(','));
  }
  // Why bad reviews were bad, in the same columns: the code, its words (or the text as given), the count under 差评数.
  const bad = COLUMNS.findIndex(([h]) => h === '差评数');
  for (const r of reasons) {
    const cells: Cell[] = ['差评原因', r.code ?? '', r.text, ...COLUMNS.slice(2).map(() => null)];
    cells[bad + 1] = r.count;
    lines.push(cells.map(cell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** A review reason counted (Report.reviewReasons). */
export interface ReasonCount { code: string | null; text: string; count: number }

export function cell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?%?$/.test(v) ? `'${v}` : v;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
