/** Device pairing from the page address: `#pair=CODE` (api.md, Pages). */
export function pairCodeFromHash(hash: string): string | null {
  const m = /(?:^#|&)pair=\s*(\d{4,16})\s*(?:&|$)/.exec(hash);
  return m ? m[1] : null;
}

/** Where a screen keeps its token: one per screen, so one PC may drive several window screens. */
export function tokenKey(screen: 'caller' | 'window' | 'supervisor', windowId?: string): string {
  return screen === 'window' ? `onewindow.display.window.${windowId ?? ''}.token` : `onewindow.display.${screen}.token`;
}
