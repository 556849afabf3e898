import type { NearbyOffer } from '@onewindow/protocol/centre';

/** A wait this long at this hall is worth telling about a quicker hall nearby. */
export const LONG_WAIT_SEC = 20 * 60;
/** And the other hall must be quicker by at least this much (the trip there takes time too). */
export const WORTH_SEC = 10 * 60;

/** The offer to show for a ticket's wait, or none. Pure. */
export function offerToShow(waitSec: number, offers: readonly NearbyOffer[]): NearbyOffer | null {
  if (waitSec < LONG_WAIT_SEC) return null;
  const best = [...offers].sort((a, b) => a.estimatedWaitSec - b.estimatedWaitSec)[0];
  return best && best.estimatedWaitSec <= waitSec - WORTH_SEC ? best : null;
}
