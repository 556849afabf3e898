/** Pairing from the page address (`#pair=CODE`): the helpers live in @onewindow/protocol. */
export { hashWithoutPair, pairCodeFromHash } from '@onewindow/protocol';
