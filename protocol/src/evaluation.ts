/** 好差评 levels (GB/T 39734/39735): 5 非常满意 … 1 非常不满意; 1 and 2 are bad reviews. */
export const SCORE_LABELS: Record<number, { zh: string; en: string }> = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
};
export const BAD_SCORE_MAX = 2;
