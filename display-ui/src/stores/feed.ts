import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { SeqTracker, type CallView, type ServerEventName, type StateSnapshot } from '@onewindow/protocol';
import { openFeed, type ConnectionStatus } from '../api/feed-socket.ts';
import { applyEvent, applySnapshot, emptyFeed, eventTime, missedCalls, type Effect, type FeedState } from '../lib/feed-state.ts';
import { useClockStore } from './clock.ts';

declare global {
  interface Window { __feed?: { readonly status: ConnectionStatus; readonly seq: number; readonly snapshots: number; readonly gaps: number } }
}

export type FeedNotice =
  | { kind: 'snapshot'; first: boolean; missed: CallView[] }
  | { kind: 'event'; name: ServerEventName; payload: unknown; effect: Effect };

/**
 * The realtime feed of this screen: the hall as last known, the connection's status, and the seq
 * protocol (apply in order, drop duplicates, ask for a fresh snapshot on a gap or a reset).
 */
export const useFeedStore = defineStore('feed', () => {
  const hall = reactive<FeedState>(emptyFeed());
  const status = ref<ConnectionStatus>('connecting');
  const seq = ref(-1);
  const snapshots = ref(0);
  const gaps = ref(0);
  const synced = ref(false);
  const tracker = new SeqTracker();
  const listeners = new Set<(n: FeedNotice) => void>();
  let conn: ReturnType<typeof openFeed> | null = null;

  const notify = (n: FeedNotice) => { for (const l of listeners) l(n); };

  function onState(s: StateSnapshot): void {
    const before = hall.recentCalls.slice();
    const first = snapshots.value === 0;
    awaiting = false;
    tracker.reset(s.seq);
    applySnapshot(hall, s);
    seq.value = s.seq;
    snapshots.value++;
    synced.value = true;
    useClockStore().sync(s.hall.now, s.hall.timezone);
    notify({ kind: 'snapshot', first, missed: first ? [] : missedCalls(before, s.recentCalls) });
  }

  /** One request per gap: later events stay gaps until the fresh snapshot arrives. */
  let awaiting = false;
  function requestState(): void {
    synced.value = false;
    if (awaiting || !conn) return;
    awaiting = true;
    conn.requestState();
  }

  function onEvent(name: ServerEventName, payload: unknown): void {
    const verdict = tracker.accept(payload as { seq: number; prev: number });
    if (verdict === 'duplicate') return;
    if (verdict === 'gap') {
      gaps.value++;
      requestState();
      return;
    }
    seq.value = tracker.lastSeq;
    if (name === 'hall:reset') {
      requestState();
      return;
    }
    const at = eventTime(name, payload);
    if (at) useClockStore().observe(at);
    const effect = applyEvent(hall, name, payload as never);
    notify({ kind: 'event', name, payload, effect });
  }

  function connect(token: string): void {
    disconnect();
    conn = openFeed(token, {
      state: onState,
      event: onEvent,
      status: (s) => {
        status.value = s;
        if (s !== 'online') {
          synced.value = false;
          awaiting = false;
        }
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
    get snapshots() { return snapshots.value; }, get gaps() { return gaps.value; },
  };

  return { hall, status, seq, snapshots, gaps, synced, connect, disconnect, on, requestState };
});
