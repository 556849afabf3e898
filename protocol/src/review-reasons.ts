/**
 * Why a visitor gave a bad review (1–2): one list of codes for the pad that asks, the server that
 * stores and counts them, and the console, reports and CSV that show them, in zh-CN and en.
 *
 * api.md lets a pad send `reasons` as free text (a vendor's pad sends "等待时间长"): the server
 * stores each reason as given and maps it to a code where it matches one — the code itself, its
 * Chinese or English text, or a known synonym — and reports count by code, unmatched text as given.
 */
export const REVIEW_REASONS = ['wait', 'slow', 'attitude', 'unclear', 'repeat', 'unprofessional', 'rules', 'complex', 'environment', 'other'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const REVIEW_REASON_TEXTS: Record<ReviewReason, { zh: string; en: string; synonyms: readonly string[] }> = {
  wait: { zh: '等候时间长', en: 'Long wait', synonyms: ['等待时间长', '等候太久', '等待太久', '排队时间长', '排队太久', '等太久', 'waited too long', 'waiting time'] },
  slow: { zh: '办理效率低', en: 'Slow service', synonyms: ['效率低', '办理太慢', '办事慢', 'slow'] },
  attitude: { zh: '服务态度差', en: 'Poor attitude', synonyms: ['态度差', '态度不好', '服务态度不好', 'attitude', 'rude'] },
  unclear: { zh: '告知不清楚', en: 'Unclear information', synonyms: ['告知不清', '解释不清', '说明不清楚', 'unclear'] },
  repeat: { zh: '需要多次跑', en: 'Had to come back', synonyms: ['多次跑', '跑多次', '来回跑', '跑了好几趟', 'came back', 'repeat visit'] },
  unprofessional: { zh: '业务不熟练', en: 'Lack of expertise', synonyms: ['业务不熟', '不专业', 'unprofessional'] },
  rules: { zh: '不按规定办理', en: 'Not by the rules', synonyms: ['不按规定', '违规办理', 'against the rules'] },
  complex: { zh: '手续繁琐', en: 'Too much paperwork', synonyms: ['材料繁琐', '手续复杂', '材料太多', 'paperwork'] },
  environment: { zh: '环境设施差', en: 'Facilities', synonyms: ['环境设施', '环境差', '设施不好', 'facilities', 'environment'] },
  other: { zh: '其他', en: 'Other', synonyms: ['其它'] },
};

/** Case, spaces and punctuation do not tell reasons apart. */
const normal = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

const INDEX = new Map<string, ReviewReason>();
for (const code of REVIEW_REASONS) {
  const t = REVIEW_REASON_TEXTS[code];
  for (const text of [code, t.zh, t.en, ...t.synonyms]) INDEX.set(normal(text), code);
}

/** The code a reason as sent matches, or null when it matches none (it is then shown as given). */
export function reviewReasonCode(reason: string): ReviewReason | null {
  return INDEX.get(normal(reason)) ?? null;
}

/** A reason as a person reads it: the code's text in their language, or the reason as given. */
export function reviewReasonText(reason: string, lang: string): string {
  const code = reviewReasonCode(reason);
  if (!code) return reason;
  return lang.startsWith('zh') ? REVIEW_REASON_TEXTS[code].zh : REVIEW_REASON_TEXTS[code].en;
}

/** Counts of reasons: by code where they match, as given where they do not (most frequent first). */
export function countReviewReasons(reasons: Iterable<string>): { code: ReviewReason | null; text: string; count: number }[] {
  const counts = new Map<string, { code: ReviewReason | null; text: string; count: number }>();
  for (const r of reasons) {
    const code = reviewReasonCode(r);
    const key = code ?? `text:${r.trim()}`;
    const c = counts.get(key) ?? { code, text: code ? REVIEW_REASON_TEXTS[code].zh : r.trim(), count: 0 };
    c.count++;
    counts.set(key, c);
  }
  const order = (c: { code: ReviewReason | null }) => (c.code ? REVIEW_REASONS.indexOf(c.code) : REVIEW_REASONS.length);
  return [...counts.values()].sort((a, b) => b.count - a.count || order(a) - order(b) || a.text.localeCompare(b.text));
}
