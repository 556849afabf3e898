/** Whole minutes a visitor is told: 0 means "soon", anything else at least 1. */
export function waitMinutes(sec: number): number {
  if (!Number.isFinite(sec) || sec <= 30) return 0;
  return Math.max(1, Math.round(sec / 60));
}

/**
 * What a visitor is told about the wait (issue 18): nothing made up when no open window can serve
 * the matter (`noWindow`: 暂无窗口办理), the engine's range where its spread is wide ("约 15–25 分钟"),
 * else the one figure in whole minutes ("soon" under half a minute).
 */
export type WaitWords = { kind: 'no-window' } | { kind: 'soon' } | { kind: 'about'; n: number } | { kind: 'range'; low: number; high: number };
export function waitWords(v: { estimatedWaitSec: number; estimatedWaitRange?: { lowSec: number; highSec: number }; noWindow?: boolean }): WaitWords {
  if (v.noWindow) return { kind: 'no-window' };
  const r = v.estimatedWaitRange;
  if (r && Number.isFinite(r.lowSec) && Number.isFinite(r.highSec) && r.highSec - r.lowSec >= 120) {
    return { kind: 'range', low: Math.floor(r.lowSec / 60), high: Math.max(1, Math.ceil(r.highSec / 60)) };
  }
  const n = waitMinutes(v.estimatedWaitSec);
  return n ? { kind: 'about', n } : { kind: 'soon' };
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
