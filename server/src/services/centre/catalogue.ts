import type { HallConfig } from '@onewindow/config';
import type { Catalogue } from '@onewindow/protocol/centre';

/**
 * The hall's configuration with the district catalogue laid over it: each service the hall runs
 * and the catalogue lists (same id) takes the catalogue's name, English name, prefix and target.
 * Services only the catalogue lists are not added: no window here is skilled for them. Pure.
 */
export function withCatalogue(config: HallConfig, catalogue: Catalogue): HallConfig {
  const byId = new Map(catalogue.services.map((s) => [s.id, s]));
  const next = structuredClone(config);
  next.services = next.services.map((s) => {
    const c = byId.get(s.id);
    if (!c) return s;
    return { ...s, name: c.name, prefix: c.prefix, targetWaitSec: c.targetWaitSec, ...(c.nameEn ? { nameEn: c.nameEn } : {}) };
  });
  return next;
}
