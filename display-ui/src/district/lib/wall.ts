import type { HallCard, HallLevelName } from '@onewindow/protocol/centre';

const LEVEL_ORDER: Record<HallLevelName, number> = { centre: 0, street: 1, community: 2 };
const ZH = new Intl.Collator('zh-CN');

/** Trouble first (the centre's rank), then the centre, streets, communities, then by name. Same order as the centre's. */
export function byTrouble(a: HallCard, b: HallCard): number {
  return b.rank - a.rank || LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || ZH.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
}

/** A `hall:changed` laid into the list: replaced (or added) and the order kept. */
export function applyChange(halls: readonly HallCard[], card: HallCard): HallCard[] {
  return [...halls.filter((h) => h.id !== card.id), card].sort(byTrouble);
}

export function byLevel(halls: readonly HallCard[]): Record<HallLevelName, HallCard[]> {
  const out: Record<HallLevelName, HallCard[]> = { centre: [], street: [], community: [] };
  for (const h of halls) out[h.level].push(h);
  return out;
}

export interface WallTotals { halls: number; online: number; waiting: number; served: number; satisfaction: number | null; trouble: number }

export function totals(halls: readonly HallCard[]): WallTotals {
  let rated = 0;
  let good = 0;
  for (const h of halls) {
    if (h.satisfaction === null || h.servedToday === 0) continue;
    rated += h.servedToday;
    good += h.satisfaction * h.servedToday;
  }
  return {
    halls: halls.length, online: halls.filter((h) => h.online).length, waiting: halls.reduce((s, h) => s + h.waiting, 0),
    served: halls.reduce((s, h) => s + h.servedToday, 0), satisfaction: rated ? good / rated : null,
    trouble: halls.filter((h) => h.troubles.length > 0).length,
  };
}

/** The worst a hall has: what colours its tile. */
export function severity(h: HallCard): 'ok' | 'warning' | 'critical' {
  if (h.troubles.some((t) => t.level === 'critical')) return 'critical';
  return h.troubles.length ? 'warning' : 'ok';
}

export const minutes = (sec: number) => Math.round(sec / 60);
export const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
