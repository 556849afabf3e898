import { describe, expect, it } from 'vitest';
import { configDiff } from './config-diff.ts';

describe('configDiff', () => {
  it('names what changed by path, matching lists of things by id', () => {
    const before = {
      hall: { name: '甲', holidays: ['2027-01-01'] },
      services: [{ id: 'biz', targetWaitSec: 1200 }, { id: 'tax', targetWaitSec: 900 }],
      windows: [{ id: 'W01', skills: ['biz'] }],
    };
    const after = {
      hall: { name: '甲', holidays: ['2027-01-01', '2027-02-16'], notice: '通知' },
      services: [{ id: 'biz', targetWaitSec: 900 }],
      windows: [{ id: 'W01', skills: ['biz', 'tax'] }, { id: 'W02', skills: ['biz'] }],
    };
    expect(configDiff(before, after)).toEqual([
      'hall.holidays: ["2027-01-01"] → ["2027-01-01","2027-02-16"]',
      '+ hall.notice: "通知"',
      'services[biz].targetWaitSec: 1200 → 900',
      '- services[tax]',
      'windows[W01].skills: ["biz"] → ["biz","tax"]',
      '+ windows[W02]',
    ]);
    expect(configDiff(before, structuredClone(before))).toEqual([]);
  });
});
