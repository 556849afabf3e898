import { describe, expect, it } from 'vitest';
import type { HallFacts } from '../../repositories/wall.repository.ts';
import { byTrouble, hallCard } from './card.ts';

const NOW = Date.parse('2026-11-23T03:00:00Z');
const facts = (over: Partial<HallFacts> = {}): HallFacts => ({
  id: 'h', name: '甲', level: 'street', parentId: null, regionCode: null, shippedSeq: 100, seenAt: NOW - 2_000, day: '2026-11-23',
  issued: 10, served: 8, rated: 4, good: 3, waiting: [], openWindows: 2, printers: [], alerts: [],
  heartbeat: { at: NOW, day: '2026-11-23', localSeq: 100, open: true, timezone: 'Asia/Shanghai', catalogueVersion: 2,
    services: [{ id: 'biz', name: '企业开办', targetWaitSec: 600, waiting: 0, longestWaitSec: 0, estimatedWaitSec: 0, openWindows: 1 }], windows: [{ id: 'W01', name: '1', skills: ['biz'] }] },
  ...over,
});

describe('a hall\'s card on the district wall', () => {
  it('Given a quiet hall, When carded, Then no trouble and its figures', () => {
    const c = hallCard(facts(), NOW);
    expect(c).toMatchObject({ online: true, troubles: [], rank: 0, satisfaction: 0.75, issuedToday: 10, servedToday: 8, catalogueVersion: 2, windows: 1 });
  });

  it('Given a wait over its target and no open window, Then both troubles, the critical first', () => {
    const c = hallCard(facts({ waiting: [{ serviceId: 'biz', n: 4, oldest: NOW - 900_000 }], openWindows: 0 }), NOW);
    expect(c.troubles.map((t) => [t.kind, t.level])).toEqual([['no-window-open', 'critical'], ['wait-over-target', 'warning']]);
    expect(c.longestWaitSec).toBe(900);
    expect(c.waiting).toBe(4);
    expect(c.troubles[1].text).toBe('企业开办最长等候 15 分钟（目标 10）');
  });

  it('Given silence for more than 30 s, Then offline; never heard, a warning; a printer out, critical', () => {
    expect(hallCard(facts({ seenAt: NOW - 31_000 }), NOW).troubles[0]).toMatchObject({ kind: 'offline', level: 'critical' });
    expect(hallCard(facts({ seenAt: null, heartbeat: null }), NOW).troubles[0]).toMatchObject({ kind: 'offline', level: 'warning', text: '从未连接' });
    expect(hallCard(facts({ printers: [{ kioskId: 'K1', state: 'paper-out', detail: null }] }), NOW).troubles[0]).toMatchObject({ kind: 'printer', level: 'critical' });
  });

  it('Given a hall whose log is shorter than the centre\'s copy, Then a critical warning (a restored backup would reuse seqs)', () => {
    const f = facts();
    const c = hallCard({ ...f, heartbeat: { ...f.heartbeat!, localSeq: 40 } }, NOW);
    expect(c.troubles[0]).toMatchObject({ kind: 'diverged', level: 'critical' });
  });

  it('orders trouble first, then centre, streets, communities', () => {
    const cards = [
      hallCard(facts({ id: 'c', level: 'community' }), NOW),
      hallCard(facts({ id: 's', level: 'street', seenAt: NOW - 60_000 }), NOW),
      hallCard(facts({ id: 'z', level: 'centre' }), NOW),
    ].sort(byTrouble);
    expect(cards.map((c) => c.id)).toEqual(['s', 'z', 'c']);
  });
});
