/** Pairing from the page address (`#pair=CODE`): the helpers live in @onewindow/protocol. */
export { hashWithoutPair, pairCodeFromHash, pairFromAddress } from '@onewindow/protocol';
