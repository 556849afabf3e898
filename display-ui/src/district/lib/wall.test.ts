import { describe, expect, it } from 'vitest';
import type { HallCard } from '@onewindow/protocol/centre';
import { applyChange, byLevel, severity, totals } from './wall.ts';

const card = (id: string, over: Partial<HallCard> = {}): HallCard => ({
  id, name: id, level: 'street', parentId: null, regionCode: null, online: true, lastSeenAt: null, shippedSeq: 0, behind: 0, day: null, open: true,
  waiting: 2, longestWaitSec: 60, openWindows: 1, windows: 2, issuedToday: 10, servedToday: 10, satisfaction: 0.9, catalogueVersion: null, troubles: [], rank: 0, ...over,
});

describe('the district wall\'s list', () => {
  it('puts a hall that falls into trouble on top as it changes', () => {
    const list = [card('a'), card('b'), card('c', { level: 'centre' })].sort(() => 0);
    const next = applyChange(applyChange(list, card('b')), card('b', { rank: 1000, troubles: [{ kind: 'offline', level: 'critical', text: '离线', textEn: 'offline' }] }));
    expect(next.map((h) => h.id)).toEqual(['b', 'c', 'a']);
    expect(severity(next[0])).toBe('critical');
    expect(byLevel(next).centre.map((h) => h.id)).toEqual(['c']);
  });

  it('sums the district: waiting, served, a served-weighted satisfaction', () => {
    const t = totals([card('a', { servedToday: 30, satisfaction: 1 }), card('b', { servedToday: 10, satisfaction: 0.5, online: false })]);
    expect(t).toEqual({ halls: 2, online: 1, waiting: 4, served: 40, satisfaction: 0.875, trouble: 0 });
  });
});
