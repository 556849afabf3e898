import { io, type Socket } from 'socket.io-client';
import { SeqTracker, type ClientToServerEvents, type ServerEventName, type ServerToClientEvents, type StateSnapshot } from '@onewindow/protocol';

export type FeedStatus = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface FeedHandlers {
  state(s: StateSnapshot): void;
  event(name: ServerEventName, payload: Record<string, unknown>): void;
  status(s: FeedStatus): void;
}

const EVENTS: ServerEventName[] = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated', 'ticket:finished', 'window:changed',
  'evaluation:request', 'evaluation:recorded', 'printer:status', 'alert', 'hall:reset',
];

/**
 * One socket.io connection with the seq protocol: a snapshot on (re)connect, events applied in
 * order, duplicates dropped, a fresh snapshot asked for on a gap or a reset.
 */
export function openFeed(token: string, h: FeedHandlers): { close(): void; socket: Socket } {
  const tracker = new SeqTracker();
  // WebSocket first (no polling-to-upgrade race on reconnects); long-polling only if it fails.
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: '/socket.io', auth: { token }, transports: ['websocket', 'polling'], reconnectionDelayMax: 5000 });
  h.status('connecting');
  socket.on('connect', () => h.status('online'));
  socket.on('disconnect', () => h.status('offline'));
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHORIZED') {
      h.status('unauthorized');
      socket.close();
    } else h.status('offline');
  });
  socket.on('state', (s) => {
    tracker.reset(s.seq);
    h.state(s);
  });
  for (const name of EVENTS) {
    (socket.on as (ev: string, fn: (m: Record<string, unknown> & { seq: number; prev: number }) => void) => void)(name, (m) => {
      const verdict = tracker.accept(m);
      if (verdict === 'duplicate') return;
      if (verdict === 'gap' || name === 'hall:reset') {
        socket.emit('state:request');
        return;
      }
      h.event(name, m);
    });
  }
  return { close: () => socket.close(), socket: socket as unknown as Socket };
}
