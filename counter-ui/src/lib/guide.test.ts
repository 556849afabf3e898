import { describe, expect, it } from 'vitest';
import type { TicketView } from '@onewindow/protocol';
import { guideKey, idNumberProblem, minutesLeft, queryKind, reinstatable } from './guide.ts';
import { noShowStanding } from './dialogs.ts';

const RULE = { afterCalls: 3, afterSec: 180, reinstateWithinMin: 30, reinstateBehind: 3 };
const T0 = Date.parse('2026-11-23T02:00:00Z');
const noShow = (id: string, minAgo: number) => ({
  id, number: id, status: 'no-show', steps: [{ status: 'no-show', finishedAt: new Date(T0 - minAgo * 60_000).toISOString() }],
}) as unknown as TicketView;

describe('the guide desk keyboard', () => {
  it('takes letters and digits only outside fields, F-keys and Escape everywhere', () => {
    expect(guideKey({ key: 'r' })).toEqual({ action: 'reinstate' });
    expect(guideKey({ key: 'r', targetTag: 'INPUT' })).toBeNull();
    expect(guideKey({ key: 'F9', targetTag: 'INPUT' })).toEqual({ action: 'issue' });
    expect(guideKey({ key: 'Escape', targetTag: 'TEXTAREA' })).toEqual({ action: 'escape' });
    expect(guideKey({ key: '3' })).toEqual({ service: 3 });
    expect(guideKey({ key: '3', targetTag: 'SELECT' })).toBeNull();
    expect(guideKey({ key: 'ArrowDown', targetTag: 'INPUT' })).toEqual({ action: 'down' });
    expect(guideKey({ key: 'p', ctrlKey: true })).toBeNull();
    expect(guideKey({ key: 'x', repeat: true })).toBeNull();
  });

  it('tells a ticket number, a mobile and a booking code apart', () => {
    expect(queryKind(' a012 ')).toBe('number');
    expect(queryKind('138 1234 5678')).toBe('phone');
    expect(queryKind('k7m2-q9xa')).toBe('code');
    expect(queryKind('12')).toBe('none');
  });
});

describe('no-shows the desk may put back', () => {
  it('offers only those within the hall\'s minutes, the latest first, with the minutes left', () => {
    const list = reinstatable([noShow('A1', 40), noShow('A2', 5), noShow('A3', 29)], T0, RULE);
    expect(list.map((t) => t.id)).toEqual(['A2', 'A3']);
    expect(minutesLeft(list[0], T0, RULE)).toBe(25);
    expect(minutesLeft(noShow('A1', 40), T0, RULE)).toBe(0);
  });
});

describe('the no-show dialog', () => {
  const called = (secAgo: number, recalls: number) => ({ calledAt: new Date(T0 - secAgo * 1000).toISOString(), recalls });
  it('is ready after the hall\'s number of calls or seconds, not before', () => {
    expect(noShowStanding(called(20, 0), T0, RULE)).toMatchObject({ ready: false, calls: 1, sinceSec: 20, leftSec: 160 });
    expect(noShowStanding(called(20, 2), T0, RULE).ready).toBe(true);
    expect(noShowStanding(called(180, 0), T0, RULE).ready).toBe(true);
  });
});

describe('an ID number typed at the desk (GB 11643)', () => {
  it('passes a valid number, an X check character in either case too', () => {
    expect(idNumberProblem('110105199003071239')).toBeNull();
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem(' 11010519491231002x ')).toBeNull();
  });

  it('says what is wrong: too short or not digits, a birth date that does not exist, a wrong check character', () => {
    expect(idNumberProblem('11010519900307123')).toBe('length');
    expect(idNumberProblem('1101051990030712X9')).toBe('length');
    expect(idNumberProblem('110105199002301239')).toBe('date');
    expect(idNumberProblem('110105189003071239')).toBe('date');
    expect(idNumberProblem('110105199003071238')).toBe('check');
    expect(idNumberProblem('110105199003071230')).toBe('check');
  });
});
