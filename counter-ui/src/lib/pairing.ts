/** Pairing from the page address (`#pair=CODE`): the helpers live in @onewindow/protocol. */
export { hashWithoutPair, pairCodeFromHash, pairFromAddress } from '@onewindow/protocol';

/** Which page of the app: the pad below /counter/pad, otherwise the clerk's terminal. */
export function viewOf(pathname: string): 'pad' | 'terminal' {
  return /\/counter\/pad(\/|$)/.test(pathname) ? 'pad' : 'terminal';
}
