import { describe, expect, it } from 'vitest';
import type { WindowView } from '@onewindow/protocol';
import { enabledActions } from './availability.ts';
import { clockOffset, secondsBetween, secondsSince } from './clock.ts';
import { errorKey } from './errors.ts';
import { FACE_COLORS, mouthPath } from './faces.ts';
import { newKey } from './ids.ts';
import { hashWithoutPair, pairCodeFromHash, viewOf } from './pairing.ts';
import { reasonText } from './routing-reason.ts';
import { currentMatter, history, isBooked, servingSec, waitedSec } from './ticket.ts';

const T = Date.parse('2026-11-23T10:00:00.000+08:00');

describe('small helpers', () => {
  it('keeps the hall\'s clock', () => {
    expect(clockOffset('2026-11-23T10:00:00.000+08:00', T - 5000)).toBe(5000);
    expect(clockOffset('nonsense', T)).toBe(0);
    expect(secondsSince('2026-11-23T09:58:30.000+08:00', T)).toBe(90);
    expect(secondsSince(null, T)).toBe(0);
    expect(secondsSince('2026-11-23T10:00:05.000+08:00', T)).toBe(0);
    expect(secondsBetween('2026-11-23T09:58:30.000+08:00', '2026-11-23T10:00:00.000+08:00')).toBe(90);
    expect(secondsBetween(null, '2026-11-23T10:00:00.000+08:00')).toBeNull();
  });

  it('pairs from the address and picks the page', () => {
    expect(pairCodeFromHash('#pair=12345678')).toBe('12345678');
    expect(pairCodeFromHash('#pair=abc')).toBeNull();
    expect(hashWithoutPair('#pair=1234&x=1')).toBe('#x=1');
    expect(viewOf('/counter/pad/')).toBe('pad');
    expect(viewOf('/counter/pad')).toBe('pad');
    expect(viewOf('/counter/')).toBe('terminal');
    expect(viewOf('/counter/paddock')).toBe('terminal');
    expect(viewOf('/counter/guide/')).toBe('guide');
    expect(viewOf('/counter/notice/t-1')).toBe('notice');
    expect(viewOf('/counter/notice/')).toBe('terminal');
  });

  it('offers only the actions that fit the window\'s phase', () => {
    const w = (phase: WindowView['phase'], current = false) => ({ phase, status: phase === 'paused' ? 'paused' : phase === 'closed' ? 'closed' : 'open', currentTicket: current ? {} : null }) as WindowView;
    expect([...enabledActions(w('closed'), true)]).toEqual([]);
    expect([...enabledActions(w('idle'), false)].sort()).toEqual(['call-next', 'call-number', 'pause']);
    expect(enabledActions(w('idle'), true).has('flag')).toBe(true);
    expect([...enabledActions(w('calling', true), false)].sort()).toEqual(['add-matter', 'finish', 'flag', 'hold', 'no-show', 'pause', 'recall', 'start', 'transfer']);
    expect(enabledActions(w('serving', true), false).has('start')).toBe(false);
    expect([...enabledActions(w('paused'), false)]).toEqual(['pause']);
  });

  it('knows the errors it explains', () => {
    expect(errorKey('WINDOW_BUSY')).toBe('errors.WINDOW_BUSY');
    expect(errorKey('SOMETHING_NEW')).toBeNull();
  });

  it('puts routing reasons into Chinese for Chinese readers', () => {
    expect(reasonText('called by number', 'zh-CN')).toBe('按号呼叫');
    expect(reasonText('most pressing: waited 24 min of 10 min target', 'zh-CN')).toBe('最紧迫：已等 24 分钟（目标 10 分钟）');
    expect(reasonText('green channel first; a normal ticket after 2 green in a row', 'zh-CN')).toBe('绿色通道优先；已连续 2 个绿色通道，轮到普通号');
    expect(reasonText('called by number', 'en')).toBe('called by number');
    expect(reasonText('something new', 'zh-CN')).toBe('something new');
    expect(reasonText(null, 'zh-CN')).toBe('');
    // Codes, as the engine writes them now.
    expect(reasonText('green-first', 'zh-CN')).toBe('绿色通道优先');
    expect(reasonText('kept-for-rare', 'en')).toBe('Kept ready for a rare matter; other windows call those waiting');
  });

  it('puts every routing reason the engine writes today into Chinese, leaving no English word', () => {
    // Each phrase of server/src/engine/routing (urgency.ts explain, balanced, fair, fifo) and commands.ts
    const engine = [
      'transferred to the front of the queue', 'green channel first (waited 12 min)',
      'booked visitor, slot due (waited 3 min since slot or arrival)',
      'rare matter: only 2 of 9 open windows can do 不动产登记 (waited 7 min)',
      'booked for a later slot, called early: nobody else is waiting',
      'most pressing: waited 9 min of 10 min target, close to missing it, quick matter (~4 min)',
      'most pressing: waited 24 min of 10 min target; a normal ticket after 3 green in a row; longer matters left to other windows: this one stays ready for a rare matter',
      'green channel first', 'normal ticket after green streak cap', 'first come, first served', 'home service biz, first come, first served',
      'resumed from hold', 'called by number',
    ];
    for (const r of engine) expect(reasonText(r, 'zh-CN'), r).not.toMatch(/\b(?!biz\b)[A-Za-z]{3,}/); // a service id may stay
    expect(reasonText('rare matter: only 2 of 9 open windows can do 不动产登记 (waited 7 min)', 'zh-CN')).toBe('少见事项：开放的 9 个窗口中只有 2 个能办理不动产登记（已等 7 分钟）');
  });

  it('describes a ticket\'s matters', () => {
    const step = (over: object) => ({ serviceId: 'biz', status: 'done', queuedAt: '2026-11-23T09:50:00.000+08:00', windowId: 'W01', clerkId: 'c', targetWindowId: null, calledAt: null, startedAt: null, finishedAt: null, heldAt: null, recalls: 0, outcome: null, note: null, reason: null, ...over });
    const t = { appointmentAt: null, channel: 'kiosk', steps: [step({ calledAt: '2026-11-23T09:55:00.000+08:00' }), step({ serviceId: 'tax', status: 'serving', queuedAt: '2026-11-23T09:58:00.000+08:00', calledAt: '2026-11-23T09:58:00.000+08:00', startedAt: '2026-11-23T09:59:00.000+08:00' })] } as never;
    expect(currentMatter(t)!.serviceId).toBe('tax');
    expect(history(t).map((h) => h.index)).toEqual([0]);
    expect(waitedSec(history(t)[0].step, T)).toBe(300);
    expect(servingSec(currentMatter(t)!, T)).toBe(60);
    expect(waitedSec(step({ calledAt: null }) as never, T)).toBe(600);
    expect(isBooked(t)).toBe(false);
  });

  it('draws faces and makes keys', () => {
    expect(Object.keys(FACE_COLORS)).toEqual(['1', '2', '3', '4', '5']);
    expect(mouthPath(5)).not.toBe(mouthPath(1));
    expect(newKey()).toMatch(/^[0-9a-f]{32}$/);
    expect(newKey(() => new Uint8Array(16).fill(255))).toBe('f'.repeat(32));
  });
});
