import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRoute, supervisorPath } from './route.ts';
import { pairCodeFromHash, tokenKey } from './pairing.ts';
import { throttle } from './throttle.ts';
import { waitLevel, worst } from './wait-level.ts';
import { clockDuration, minutesCeil, secondsBetween, timeOfDay } from './duration.ts';
import { windowScreen } from './window-screen.ts';
import { clockOffset, laterOffset } from './hall-clock.ts';
import { isMandarinCN } from './speech-output.ts';
import { at, windowView } from '../../test/fixtures.ts';

describe('routes', () => {
  it('tells the screens apart by path', () => {
    expect(parseRoute('/display/')).toEqual({ kind: 'caller' });
    expect(parseRoute('/display/window/W03')).toEqual({ kind: 'window', windowId: 'W03' });
    expect(parseRoute('/display/supervisor/')).toEqual({ kind: 'supervisor', section: 'wall', rest: [] });
    expect(parseRoute('/display/supervisor/admin/users/7')).toEqual({ kind: 'supervisor', section: 'admin', rest: ['users', '7'] });
    expect(parseRoute('/display/nope').kind).toBe('unknown');
    expect(supervisorPath('wall')).toBe('/display/supervisor/');
    expect(supervisorPath('follow-ups')).toBe('/display/supervisor/follow-ups');
    expect(supervisorPath('admin', ['users'])).toBe('/display/supervisor/admin/users');
  });

  it('reads a pairing code from the address', () => {
    expect(pairCodeFromHash('#pair=123456')).toBe('123456');
    expect(pairCodeFromHash('#x=1&pair=98765')).toBe('98765');
    expect(pairCodeFromHash('#pair=abc')).toBeNull();
    expect(pairCodeFromHash('')).toBeNull();
    expect(tokenKey('window', 'W02')).not.toBe(tokenKey('window', 'W03'));
  });
});

describe('throttle', () => {
  afterEach(() => { vi.useRealTimers(); });
  it('runs at once, then once more at the end of the interval however often it is asked', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t(); t(); t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    t.cancel();
  });
});

describe('levels and durations', () => {
  it('colours a wait against its target', () => {
    expect(waitLevel(100, 1200)).toBe('ok');
    expect(waitLevel(900, 1200)).toBe('near');
    expect(waitLevel(1201, 1200)).toBe('over');
    expect(waitLevel(5000, 1200, 0)).toBe('none');
    expect(worst('ok', 'over', 'near')).toBe('over');
  });

  it('formats durations and hall times', () => {
    expect(clockDuration(75)).toBe('1:15');
    expect(clockDuration(3725)).toBe('1:02:05');
    expect(minutesCeil(61)).toBe(2);
    expect(secondsBetween(at(0), Date.parse(at(2)))).toBe(120);
    expect(secondsBetween(null, 0)).toBe(0);
    expect(timeOfDay(Date.parse(at(5, 9)), 'Asia/Shanghai')).toBe('10:05:09');
    expect(clockOffset(at(1), Date.parse(at(0)))).toBe(60_000);
    expect(laterOffset(60_000, at(5), Date.parse(at(0)))).toBe(300_000);
    expect(laterOffset(60_000, at(0), Date.parse(at(0)))).toBe(60_000);
  });

  it('recognises mainland Mandarin voices only', () => {
    expect(['zh-CN', 'zh_CN', 'cmn-Hans-CN', 'cmn-CN'].every(isMandarinCN)).toBe(true);
    expect(['zh-TW', 'zh-HK', 'en-US', 'yue-HK'].some(isMandarinCN)).toBe(false);
  });
});

describe('window screen content', () => {
  const cur = { id: 't1', number: 'A012', serviceId: 'biz', priority: 'normal' as const, status: 'called' as const, calledAt: at(1), startedAt: null, reason: null };
  it('says calling, serving, paused, closed or idle, with the same line for LED screens', () => {
    expect(windowScreen(windowView({ phase: 'calling', currentTicket: cur }))).toMatchObject({ state: 'calling', number: 'A012', led: 'A012 请到1号综合窗口', clerk: '张敏' });
    expect(windowScreen(windowView({ phase: 'serving', currentTicket: { ...cur, status: 'serving', startedAt: at(2) } }))).toMatchObject({ state: 'serving', since: at(2), led: 'A012 正在办理' });
    expect(windowScreen(windowView({ phase: 'paused', status: 'paused', pauseReason: '午休' }))).toMatchObject({ state: 'paused', reason: '午休', led: '1号综合窗口 暂停服务（午休）' });
    expect(windowScreen(windowView({ phase: 'closed', status: 'closed' }))).toMatchObject({ state: 'closed', clerk: null });
    expect(windowScreen(windowView())).toMatchObject({ state: 'idle', number: null });
  });
});
