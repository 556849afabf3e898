/**
 * Device pairing from the page address: a paired device's page opens at `…#pair=CODE` (api.md,
 * Pages). Pure helpers shared by the kiosk, the counter pad and the display screens.
 */

/** A pairing code as it may stand in the address: 4 to 16 digits. */
export const PAIR_CODE_PATTERN = /^\d{4,16}$/;

/** Whether `code` has the form of a pairing code (it may still be unknown, used or expired). */
export function isPairCode(code: string): boolean {
  return PAIR_CODE_PATTERN.test(code);
}

/** `#pair=12345678` → "12345678"; null when the address carries no pairing code. */
export function pairCodeFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('pair')?.trim() ?? '';
  return isPairCode(code) ? code : null;
}

/** The hash without its pairing code, so a reload does not try the used code again. */
export function hashWithoutPair(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('pair');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/** The parts of a browser window that pairing from the address uses (a fake in tests). */
export interface PairingWindow {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

/**
 * A code in the address, now or whenever it changes: `#pair=CODE` opened in a tab that is
 * already open (typed into its address bar, or a link followed) pairs it without a reload. The
 * code leaves the address before `pair` is called, so a reload never tries a used code again.
 * Returns the function that stops listening.
 */
export function pairFromAddress(w: PairingWindow, pair: (code: string) => void): () => void {
  const check = () => {
    const code = pairCodeFromHash(w.location.hash);
    if (!code) return;
    w.history.replaceState(null, '', w.location.pathname + w.location.search + hashWithoutPair(w.location.hash));
    pair(code);
  };
  w.addEventListener('hashchange', check);
  check();
  return () => w.removeEventListener('hashchange', check);
}
