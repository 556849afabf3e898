import { describe, expect, it } from 'vitest';
import { autoCallChoices, countdownSec, idleWords } from './auto-call.ts';

describe('auto-call on the terminal', () => {
  it('counts down whole seconds to the server\'s autoCallAt, never below zero', () => {
    const at = '2026-11-23T10:00:10+08:00';
    const t0 = Date.parse('2026-11-23T10:00:00+08:00');
    expect(countdownSec({ autoCallAt: at }, t0)).toBe(10);
    expect(countdownSec({ autoCallAt: at }, t0 + 9_001)).toBe(1);
    expect(countdownSec({ autoCallAt: at }, t0 + 10_000)).toBe(0);
    expect(countdownSec({ autoCallAt: at }, t0 + 60_000)).toBe(0);
    expect(countdownSec({ autoCallAt: null }, t0)).toBeNull();
    expect(countdownSec(undefined, t0)).toBeNull();
  });

  it('offers the usual pauses with the hall\'s default and the window\'s own among them', () => {
    expect(autoCallChoices(10, null)).toEqual([5, 10, 15, 30, 60]);
    expect(autoCallChoices(20, 45)).toEqual([5, 10, 15, 20, 30, 45, 60]);
  });

  it('says why a window that asked has nobody, in the reader\'s language; a hold for a rare matter is marked', () => {
    const ready = (reason: string) => ({ ready: { since: '2026-11-23T10:00:00+08:00', reason }, currentTicket: null });
    expect(idleWords(ready('nothing-waiting'), 'zh-CN')).toEqual({ code: 'nothing-waiting', text: '没有本窗口可办理的等候群众', held: false });
    expect(idleWords(ready('kept-for-rare'), 'zh-CN')).toMatchObject({ held: true, text: '本窗口留给少数窗口能办的事项，等候的群众由其他窗口叫号' });
    expect(idleWords(ready('kept-for-rare'), 'en')).toMatchObject({ text: 'Kept ready for a rare matter; other windows call those waiting' });
    expect(idleWords({ ready: null, currentTicket: null }, 'zh-CN')).toBeNull();
  });
});
