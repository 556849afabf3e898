import { describe, expect, it } from 'vitest';
import { actionForKey, labelOf, SHORTCUTS } from './shortcuts.ts';

describe('keyboard shortcuts', () => {
  it('maps the legend\'s keys to actions, case-insensitively', () => {
    expect(actionForKey({ key: 'F1' })).toBe('call-next');
    expect(actionForKey({ key: ' ' })).toBe('call-next');
    expect(actionForKey({ key: 'R' })).toBe('recall');
    expect(actionForKey({ key: 's' })).toBe('start');
    expect(actionForKey({ key: 'f' })).toBe('finish');
    expect(actionForKey({ key: 'n' })).toBe('no-show');
    expect(actionForKey({ key: 't' })).toBe('transfer');
    expect(actionForKey({ key: 'p' })).toBe('pause');
    expect(actionForKey({ key: 'h' })).toBe('hold');
    expect(actionForKey({ key: 'c' })).toBe('call-number');
    expect(actionForKey({ key: 'm' })).toBe('add-matter');
    expect(actionForKey({ key: 'g' })).toBe('flag');
    expect(actionForKey({ key: 'x' })).toBeNull();
  });

  it('ignores typing in fields, modifiers, held keys, and Space on a button', () => {
    expect(actionForKey({ key: 'f', targetTag: 'INPUT' })).toBeNull();
    expect(actionForKey({ key: 'f', targetTag: 'textarea' })).toBeNull();
    expect(actionForKey({ key: 'f', editable: true })).toBeNull();
    expect(actionForKey({ key: 'r', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 'F1', repeat: true })).toBeNull();
    expect(actionForKey({ key: ' ', targetTag: 'BUTTON' })).toBeNull();
    expect(actionForKey({ key: 'F1', targetTag: 'BUTTON' })).toBe('call-next');
  });

  it('has one key cap per action and no key used twice', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(labelOf('finish')).toBe('F');
  });
});
