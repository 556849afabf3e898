import type { ServiceView, WindowView } from '@onewindow/protocol';

export interface MenuGroup {
  /** the configured category, '' for services without one */
  category: string;
  services: ServiceView[];
}

/** The kiosk's menu: the services it offers (all when `offered` is null), grouped by category in configuration order. */
export function menuGroups(services: readonly ServiceView[], offered: readonly string[] | null): MenuGroup[] {
  const groups: MenuGroup[] = [];
  for (const s of services) {
    if (offered && !offered.includes(s.id)) continue;
    const category = s.category ?? '';
    let g = groups.find((x) => x.category === category);
    if (!g) groups.push((g = { category, services: [] }));
    g.services.push(s);
  }
  // Uncategorised services come last, under "other".
  return [...groups.filter((g) => g.category), ...groups.filter((g) => !g.category)];
}

/** The windows that serve a service, open ones first, named in the visitor's language. */
export function servingWindows(service: ServiceView | undefined, windows: readonly WindowView[], english: boolean): { name: string; open: boolean }[] {
  if (!service) return [];
  return service.windowIds
    .map((id) => windows.find((w) => w.id === id))
    .filter((w): w is WindowView => w !== undefined)
    .map((w) => ({ name: english && w.nameEn ? w.nameEn : w.name, open: w.status === 'open' }))
    .sort((a, b) => Number(b.open) - Number(a.open));
}
