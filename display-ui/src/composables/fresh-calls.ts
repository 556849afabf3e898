import { reactive } from 'vue';
import type { CallView } from '@onewindow/protocol';
import { callKey } from '../lib/feed-state.ts';
import { useClockStore } from '../stores/clock.ts';

/** How long a new call blinks on the screens. */
export const BLINK_MS = 8000;

/**
 * Calls that arrived live a moment ago, by local receipt time (the screen's and the server's clocks
 * may disagree; the moment of arrival is what the eye needs).
 */
export function useFreshCalls(ms = BLINK_MS) {
  const clock = useClockStore();
  clock.start();
  const seen = reactive(new Map<string, number>());
  function mark(c: CallView): void {
    seen.set(callKey(c), Date.now());
    for (const [k, t] of seen) if (Date.now() - t > ms * 4) seen.delete(k);
  }
  function isFresh(c: CallView | null | undefined): boolean {
    if (!c) return false;
    const t = seen.get(callKey(c));
    // clock.now ticks each second: reading it makes this re-evaluate as time passes.
    return t !== undefined && clock.local - t < ms;
  }
  return { mark, isFresh };
}
