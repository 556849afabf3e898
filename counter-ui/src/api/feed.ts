import { io } from 'socket.io-client';
import { FEED_AUTH, keepFeed, SeqTracker, type FeedSocketLike, type ServerEventName, type StateSnapshot } from '@onewindow/protocol';

export type FeedStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  event(name: ServerEventName, payload: Record<string, unknown>): void;
  status(s: FeedStatus): void;
}

/**
 * One feed with the seq protocol: a snapshot on (re)connect, events applied in order, duplicates
 * dropped, a fresh snapshot asked for on a gap or a reset. keepFeed keeps it connected, also after
 * the server closed it (a restart).
 */
export function openFeed(token: string, h: FeedHandlers): { close(): void } {
  const tracker = new SeqTracker();
  // WebSocket first (no polling-to-upgrade race on reconnects); long-polling only if it fails.
  const socket = io({ path: '/socket.io', auth: { token, ...FEED_AUTH }, transports: ['websocket', 'polling'], reconnectionDelayMax: 5000 });
  const feed = keepFeed(socket as unknown as FeedSocketLike, {
    status: (s) => h.status(s === 'refused' ? 'unauthorized' : s),
    state: (s) => {
      tracker.reset(s.seq);
      h.state(s);
    },
    event: (name, payload) => {
      const m = payload as Record<string, unknown> & { seq: number; prev: number };
      const verdict = tracker.accept(m);
      if (verdict === 'duplicate') return;
      if (verdict === 'gap' || name === 'hall:reset') feed.requestState();
      else h.event(name, m);
    },
  }, { maxRetryMs: 5000 });
  return { close: feed.close };
}
