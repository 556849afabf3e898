import { describe, expect, it } from 'vitest';
import type { ServiceView, StateSnapshot, WindowView } from '@onewindow/protocol';
import { applyMessage, LiveFeed, type LiveHall } from './live.ts';

const svc = (id: string, waiting: number): ServiceView => ({
  id, name: id, prefix: 'A', targetWaitSec: 600, waiting, longestWaitSec: 0, estimatedWaitSec: waiting * 300, windowIds: ['W01'], openWindows: 1,
});
const win = (id: string, status: WindowView['status']): WindowView => ({
  id, name: id, skills: ['biz'], status, phase: status === 'open' ? 'idle' : 'closed', clerk: null, pauseReason: null,
  since: '', freeSince: '', currentTicket: null, servedToday: 0, held: [],
});
const snapshot = (seq: number): StateSnapshot => ({
  seq, feed: 'kiosk:K1', hall: null as never, services: [svc('biz', 0), svc('tax', 1)], windows: [win('W01', 'closed')],
  recentCalls: [], tickets: [], alerts: [], printers: [], evaluation: null,
});

describe('applyMessage', () => {
  const h: LiveHall = { hall: null, services: [svc('biz', 0), svc('tax', 1)], windows: [win('W01', 'closed')], printers: [] };

  it('takes fresh counts from ticket events and windows from window events', () => {
    const a = applyMessage(h, 'ticket:issued', { services: [svc('biz', 1)] }) as LiveHall;
    expect(a.services.map((s) => s.waiting)).toEqual([1, 1]);
    const b = applyMessage(a, 'window:changed', { window: win('W01', 'open'), services: [svc('tax', 0)] }) as LiveHall;
    expect(b.windows[0].status).toBe('open');
    expect(b.services.map((s) => s.waiting)).toEqual([1, 0]);
  });

  it('keeps one status per printer and asks for a snapshot after a reset', () => {
    const a = applyMessage(h, 'printer:status', { printer: { kioskId: 'K1', state: 'paper-out', at: '' } }) as LiveHall;
    const b = applyMessage(a, 'printer:status', { printer: { kioskId: 'K1', state: 'ok', at: '' } }) as LiveHall;
    expect(b.printers).toEqual([{ kioskId: 'K1', state: 'ok', at: '' }]);
    expect(applyMessage(h, 'hall:reset', {})).toBe('refresh');
  });
});

describe('LiveFeed', () => {
  it('applies in order, drops duplicates and asks for a snapshot on a gap', () => {
    const feed = new LiveFeed();
    const first = feed.snapshot(snapshot(10));
    expect(first.kind).toBe('snapshot');
    const hall = (first as { hall: LiveHall }).hall;
    expect(feed.message(hall, 'ticket:issued', { seq: 11, prev: 10, services: [svc('biz', 1)] }).kind).toBe('apply');
    expect(feed.message(hall, 'ticket:issued', { seq: 11, prev: 10, services: [svc('biz', 1)] }).kind).toBe('ignore');
    expect(feed.message(hall, 'ticket:issued', { seq: 15, prev: 13, services: [svc('biz', 3)] }).kind).toBe('refresh');
  });

  it('ignores nothing before its first snapshot: it asks for one', () => {
    const feed = new LiveFeed();
    expect(feed.message({ hall: null, services: [], windows: [], printers: [] }, 'ticket:issued', { seq: 1, prev: 0 }).kind).toBe('refresh');
  });
});
