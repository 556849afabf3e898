/** `#pair=12345678` → "12345678"; null when the address carries no pairing code. */
export function pairCodeFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('pair')?.trim() ?? '';
  return /^\d{4,16}$/.test(code) ? code : null;
}

/** The hash without its pairing code, so a reload does not try the used code again. */
export function hashWithoutPair(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('pair');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/** Which page of the app: the pad below /counter/pad, otherwise the clerk's terminal. */
export function viewOf(pathname: string): 'pad' | 'terminal' {
  return /\/counter\/pad(\/|$)/.test(pathname) ? 'pad' : 'terminal';
}
