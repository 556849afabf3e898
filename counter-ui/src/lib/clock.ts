/** How far the hall server's clock is ahead of this terminal's: waits are measured on the hall's clock. */
export function clockOffset(hallNowIso: string, receivedAt: number): number {
  const t = Date.parse(hallNowIso);
  return Number.isFinite(t) ? t - receivedAt : 0;
}

/** Whole seconds from an ISO instant to `now` (never negative); 0 for none. */
export function secondsSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, Math.floor((now - t) / 1000)) : 0;
}

/** Seconds between two ISO instants, or null when either is missing. */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, Math.round((b - a) / 1000)) : null;
}
