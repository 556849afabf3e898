import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { CallView, ServerEventName, ServerMessage, StateSnapshot } from '@onewindow/protocol';
import { openScreenFeed, type ConnectionStatus } from '../api/feed-socket.ts';
import { applyMessage, applySnapshot, emptyFeed, eventTime, missedCalls, type Effect, type FeedState } from '../lib/feed-state.ts';
import { useClockStore } from './clock.ts';

declare global {
  interface Window { __feed?: { readonly status: ConnectionStatus; readonly seq: number; readonly snapshots: number; readonly gaps: number } }
}

export type FeedNotice =
  | { kind: 'snapshot'; first: boolean; missed: CallView[] }
  | { kind: 'event'; name: ServerEventName; message: ServerMessage; effect: Effect };

/**
 * The realtime feed of this screen: the hall as last known and the connection's status. The seq
 * protocol (in order, duplicates dropped, a snapshot after a gap or a reset) is the protocol's feed client's.
 */
export const useFeedStore = defineStore('feed', () => {
  const hall = reactive<FeedState>(emptyFeed());
  const status = ref<ConnectionStatus>('connecting');
  const seq = ref(-1);
  const snapshots = ref(0);
  const synced = ref(false);
  const listeners = new Set<(n: FeedNotice) => void>();
  let conn: ReturnType<typeof openScreenFeed> | null = null;

  const notify = (n: FeedNotice) => { for (const l of listeners) l(n); };

  function onState(s: StateSnapshot): void {
    const before = hall.recentCalls.slice();
    const first = snapshots.value === 0;
    applySnapshot(hall, s);
    seq.value = s.seq;
    snapshots.value++;
    synced.value = true;
    useClockStore().sync(s.hall.now, s.hall.timezone);
    notify({ kind: 'snapshot', first, missed: first ? [] : missedCalls(before, s.recentCalls) });
  }

  function onMessage(m: ServerMessage): void {
    seq.value = m.payload.seq;
    const at = eventTime(m);
    if (at) useClockStore().observe(at);
    const effect = applyMessage(hall, m);
    notify({ kind: 'event', name: m.event, message: m, effect });
  }

  /** Ask for a fresh snapshot (a screen that knows it is behind). */
  function requestState(): void {
    synced.value = false;
    conn?.requestState();
  }

  function connect(token: string): void {
    disconnect();
    conn = openScreenFeed(token, {
      state: onState,
      message: onMessage,
      status: (s) => {
        status.value = s;
        if (s !== 'online') synced.value = false;
      },
    });
  }

  function disconnect(): void {
    conn?.close();
    conn = null;
  }

  function on(fn: (n: FeedNotice) => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  // For technicians (and tests): the connection at a glance from the browser console.
  window.__feed = {
    get status() { return status.value; }, get seq() { return seq.value; },
    get snapshots() { return snapshots.value; }, get gaps() { return conn?.gaps ?? 0; },
  };

  return { hall, status, seq, snapshots, synced, connect, disconnect, on, requestState };
});
