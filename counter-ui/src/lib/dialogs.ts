/** Small rules of the counter's dialogs, kept out of the components so they can be tested. */

/** The missing documents typed one per line (or separated by ；;、,), cleaned. */
export function missingItems(text: string): string[] {
  return text.split(/[\n；;、，,]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The finish note as stored: for 一次性告知 the missing items, listed in full, then any remark.
 * "缺：营业执照复印件；股东会决议。备注" — capped at the server's 500 characters.
 */
export function finishNote(outcome: string, missing: string, note: string, missingLabel = '缺'): string | undefined {
  const items = outcome === 'incomplete' ? missingItems(missing) : [];
  const parts = [items.length ? `${missingLabel}：${items.join('；')}` : '', note.trim()].filter(Boolean);
  const text = parts.join('。');
  return text ? text.slice(0, 500) : undefined;
}

/**
 * Whether a called visitor may be marked not come (config noShow): called `afterCalls` times (the
 * call and its recalls) or `afterSec` seconds since the first call; and how far it is from that.
 */
export function noShowStanding(
  step: { calledAt: string | null; recalls: number } | null, now: number, rule: { afterCalls: number; afterSec: number } | undefined,
): { ready: boolean; calls: number; sinceSec: number; afterCalls: number; afterSec: number; leftSec: number } {
  const calls = (step?.recalls ?? 0) + 1;
  const sinceSec = step?.calledAt ? Math.max(0, Math.floor((now - Date.parse(step.calledAt)) / 1000)) : 0;
  const afterCalls = rule?.afterCalls ?? 1;
  const afterSec = rule?.afterSec ?? 0;
  const ready = !rule || calls >= afterCalls || sinceSec >= afterSec;
  return { ready, calls, sinceSec, afterCalls, afterSec, leftSec: ready ? 0 : afterSec - sinceSec };
}

/** The printable 一次性告知书 of a ticket (the counter app's notice page). */
export function noticeUrl(ticketId: string, step?: number): string {
  return `/counter/notice/${encodeURIComponent(ticketId)}${step === undefined ? '' : `?step=${step}`}`;
}

/** A ticket number as typed: "a12" → "A12"; null when it cannot be one. */
export function normaliseNumber(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/\s+/g, '');
  return /^[A-Z]{1,2}\d{1,4}$/.test(s) ? s : null;
}

/** A transfer changes something: another matter, or a named window. */
export function transferBody(current: string, serviceId: string, windowId: string, position: 'front' | 'end', note: string) {
  if (serviceId === current && !windowId) return null;
  return {
    ...(serviceId !== current || !windowId ? { serviceId } : {}),
    ...(windowId ? { windowId } : {}),
    position,
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}

/**
 * Whether an open window could call a visitor transferred there now: the named window open, or
 * some open window with the matter's skill (the engine's servableNow). When not, the transfer
 * dialog warns and asks the clerk to confirm: the visitor would wait with nobody to call them.
 */
export function servableNow(windows: ReadonlyArray<{ id: string; status: string; skills: readonly string[] }>, serviceId: string, windowId: string): boolean {
  if (windowId) return windows.find((w) => w.id === windowId)?.status === 'open';
  return windows.some((w) => w.status === 'open' && w.skills.includes(serviceId));
}
