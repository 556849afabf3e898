import { describe, expect, it } from 'vitest';
import type { WhatIfResult } from '@onewindow/protocol';
import { problems, requestOf, shiftsFrom, triedOf, verdictOf, type Draft } from './plan.ts';
import { whatIfOption } from './chart.ts';

const windows = [{ id: 'W01', skills: ['biz', 'tax'] }, { id: 'W12', skills: ['social'] }];
const draft = (over: Partial<Draft> = {}): Draft => ({ day: '2026-11-23', policy: '', mode: 'open', open: [], shifts: shiftsFrom([], windows, ['09:00', '17:00']), ...over });
const waits = (meanSec: number, maxSec = meanSec * 2) => ({ meanSec, maxSec });
const totals = (meanSec: number) => ({ visits: 90, meanSec, p90Sec: meanSec * 2, maxSec: meanSec * 3 });
const result = (hours: [string, number][], targetSec = 900, unserved = 0): WhatIfResult => ({
  day: '2026-11-23', policy: 'balanced', targetSec, windows: [], left: { neverCalled: 0, unfinished: 0 },
  hours: hours.map(([hour, s]) => ({ hour, visits: 10, actual: waits(600), replayed: waits(500), whatIf: waits(s) })),
  actual: totals(600), replayed: { ...totals(500), unserved: 0 }, whatIf: { ...totals(Math.round(hours.reduce((a, h) => a + h[1], 0) / hours.length)), unserved },
});

describe('the what-if draft', () => {
  it('with no window added, asks for the day as staffed, with the policy when one is chosen', () => {
    expect(requestOf(draft())).toEqual({ day: '2026-11-23' });
    expect(requestOf(draft({ policy: 'fifo' }))).toEqual({ day: '2026-11-23', policy: 'fifo' });
  });

  it('"had W12 opened at 9:00 for 社保": an extra window, its matters only when chosen', () => {
    const d = draft({ open: [{ windowId: 'W12', at: '09:00', skills: ['social'] }, { windowId: 'W01', at: '13:30', skills: [] }] });
    expect(problems(d)).toEqual([]);
    expect(requestOf(d)).toEqual({ day: '2026-11-23', staffing: { open: [{ windowId: 'W12', at: '09:00', skills: ['social'] }, { windowId: 'W01', at: '13:30' }] } });
    expect(triedOf(requestOf(d))).toEqual({ kind: 'open', windows: [{ windowId: 'W12', at: '09:00', skills: ['social'] }, { windowId: 'W01', at: '13:30', skills: [] }] });
    expect(problems(draft({ open: [{ windowId: 'W12', at: '9 am', skills: [] }, { windowId: 'W12', at: '10:00', skills: [] }] })).map((p) => p.key)).toEqual(['time', 'twice']);
  });

  it('a re-planned day sends only the ticked windows, with hours, a break and matters; faults are named by window', () => {
    const shifts = shiftsFrom([{ id: 'W01', opens: '09:30', closes: '16:00', breaks: [['12:00', '13:00']], skills: ['biz'] }], windows, ['09:00', '17:00']);
    expect(shifts[0]).toEqual({ id: 'W01', on: true, opens: '09:30', closes: '16:00', breakFrom: '12:00', breakTo: '13:00', skills: ['biz'] });
    expect(shifts[1]).toMatchObject({ id: 'W12', on: false, opens: '09:00', closes: '17:00', skills: ['social'] });
    const d = draft({ mode: 'windows', shifts });
    expect(requestOf(d)).toEqual({ day: '2026-11-23', staffing: { windows: [{ id: 'W01', opens: '09:30', closes: '16:00', skills: ['biz'], breaks: [['12:00', '13:00']] }] } });
    const bad = draft({ mode: 'windows', shifts: [{ ...shifts[0], closes: '09:00' }, { ...shifts[1], on: true, breakFrom: '18:00', breakTo: '18:30', skills: [] }] });
    expect(problems(bad)).toEqual([{ key: 'hours', windowId: 'W01' }, { key: 'break', windowId: 'W01' }, { key: 'break', windowId: 'W12' }, { key: 'noSkill', windowId: 'W12' }]);
    expect(problems(draft({ mode: 'windows', shifts: shifts.map((s) => ({ ...s, on: false })) }))).toEqual([{ key: 'noWindow' }]);
  });
});

describe('reading a replay', () => {
  it('the advice keeps its promise only with everybody served and every hour within the target', () => {
    expect(verdictOf(result([['09:00', 300], ['10:00', 880]]))).toMatchObject({ meets: true, worstHour: '10:00', worstSec: 880 });
    expect(verdictOf(result([['09:00', 300], ['10:00', 901]]))).toMatchObject({ meets: false, worstHour: '10:00' });
    expect(verdictOf(result([['09:00', 300]], 900, 2))).toMatchObject({ meets: false, unserved: 2 });
  });

  it('charts the three waits by hour in minutes, with the arrivals and the target', () => {
    const o = whatIfOption(result([['09:00', 300], ['10:00', 90]]), { actual: 'a', replayed: 'r', whatIf: 'w', target: 't', visits: 'v' });
    expect(o.xAxis.data).toEqual(['09:00', '10:00']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([['v', [10, 10]], ['a', [10, 10]], ['r', [8.3, 8.3]], ['w', [5, 1.5]], ['t', [15, 15]]]);
  });
});
