/**
 * The hall's time on a screen: the server's clock (from each snapshot) rather than the screen's
 * own, which in a hall is often wrong. The offset is re-learnt at every snapshot.
 */
export function clockOffset(serverNowIso: string, localNow: number): number {
  const server = Date.parse(serverNowIso);
  return Number.isFinite(server) ? server - localNow : 0;
}

/**
 * A later sign of the server's time (an event's timestamp) can only move the clock forward: the
 * event is at least as old as its timestamp, so an earlier reading says nothing new.
 */
export function laterOffset(current: number, serverIso: string, localNow: number): number {
  const server = Date.parse(serverIso);
  return Number.isFinite(server) ? Math.max(current, server - localNow) : current;
}
