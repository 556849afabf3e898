import { openFeed, type FeedConnection } from '@onewindow/protocol/client';
import type { ServerMessage, StateSnapshot } from '@onewindow/protocol';

export type FeedStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  message(m: ServerMessage): void;
  status(s: FeedStatus): void;
}

/**
 * The terminal's (staff) or the pad's (window) feed through the protocol's feed client: a snapshot
 * on (re)connect, messages in order, kept connected also after the server closed it (a restart).
 */
export function openCounterFeed(token: string, h: FeedHandlers): FeedConnection {
  return openFeed({ token }, {
    state: h.state,
    message: h.message,
    status: (s) => h.status(s === 'refused' ? 'unauthorized' : s),
  }, {
    maxRetryMs: 5000,
    // WebSocket first (no polling-to-upgrade race on reconnects); long-polling only if it fails.
    socket: { transports: ['websocket', 'polling'], reconnectionDelayMax: 5000 },
  });
}
