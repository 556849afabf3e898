import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '@onewindow/protocol';
import { api } from '../api/http.ts';
import type { TodayStats } from '../api/types.ts';
import { throttle } from '../lib/throttle.ts';

/** Today's series for the wall's charts: loaded on start, refreshed on hall activity (throttled) and every minute. */
export const useStatsStore = defineStore('stats', () => {
  const data = ref<TodayStats | null>(null);
  const error = ref<{ code: string; message: string } | null>(null);
  const loads = ref(0);
  let token: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight = false;
  let again = false;

  async function load(): Promise<void> {
    if (!token) return;
    if (inFlight) {
      // Asked while loading: the answer on its way may predate the change, so load once more.
      again = true;
      return;
    }
    inFlight = true;
    try {
      data.value = await api.call('GET /api/stats/today', { token });
      error.value = null;
      loads.value++;
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
      error.value = { code: err.code, message: err.message };
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void load();
      }
    }
  }

  const refreshSoon = throttle(() => void load(), 4000);

  function start(t: string): void {
    token = t;
    void load();
    timer ??= setInterval(() => void load(), 60_000);
  }

  function stop(): void {
    token = null;
    refreshSoon.cancel();
    if (timer) clearInterval(timer);
    timer = null;
  }

  return { data, error, loads, start, stop, refreshSoon, load };
});
