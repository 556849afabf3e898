import { openFeed, type FeedConnection } from '@onewindow/protocol/client';
import type { ServerMessage, StateSnapshot } from '@onewindow/protocol';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  message(m: ServerMessage): void;
  status(s: ConnectionStatus, detail?: string): void;
}

/** The screens' feed through the protocol's feed client; a refused token is final (the screen was unpaired). */
export function openScreenFeed(token: string, h: FeedHandlers, opts: { retryMs?: number; maxRetryMs?: number } = {}): FeedConnection {
  return openFeed({ token }, {
    state: h.state,
    message: h.message,
    status: (s, detail) => h.status(s === 'refused' ? 'unauthorized' : s, detail),
  }, {
    ...opts,
    socket: { reconnectionDelay: opts.retryMs ?? 1000, reconnectionDelayMax: opts.maxRetryMs ?? 10_000, randomizationFactor: 0.3 },
  });
}
