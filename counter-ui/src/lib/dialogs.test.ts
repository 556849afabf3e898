import { describe, expect, it } from 'vitest';
import { finishNote, missingItems, normaliseNumber, servableNow, transferBody } from './dialogs.ts';

describe('the counter\'s dialogs', () => {
  it('lists the missing documents of 一次性告知 in full', () => {
    expect(missingItems('营业执照复印件\n 股东会决议；公章、\n')).toEqual(['营业执照复印件', '股东会决议', '公章']);
    expect(finishNote('incomplete', '营业执照复印件\n股东会决议', '')).toBe('缺：营业执照复印件；股东会决议');
    expect(finishNote('incomplete', '身份证', '补齐后可预约')).toBe('缺：身份证。补齐后可预约');
    expect(finishNote('done', '身份证', '')).toBeUndefined();
    expect(finishNote('referred', '', ' 转不动产后台 ')).toBe('转不动产后台');
    expect(finishNote('incomplete', 'x'.repeat(600), '')!.length).toBe(500);
  });

  it('reads a typed ticket number', () => {
    expect(normaliseNumber(' a12 ')).toBe('A12');
    expect(normaliseNumber('AB0012')).toBe('AB0012');
    expect(normaliseNumber('12')).toBeNull();
    expect(normaliseNumber('A12345')).toBeNull();
  });

  it('builds a transfer only when it changes something', () => {
    expect(transferBody('biz', 'biz', '', 'front', '')).toBeNull();
    expect(transferBody('biz', 'tax', '', 'end', ' 先办税 ')).toEqual({ serviceId: 'tax', position: 'end', note: '先办税' });
    expect(transferBody('biz', 'biz', 'W02', 'front', '')).toEqual({ windowId: 'W02', position: 'front' });
    expect(transferBody('biz', 'tax', 'W03', 'front', '')).toEqual({ serviceId: 'tax', windowId: 'W03', position: 'front' });
  });
});

describe('a transfer nobody could call now', () => {
  const windows = [
    { id: 'W03', status: 'open', skills: ['tax', 'social'] },
    { id: 'W05', status: 'paused', skills: ['prop', 'social'] },
    { id: 'W06', status: 'closed', skills: ['fund', 'prop'] },
  ];
  it('is servable when an open window has the skill, or the named window is open', () => {
    expect(servableNow(windows, 'social', '')).toBe(true);
    expect(servableNow(windows, 'social', 'W03')).toBe(true);
  });
  it('is not when every window able to is paused or closed, or the named one is', () => {
    expect(servableNow(windows, 'prop', '')).toBe(false);
    expect(servableNow(windows, 'fund', '')).toBe(false);
    expect(servableNow(windows, 'social', 'W05')).toBe(false);
  });
});
