import { describe, expect, it } from 'vitest';
import type { TicketLogRow } from '../../repositories/ticket-log.repository.ts';
import { buildTimeline } from './timeline.ts';

const M = 60_000;
let seq = 0;
const row = (at: number, type: string, windowId: string | null, data: Record<string, unknown> = {}, actor = 'user:c1'): TicketLogRow =>
  ({ seq: ++seq, at: at * M, type, windowId, actor, data });

describe('a visit rebuilt from the log', () => {
  it('Given a transfer to a window, then phases per matter and entries with their matter', () => {
    const t = buildTimeline([
      row(0, 'ticket.issued', null, { ticket: { steps: [{ serviceId: 'biz' }] } }, 'device:k1'),
      row(10, 'ticket.called', 'W01', { clerkId: 'c1', reason: 'first come, first served' }),
      row(12, 'ticket.started', 'W01'),
      row(20, 'ticket.transferred', 'W01', { toServiceId: 'tax', toWindowId: 'W03', front: true, note: '先办税' }),
      row(25, 'ticket.called', 'W03', { clerkId: 'c3' }, 'user:c3'),
      row(26, 'ticket.no-show', 'W03', {}, 'user:c3'),
    ]);
    expect(t.phases.map((p) => `${p.matter}:${p.serviceId}:${p.phase}:${p.from / M}-${p.to === null ? '' : p.to / M}:${p.windowId ?? ''}:${p.clerkId ?? ''}`)).toEqual([
      '0:biz:waiting:0-10::', '0:biz:called:10-12:W01:c1', '0:biz:serving:12-20:W01:c1',
      '1:tax:waiting:20-25:W03:', '1:tax:called:25-26:W03:c3',
    ]);
    expect(t.entries.map((e) => `${e.type}:${e.matter}:${e.clerkId ?? ''}`)).toEqual([
      'ticket.issued:0:', 'ticket.called:0:c1', 'ticket.started:0:c1', 'ticket.transferred:0:c1', 'ticket.called:1:c3', 'ticket.no-show:1:c3',
    ]);
    expect(t.entries[3].detail).toEqual({ toServiceId: 'tax', toWindowId: 'W03', front: true, note: '先办税' });
  });

  it('Given a hold and a further matter, then the rating belongs to the matter just finished', () => {
    const t = buildTimeline([
      row(0, 'ticket.issued', null, { ticket: { steps: [{ serviceId: 'biz' }] } }),
      row(1, 'ticket.called', 'W01', { clerkId: 'c1' }),
      row(2, 'ticket.held', 'W01', { note: '取材料' }),
      row(9, 'ticket.called', 'W01', { clerkId: 'c1', reason: 'resumed from hold' }),
      row(12, 'ticket.finished', 'W01', { outcome: 'done', nextServiceId: 'pickup', note: null }),
      row(12, 'evaluation.requested', 'W01', {}, 'user:c1'),
      row(13, 'evaluation.recorded', 'W01', { score: 5 }, 'device:pad'),
      row(14, 'ticket.flagged', 'W01', { stepIndex: 0, serviceId: 'biz', note: '系统卡顿' }),
      row(15, 'follow-up.recorded', 'W01', { status: 'called-back', note: '已致电', by: '王主任' }, 'user:s1'),
    ]);
    expect(t.phases.map((p) => `${p.matter}:${p.phase}:${p.to === null ? 'open' : (p.to - p.from) / M}`)).toEqual([
      '0:waiting:1', '0:called:1', '0:held:7', '0:called:3', '1:waiting:open',
    ]);
    expect(t.entries.slice(4).map((e) => `${e.type}:${e.matter}:${e.serviceId}:${e.clerkId ?? ''}`)).toEqual([
      'ticket.finished:0:biz:c1', 'evaluation.requested:0:biz:c1', 'evaluation.recorded:0:biz:c1', 'ticket.flagged:0:biz:', 'follow-up.recorded:0:biz:c1',
    ]);
    expect(t.entries[4].detail).toEqual({ outcome: 'done', nextServiceId: 'pickup' });
    // A supervisor's follow-up of the rating is about the matter rated.
    expect(t.entries.at(-1)!.detail).toEqual({ status: 'called-back', note: '已致电' });
  });
});
