/** Whole minutes a visitor is told: 0 means "soon", anything else at least 1. */
export function waitMinutes(sec: number): number {
  if (!Number.isFinite(sec) || sec <= 30) return 0;
  return Math.max(1, Math.round(sec / 60));
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * A ticket number as a voice reads it: digit by digit, as halls announce them.
 * "A012" → "A零一二" (zh) or "A 0 1 2" (en).
 */
export function spokenNumber(number: string, lang: string): string {
  const zh = lang.startsWith('zh');
  return [...number].map((ch) => (/\d/.test(ch) ? (zh ? ZH_DIGITS[Number(ch)] : ch) : ch)).join(zh ? '' : ' ');
}

/** Names joined the way each language lists them. */
export function listNames(names: readonly string[], lang: string): string {
  return names.join(lang.startsWith('zh') ? '、' : ', ');
}

/** Characters typed on the check-in keypad: upper case, only what a booking code may hold. */
export function normaliseCode(input: string, max = 16): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, max);
}
