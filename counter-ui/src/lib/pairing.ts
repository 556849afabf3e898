/** Pairing from the page address (`#pair=CODE`): the helpers live in @onewindow/protocol. */
export { hashWithoutPair, pairCodeFromHash, pairFromAddress } from '@onewindow/protocol';

export type CounterView = 'pad' | 'guide' | 'notice' | 'terminal';

/**
 * Which page of the app: the pad below /counter/pad, the guide desk below /counter/guide, a
 * printable 一次性告知 at /counter/notice/<ticket id>, otherwise the clerk's terminal.
 */
export function viewOf(pathname: string): CounterView {
  if (/\/counter\/pad(\/|$)/.test(pathname)) return 'pad';
  if (/\/counter\/guide(\/|$)/.test(pathname)) return 'guide';
  if (/\/counter\/notice\/[^/]+/.test(pathname)) return 'notice';
  return 'terminal';
}

/** The ticket id of a notice page's address. */
export function noticeTicketOf(pathname: string): string | null {
  const m = /\/counter\/notice\/([^/?#]+)/.exec(pathname);
  return m ? decodeURIComponent(m[1]) : null;
}
