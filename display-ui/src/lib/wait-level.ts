/** Service-level colours: within target, getting close, over. */
export type WaitLevel = 'none' | 'ok' | 'near' | 'over';

/** The share of the target from which a wait shows as "near". */
export const NEAR_SHARE = 0.75;

export function waitLevel(waitSec: number, targetSec: number, waiting = 1): WaitLevel {
  if (waiting <= 0) return 'none';
  if (targetSec <= 0) return 'ok';
  if (waitSec > targetSec) return 'over';
  if (waitSec >= targetSec * NEAR_SHARE) return 'near';
  return 'ok';
}

const ORDER: WaitLevel[] = ['none', 'ok', 'near', 'over'];
export function worst(...levels: WaitLevel[]): WaitLevel {
  return levels.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'none');
}
