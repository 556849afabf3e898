import { describe, expect, it } from 'vitest';
import { mergeMessages } from './messages.ts';

describe('mergeMessages', () => {
  it('merges per-feature files into one tree per locale', () => {
    const { messages, conflicts } = mergeMessages({
      './kiosk.zh-CN.ts': { kiosk: { title: '取号' }, common: { ok: '确定' } },
      './kiosk.en.ts': { kiosk: { title: 'Take a number' } },
      './track.zh-CN.ts': { track: { title: '排队进度' }, common: { back: '返回' } },
      './index.ts': { ignored: 'yes' },
    });
    expect(messages['zh-CN']).toEqual({ kiosk: { title: '取号' }, common: { ok: '确定', back: '返回' }, track: { title: '排队进度' } });
    expect(messages.en).toEqual({ kiosk: { title: 'Take a number' } });
    expect(conflicts).toEqual([]);
  });

  it('keeps the first definition of a key and reports the second', () => {
    const { messages, conflicts } = mergeMessages({
      './a.en.ts': { common: { ok: 'OK' } },
      './b.en.ts': { common: { ok: 'Fine', more: { x: 'y' } } },
      './c.en.ts': { common: { ok: { nested: 'no' } } },
    });
    expect(messages.en.common).toEqual({ ok: 'OK', more: { x: 'y' } });
    expect(conflicts).toEqual(['common.ok in b.en.ts (already in a.en.ts)', 'common.ok in c.en.ts (already in a.en.ts)']);
  });
});
