import type { HallState } from './types.ts';
import { serviceDef } from './state.ts';

/** "A012" → 12. */
export function numberSeq(number: string): number {
  const m = /(\d+)$/.exec(number);
  return m ? Number(m[1]) : 0;
}

/** Numbers restart at 001 each business day and are never reused within it; 999 rolls to 1000. */
export function formatNumber(prefix: string, seq: number): string {
  return prefix + String(seq).padStart(3, '0');
}

export function nextNumber(s: HallState, serviceId: string): string {
  const { prefix } = serviceDef(s, serviceId);
  return formatNumber(prefix, (s.counters.get(prefix) ?? 0) + 1);
}
