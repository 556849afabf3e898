import type { WindowView } from '@onewindow/protocol';

/**
 * A window's name in the screen's language: the hall file's `nameEn` on English screens, else
 * the Chinese name. A call carries only the Chinese name (the one spoken), so screens look the
 * window up by id; an unknown id keeps the name it came with.
 */
export function windowName(windows: readonly Pick<WindowView, 'id' | 'name' | 'nameEn'>[], id: string | null, fallback: string, locale: string): string {
  const w = id === null ? undefined : windows.find((x) => x.id === id);
  if (!w) return fallback;
  return locale === 'en' && w.nameEn ? w.nameEn : w.name;
}
