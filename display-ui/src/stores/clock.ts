import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { clockOffset, laterOffset } from '../lib/hall-clock.ts';

/** The hall's clock: the server's time (learnt from snapshots), ticking once a second. */
export const useClockStore = defineStore('clock', () => {
  const offsetMs = ref(0);
  const timezone = ref('Asia/Shanghai');
  const local = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  function start(): void {
    if (timer) return;
    local.value = Date.now();
    timer = setInterval(() => { local.value = Date.now(); }, 1000);
  }

  function sync(serverNowIso: string, tz?: string): void {
    offsetMs.value = clockOffset(serverNowIso, Date.now());
    if (tz) timezone.value = tz;
    local.value = Date.now();
  }

  /** An event's timestamp: the server's clock is at least there. */
  function observe(serverIso: string): void {
    const t = Date.now();
    offsetMs.value = laterOffset(offsetMs.value, serverIso, t);
    local.value = t;
  }

  /** Hall time in ms, refreshed each second (reactive). */
  const now = computed(() => local.value + offsetMs.value);
  return { offsetMs, timezone, now, local, start, sync, observe };
});
