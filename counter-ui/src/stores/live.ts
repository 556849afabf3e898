import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type { ServerEventName } from '@onewindow/protocol';
import { openCounterFeed, type FeedStatus } from '../api/feed.ts';
import { clockOffset } from '../lib/clock.ts';
import { applyMessage, applySnapshot, emptyLive, type LiveState, type Touched } from '../lib/live.ts';

/** The staff feed: the hall as last heard, the connection, and the hall's clock. */
export const useLiveStore = defineStore('live', () => {
  const state = reactive<LiveState>(emptyLive());
  const status = ref<FeedStatus>('connecting');
  const synced = ref(false);
  /** Not connected, and the hall's state has never come: still joining the hall, not a connection lost. */
  const joining = computed(() => status.value === 'connecting' && !state.hall);
  const offline = computed(() => status.value === 'offline' || status.value === 'connecting');
  const offset = ref(0);
  const now = ref(Date.now());
  const listeners = new Set<(name: ServerEventName | 'state', t: Touched) => void>();
  let feed: ReturnType<typeof openCounterFeed> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;

  function connect(token: string, onUnauthorized: () => void): void {
    disconnect();
    feed = openCounterFeed(token, {
      state(s) {
        applySnapshot(state, s);
        syncClock(s.hall.now, Date.now());
        synced.value = true;
        for (const l of listeners) l('state', {});
      },
      message(m) {
        const touched = applyMessage(state, m);
        for (const l of listeners) l(m.event, touched);
      },
      status(s) {
        status.value = s;
        if (s !== 'online') synced.value = false;
        if (s === 'unauthorized') onUnauthorized();
      },
    });
    ticker ??= setInterval(() => { now.value = Date.now() + offset.value; }, 1000);
    now.value = Date.now() + offset.value;
  }

  /** Follows the hall's clock (from a snapshot, or any answer that carries the hall's time). */
  function syncClock(hallNowIso: string, receivedAt: number): void {
    offset.value = clockOffset(hallNowIso, receivedAt);
    now.value = Date.now() + offset.value;
  }

  function disconnect(): void {
    feed?.close();
    feed = null;
  }

  function on(fn: (name: ServerEventName | 'state', t: Touched) => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  /** True once the hall's state has arrived, false if it has not within `ms`. */
  function whenSynced(ms: number): Promise<boolean> {
    if (synced.value) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { stop(); resolve(false); }, ms);
      const stop = watch(synced, (s) => {
        if (!s) return;
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  return { state, status, synced, joining, offline, now, offset, connect, disconnect, on, syncClock, whenSynced };
});
