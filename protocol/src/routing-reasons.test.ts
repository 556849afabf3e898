import { describe, expect, it } from 'vitest';
import { IDLE_REASONS, ROUTING_REASONS, routingReasonText } from './routing-reasons.ts';

describe('routing reason codes', () => {
  it('given every code, then it has a Chinese and an English text', () => {
    for (const [code, text] of Object.entries(ROUTING_REASONS)) {
      expect({ code, zh: /[\u4e00-\u9fff]/.test(text.zh), en: /^[A-Z][\x20-\x7e]+$/.test(text.en) }).toEqual({ code, zh: true, en: true });
    }
    expect(Object.keys(ROUTING_REASONS).length).toBeGreaterThan(15);
  });

  it('given a window\'s idle answers, then each is a code of the table', () => {
    for (const code of IDLE_REASONS) expect(ROUTING_REASONS[code]).toBeDefined();
  });

  it('given a code, then the reader\'s language is chosen; an unknown text is shown as it came', () => {
    expect(routingReasonText('first-come', 'zh-CN')).toBe('先到先办');
    expect(routingReasonText('first-come', 'en-US')).toBe('First come, first served');
    expect(routingReasonText('waited 3 min', 'zh-CN')).toBe('waited 3 min');
    expect(routingReasonText(null, 'en')).toBe('');
  });
});
