/** Device pairing from the page address: `#pair=CODE` (api.md, Pages); the parsing lives in @onewindow/protocol. */
export { pairCodeFromHash, pairFromAddress } from '@onewindow/protocol';

/** Where a screen keeps its token: one per screen, so one PC may drive several window screens. */
export function tokenKey(screen: 'caller' | 'window' | 'supervisor', windowId?: string): string {
  return screen === 'window' ? `onewindow.display.window.${windowId ?? ''}.token` : `onewindow.display.${screen}.token`;
}
