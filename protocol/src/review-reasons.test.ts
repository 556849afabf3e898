import { describe, expect, it } from 'vitest';
import { countReviewReasons, REVIEW_REASON_TEXTS, REVIEW_REASONS, reviewReasonCode, reviewReasonText } from './review-reasons.ts';

describe('review reasons', () => {
  it('maps a reason as sent to its code: the code, its zh or en text, or a known synonym', () => {
    expect(reviewReasonCode('repeat')).toBe('repeat');
    expect(reviewReasonCode('需要多次跑')).toBe('repeat');
    expect(reviewReasonCode('等候时间长')).toBe('wait');
    // a vendor's pad writes it its own way
    expect(reviewReasonCode('等待时间长')).toBe('wait');
    expect(reviewReasonCode(' Long wait. ')).toBe('wait');
    expect(reviewReasonCode('窗口空调太冷')).toBeNull();
  });

  it('shows a code in the reader\'s language and unmatched text as given', () => {
    expect(reviewReasonText('repeat', 'zh-CN')).toBe('需要多次跑');
    expect(reviewReasonText('等待时间长', 'en')).toBe('Long wait');
    expect(reviewReasonText('窗口空调太冷', 'en')).toBe('窗口空调太冷');
  });

  it('counts by code, and unmatched text as given', () => {
    expect(countReviewReasons(['wait', '等待时间长', '需要多次跑', '窗口空调太冷', 'wait'])).toEqual([
      { code: 'wait', text: '等候时间长', count: 3 },
      { code: 'repeat', text: '需要多次跑', count: 1 },
      { code: null, text: '窗口空调太冷', count: 1 },
    ]);
  });

  it('has no text or synonym that two codes share', () => {
    const seen = new Map<string, string>();
    for (const code of REVIEW_REASONS) {
      const t = REVIEW_REASON_TEXTS[code];
      for (const text of [code, t.zh, t.en, ...t.synonyms]) {
        const other = reviewReasonCode(text);
        expect(other, `"${text}" of ${code}`).toBe(code);
        seen.set(text, code);
      }
    }
    expect(seen.size).toBeGreaterThan(REVIEW_REASONS.length * 3);
  });
});
